package com.hydracore.billing.application.error;

/** The thing asked for does not exist for the caller's account (it may exist for another: we never say). */
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message shown to the caller, e.g. "Instance not found". */
    public NotFoundException(String message) {
        super(message);
    }
}

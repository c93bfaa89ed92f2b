package com.hydracore.billing.application.error;

/** The request is valid but the current state does not allow it (e.g. activating a canceled subscription). */
public class ConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message saying why, shown to the caller. */
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

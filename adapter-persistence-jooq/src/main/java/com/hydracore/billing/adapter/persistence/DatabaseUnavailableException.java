package com.hydracore.billing.adapter.persistence;

/** The database could not be opened: unreachable within the timeout, refused the credentials, or a malformed URL. */
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message for the operator. */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

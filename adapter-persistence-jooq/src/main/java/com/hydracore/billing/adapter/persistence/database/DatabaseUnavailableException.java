package com.hydracore.billing.adapter.persistence.database;

/**
 * The database could not be opened: unreachable within the timeout, refused the credentials, a malformed or
 * unsupported URL, or a schema that cannot be migrated. The message is one line meant for the operator.
 */
public class DatabaseUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message for the operator. */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

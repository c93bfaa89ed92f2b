package com.hydracore.billing.bootstrap;

/** A configuration problem, reported as one line naming the variable, and exit code 2. */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception; {@code variable} is the environment variable at fault. */
    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
    }

    /** Creates the exception from a message that already names the variable at fault. */
    public ConfigException(String message) {
        super(message);
    }
}

package com.hydracore.billing.domain.subscription;

/** Thrown when a subscription is asked to move to a status it cannot reach from where it stands. */
public class TransitionRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says why the move is refused. */
    public TransitionRefusedException(String message) {
        super(message);
    }
}

package com.hydracore.billing.domain.validation;

import java.util.List;

/** Thrown when input breaks one or more rules; carries every problem found, not just the first. */
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    /** Creates the exception; {@code violations} must not be empty. */
    public InvalidInputException(List<Violation> violations) {
        super(summary(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an InvalidInputException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    /** Shorthand for a single violation. */
    public static InvalidInputException of(Violation violation) {
        return new InvalidInputException(List.of(violation));
    }

    /** Every problem found, in input order. */
    public List<Violation> violations() {
        return violations;
    }

    /** The same problems located under {@code prefix}. */
    public InvalidInputException under(Object... prefix) {
        return new InvalidInputException(violations.stream().map(v -> v.under(prefix)).toList());
    }

    private static String summary(List<Violation> violations) {
        return violations.stream().map(v -> v.path() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("");
    }
}

package com.hydracore.billing.adapter.rest.http;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import java.util.function.Supplier;

/** A 422: every problem of a request, each already located from the request's root ({@code body}, {@code query}...). */
public class RequestInvalidException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Where a value came from, the first element of every {@code loc}. */
    public enum Location {
        BODY("body"), QUERY("query"), PATH("path"), HEADER("header");

        private final String wireName;

        Location(String wireName) {
            this.wireName = wireName;
        }

        /** As FastAPI writes it. */
        public String wireName() {
            return wireName;
        }
    }

    private final transient List<Violation> violations;

    /** The problems, already located. */
    public RequestInvalidException(List<Violation> violations) {
        super("request invalid", null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a 422 needs at least one problem");
        }
        this.violations = List.copyOf(violations);
    }

    /** {@code problems}, each located under {@code location}. */
    public static RequestInvalidException at(Location location, List<Violation> problems) {
        return new RequestInvalidException(problems.stream().map(v -> v.under(location.wireName())).toList());
    }

    /** Runs {@code call}, turning an application's {@link InvalidInputException} into a 422 under {@code location}. */
    public static <T> T locating(Location location, Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException e) {
            throw at(location, e.violations());
        }
    }

    /** Every problem. */
    public List<Violation> violations() {
        return violations;
    }
}

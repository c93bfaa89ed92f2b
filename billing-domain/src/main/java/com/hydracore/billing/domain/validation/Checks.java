package com.hydracore.billing.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects violations while a value is checked field by field, so a caller learns every problem at once: the one
 * place every source of problems feeds (an adapter decoding its input, the domain's own checks), so that the one
 * rule of reporting lives here.
 *
 * <p>The rule: each path is reported once, by the first problem found there, and a problem at a path also stands
 * for everything below it. A field that could not be decoded is not reported again as missing; a missing id is not
 * reported again as too short; an event that was not an object at all is one problem, not one per field.
 *
 * <p>Mutable and short-lived: create one per validation, call the checks, then {@link #throwIfAny()}.
 */
public final class Checks {

    private final List<Violation> violations = new ArrayList<>();

    /** Records a violation, unless one already recorded is at its path or above it. */
    public Checks add(Violation violation) {
        for (Violation earlier : violations) {
            if (startsWith(violation.path(), earlier.path())) {
                return this;
            }
        }
        violations.add(violation);
        return this;
    }

    /** Records every violation of {@code other}, in order, by the rule of {@link #add}. */
    public Checks addAll(List<Violation> other) {
        other.forEach(this::add);
        return this;
    }

    /**
     * The value {@code construct} builds, when neither it nor any check before found a problem; otherwise throws
     * them all. A value whose constructor checks its own rules is built last, from placeholders where a field is
     * already known to be wrong, so that one answer lists the constructor's problems too (each path once).
     *
     * @throws InvalidInputException listing every problem
     */
    public <T> T build(Supplier<T> construct) {
        T value = null;
        try {
            value = construct.get();
        } catch (InvalidInputException e) {
            addAll(e.violations());
        }
        throwIfAny();
        return value;
    }

    /** Requires a present value; returns whether it was present. */
    public boolean present(String field, Object value) {
        if (value == null) {
            add(Violation.of(field, Violation.MISSING, "Field required", null));
            return false;
        }
        return true;
    }

    /**
     * Requires a string of {@code min}..{@code max} characters that is valid Unicode without NUL ({@link UnicodeText});
     * {@code null} is reported as missing.
     */
    public void text(String field, String value, int min, int max) {
        if (!present(field, value)) {
            return;
        }
        optionalText(field, value, min, max);
    }

    /** Like {@link #text} but {@code null} is allowed. */
    public void optionalText(String field, String value, int min, int max) {
        if (value == null) {
            return;
        }
        if (!UnicodeText.isValid(value)) {
            add(UnicodeText.violation(List.of(field), value));
            return;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            add(Violation.of(field, Violation.STRING_TOO_SHORT,
                    "String should have at least " + min + " character" + (min == 1 ? "" : "s"), value));
        } else if (length > max) {
            add(Violation.of(field, Violation.STRING_TOO_LONG,
                    "String should have at most " + max + " characters", value));
        }
    }

    /** Requires {@code min <= value <= max}. */
    public void range(String field, long value, long min, long max) {
        if (value < min) {
            add(Violation.of(field, Violation.GREATER_THAN_EQUAL, "Input should be greater than or equal to " + min, value));
        } else if (value > max) {
            add(Violation.of(field, Violation.LESS_THAN_EQUAL, "Input should be less than or equal to " + max, value));
        }
    }

    /** Requires {@code value >= 0}. */
    public void nonNegative(String field, long value) {
        range(field, value, 0, Long.MAX_VALUE);
    }

    /** The problems found so far. */
    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** How many problems were found so far (without copying them, as {@link #violations} does). */
    public int count() {
        return violations.size();
    }

    /** Whether nothing was found. */
    public boolean isEmpty() {
        return violations.isEmpty();
    }

    /** Throws {@link InvalidInputException} listing every problem, if there is one. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static boolean startsWith(List<Object> path, List<Object> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }
}

package com.hydracore.billing.domain.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One problem with one input field: where it is, what kind of problem, a message for people and the offending value.
 *
 * <p>The {@code path} uses the contract's field names (e.g. {@code ["events", 3, "tokens"]}) so that every adapter
 * reports the same location; the {@code type} uses pydantic's vocabulary because existing clients already read it.
 *
 * @param path  field names and list indexes from the root of the input
 * @param type  the kind of problem, e.g. {@code missing}, {@code greater_than_equal}
 * @param message a sentence for people
 * @param input the value that was refused, or {@code null} when there was none
 */
public record Violation(List<Object> path, String type, String message, Object input) {

    // Kinds of problem, named as pydantic names them.

    /** A required field is absent or null. */
    public static final String MISSING = "missing";
    /** Text that should be an integer is not one. */
    public static final String INT_PARSING = "int_parsing";
    /** A value that should be an integer has another JSON type. */
    public static final String INT_TYPE = "int_type";
    /** A value that should be a string has another JSON type. */
    public static final String STRING_TYPE = "string_type";
    /** A string that is not valid Unicode or holds a NUL ({@link UnicodeText}). */
    public static final String STRING_UNICODE = "string_unicode";
    /** A value that should be a boolean is not one. */
    public static final String BOOL_PARSING = "bool_parsing";
    /** Text that should be a plain decimal is not one (garbage, exponent, NaN, Infinity). */
    public static final String DECIMAL_PARSING = "decimal_parsing";
    /** A decimal with more fraction digits than allowed; refused, never rounded. */
    public static final String DECIMAL_MAX_PLACES = "decimal_max_places";
    /** Text that should be an RFC 3339 instant is not one. */
    public static final String DATETIME_PARSING = "datetime_parsing";
    /** A number or instant below its lower bound. */
    public static final String GREATER_THAN_EQUAL = "greater_than_equal";
    /** A number or instant above its upper bound. */
    public static final String LESS_THAN_EQUAL = "less_than_equal";
    /** A string with fewer characters than allowed. */
    public static final String STRING_TOO_SHORT = "string_too_short";
    /** A string with more characters than allowed. */
    public static final String STRING_TOO_LONG = "string_too_long";
    /** A list with fewer items than allowed. */
    public static final String TOO_SHORT = "too_short";
    /** A list with more items than allowed. */
    public static final String TOO_LONG = "too_long";
    /** A value outside its fixed set of names. */
    public static final String ENUM = "enum";
    /** A value that should be a JSON array is not one. */
    public static final String LIST_TYPE = "list_type";
    /** A value that should be a JSON object is not one. */
    public static final String MODEL_TYPE = "model_attributes_type";
    /** A value that breaks a rule no other type names. */
    public static final String VALUE_ERROR = "value_error";
    /** A body that is not well-formed JSON. */
    public static final String JSON_INVALID = "json_invalid";

    /** Validates that path, type and message are present and freezes the path. */
    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        path = List.copyOf(path);
    }

    /** A violation of a single top-level field. */
    public static Violation of(String field, String type, String message, Object input) {
        return new Violation(List.of(field), type, message, input);
    }

    /** The same violation located under {@code prefix} (e.g. {@code events, 3}). */
    public Violation under(Object... prefix) {
        List<Object> full = new ArrayList<>(List.of(prefix));
        full.addAll(path);
        return new Violation(full, type, message, input);
    }
}

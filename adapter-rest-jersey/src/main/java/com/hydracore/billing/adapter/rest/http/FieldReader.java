package com.hydracore.billing.adapter.rest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.hydracore.billing.domain.validation.Violation;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object by pydantic's lax rules, collecting every decoding problem (a string where an
 * integer belongs, an unparsable date...) instead of stopping at the first. A field with a problem reads as
 * {@code null}; the problems are located as {@code base + [field]}, relative to the body or query.
 */
public final class FieldReader {

    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern RFC_3339 = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt ]([0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,9})?)([Zz]|[+-][0-9]{2}:[0-9]{2})?");
    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "on", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "off", "0");

    private final JsonNode object;
    private final List<Object> base;
    private final List<Violation> problems;

    /**
     * A reader of {@code object}'s fields, adding problems to {@code problems}.
     *
     * @param object   a JSON object
     * @param base     where the object lies (e.g. {@code ["events", 3]}; empty for the body itself)
     * @param problems where problems go
     */
    public FieldReader(JsonNode object, List<Object> base, List<Violation> problems) {
        this.object = object;
        this.base = List.copyOf(base);
        this.problems = problems;
    }

    /**
     * Checks that {@code node} is an object: otherwise adds {@code model_attributes_type} at {@code path} and returns
     * false.
     */
    public static boolean isObject(JsonNode node, List<Object> path, List<Violation> problems) {
        if (node != null && node.isObject()) {
            return true;
        }
        problems.add(new Violation(path, Violation.MODEL_TYPE,
                "Input should be a valid dictionary or object to extract fields from", node));
        return false;
    }

    /** Whether the field is present with a non-null value. */
    public boolean has(String field) {
        JsonNode node = object.get(field);
        return node != null && !node.isNull();
    }

    /** A required string. */
    public String requiredString(String field) {
        JsonNode node = object.get(field);
        if (node == null) {
            return missing(field);
        }
        return string(field, node);
    }

    /** An optional string: absent or null reads {@code null}. */
    public String optionalString(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : string(field, node);
    }

    private String string(String field, JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        return problem(field, Violation.STRING_TYPE, "Input should be a valid string", node);
    }

    /** A required integer in {@code [min, max]}. */
    public Long requiredInteger(String field, long min, long max) {
        JsonNode node = object.get(field);
        return node == null ? missing(field) : integer(field, node, min, max);
    }

    /** An optional integer in {@code [min, max]}: absent or null reads {@code null}. */
    public Long optionalInteger(String field, long min, long max) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : integer(field, node, min, max);
    }

    /** The integer a lone query or path value holds, by the same rules; problems located at {@code [name]}. */
    public static Long integerText(String name, String text, long min, long max, List<Violation> problems) {
        return new FieldReader(TextNode.valueOf(text), List.of(), problems).integer(name, TextNode.valueOf(text), min,
                max);
    }

    private Long integer(String field, JsonNode node, long min, long max) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            // Every count of every event comes here: compared as a long, it allocates nothing (the BigInteger path
            // below made three objects per field, a few percent of an ingested batch's allocation).
            long value = node.longValue();
            if (value < min) {
                return belowMin(field, min, node);
            }
            if (value > max) {
                return aboveMax(field, max, node);
            }
            return value;
        }
        BigInteger value;
        if (node.isIntegralNumber()) {
            value = node.bigIntegerValue();
        } else if (node.isNumber()) {
            BigDecimal decimal = node.decimalValue();
            if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
                return problem(field, "int_from_float",
                        "Input should be a valid integer, got a number with a fractional part", node);
            }
            // Compared as decimals first: 1e999999999 must not be expanded into a billion-digit integer.
            if (decimal.compareTo(BigDecimal.valueOf(min)) < 0) {
                return belowMin(field, min, node);
            }
            if (decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
                return aboveMax(field, max, node);
            }
            value = decimal.toBigInteger();
        } else if (node.isTextual()) {
            String text = node.textValue().strip();
            if (!INTEGER_TEXT.matcher(text).matches()) {
                return problem(field, Violation.INT_PARSING,
                        "Input should be a valid integer, unable to parse string as an integer", node);
            }
            value = new BigInteger(text);
        } else {
            return problem(field, Violation.INT_TYPE, "Input should be a valid integer", node);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            return belowMin(field, min, node);
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            return aboveMax(field, max, node);
        }
        return value.longValueExact();
    }

    private Long belowMin(String field, long min, JsonNode node) {
        return problem(field, Violation.GREATER_THAN_EQUAL, "Input should be greater than or equal to " + min, node);
    }

    private Long aboveMax(String field, long max, JsonNode node) {
        return problem(field, Violation.LESS_THAN_EQUAL, "Input should be less than or equal to " + max, node);
    }

    /**
     * An optional decimal as plain text for {@code Money.parse}: a JSON string as sent, or a JSON number written
     * without an exponent. Absent or null reads {@code null}.
     */
    public String optionalDecimalText(String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node instanceof JsonBody.ExponentNumber) {
            return problem(field, Violation.DECIMAL_PARSING,
                    "Input should be a valid decimal written without an exponent", node);
        }
        if (node.isNumber()) {
            return node.decimalValue().toPlainString();
        }
        return problem(field, "decimal_type", "Decimal input should be an integer, float, string or Decimal object",
                node);
    }

    /** A required RFC 3339 date-time with an offset. */
    public Instant requiredDateTime(String field) {
        JsonNode node = object.get(field);
        return node == null ? missing(field) : dateTime(field, node);
    }

    /** An optional RFC 3339 date-time with an offset: absent or null reads {@code null}. */
    public Instant optionalDateTime(String field) {
        JsonNode node = object.get(field);
        return node == null || node.isNull() ? null : dateTime(field, node);
    }

    /**
     * The instant of the parts the pattern matched, built from their digits: the same checks as
     * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME} (strict: real dates, hours to 23, seconds to 59, offsets to
     * ±18:00, each a {@link DateTimeException}) without its general-purpose parsing, which was a tenth of the CPU of
     * decoding a batch of events.
     */
    private static Instant instant(String date, String time, String offset) {
        LocalDate day = LocalDate.of(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10));
        int nanos = 0;
        if (time.length() > 8) {
            String fraction = time.substring(9);
            nanos = Integer.parseInt(fraction) * (int) Math.pow(10, 9 - fraction.length());
        }
        LocalTime clock = LocalTime.of(digits(time, 0, 2), digits(time, 3, 5), digits(time, 6, 8), nanos);
        ZoneOffset zone = ZoneOffset.UTC;
        if (!offset.equalsIgnoreCase("z")) {
            int sign = offset.charAt(0) == '-' ? -1 : 1;
            zone = ZoneOffset.ofHoursMinutes(sign * digits(offset, 1, 3), sign * digits(offset, 4, 6));
        }
        return LocalDateTime.of(day, clock).toInstant(zone);
    }

    private static int digits(String text, int from, int to) {
        return Integer.parseInt(text, from, to, 10);
    }

    private Instant dateTime(String field, JsonNode node) {
        if (!node.isTextual()) {
            return problem(field, "datetime_type", "Input should be a valid datetime", node);
        }
        Matcher m = RFC_3339.matcher(node.textValue().strip());
        if (!m.matches()) {
            return problem(field, Violation.DATETIME_PARSING,
                    "Input should be a valid datetime in RFC 3339 format, e.g. 2026-11-24T09:30:00Z", node);
        }
        if (m.group(3) == null) {
            return problem(field, "timezone_aware", "Input should have timezone info", node);
        }
        try {
            return instant(m.group(1), m.group(2), m.group(3));
        } catch (DateTimeException e) {
            return problem(field, Violation.DATETIME_PARSING,
                    "Input should be a valid datetime, the date or time is out of range", node);
        }
    }

    /** An optional boolean (absent or null reads {@code fallback}). */
    public Boolean optionalBoolean(String field, boolean fallback) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && (node.bigIntegerValue().equals(BigInteger.ZERO)
                || node.bigIntegerValue().equals(BigInteger.ONE))) {
            return node.bigIntegerValue().equals(BigInteger.ONE);
        }
        if (node.isTextual()) {
            String word = node.textValue().strip().toLowerCase(Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return true;
            }
            if (FALSE_WORDS.contains(word)) {
                return false;
            }
        }
        if (node.isTextual() || node.isNumber()) {
            return problem(field, Violation.BOOL_PARSING, "Input should be a valid boolean, unable to interpret input",
                    node);
        }
        return problem(field, "bool_type", "Input should be a valid boolean", node);
    }

    /** A required value among {@code names}, converted by {@code lookup}. */
    public <E> E requiredEnum(String field, List<String> names, Function<String, Optional<E>> lookup) {
        JsonNode node = object.get(field);
        if (node == null) {
            return missing(field);
        }
        Optional<E> value = node.isTextual() ? lookup.apply(node.textValue()) : Optional.empty();
        if (value.isPresent()) {
            return value.get();
        }
        List<String> quoted = new ArrayList<>();
        names.forEach(n -> quoted.add("'" + n + "'"));
        String choices = quoted.size() <= 1 ? String.join("", quoted)
                : String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
        return problem(field, Violation.ENUM, "Input should be " + choices, node);
    }

    /** Whether a problem was already reported at {@code field}. */
    public boolean failed(String field) {
        List<Object> path = path(field);
        return problems.stream().anyMatch(p -> p.path().equals(path));
    }

    // As pydantic does, a missing field shows the object it is missing from.
    private <T> T missing(String field) {
        return problem(field, Violation.MISSING, "Field required", object);
    }

    private <T> T problem(String field, String type, String message, JsonNode input) {
        problems.add(new Violation(path(field), type, message, input));
        return null;
    }

    private List<Object> path(String field) {
        List<Object> path = new ArrayList<>(base);
        path.add(field);
        return path;
    }
}

package com.hydracore.billing.domain.webhook;

import com.hydracore.billing.domain.validation.UnicodeText;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The one place webhook JSON is written (the domain has no JSON library): compact, fields in the given order,
 * strings escaped as RFC 8259 requires. Small on purpose: it writes only what {@link EventData} can hold.
 */
final class Json {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Json() {
    }

    /** {@code value} as JSON: strings, integers, booleans, instants, {@code null}, lists and string-keyed maps. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(out, value);
        return out.toString();
    }

    /** {@code instant} as the wire writes it: RFC 3339, UTC, whole seconds, e.g. {@code 2026-11-24T09:30:00Z}. */
    static String instant(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Instant i) {
            string(out, instant(i));
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (!(field.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("JSON field names are strings, not " + field.getKey());
                }
                out.append(first ? "" : ",");
                first = false;
                string(out, name);
                out.append(':');
                write(out, field.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getSimpleName());
        }
    }

    // Quote, backslash and control characters are escaped (RFC 8259 §7); U+2028/U+2029 too, so the text is also safe
    // inside JavaScript. Anything else is written as it is, to be sent as UTF-8.
    private static void string(StringBuilder out, String s) {
        if (!UnicodeText.isValid(s)) {
            // Checked where text is taken in; a lone surrogate here would be sent as '?' and break the signature.
            throw new IllegalArgumentException("text for a webhook must be valid Unicode without NUL");
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
                                .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

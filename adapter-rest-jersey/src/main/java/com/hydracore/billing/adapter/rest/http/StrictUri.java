package com.hydracore.billing.adapter.rest.http;

import com.hydracore.billing.adapter.rest.http.RequestInvalidException.Location;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The request's path and query read strictly, from their percent-encoded form: every string in them must be UTF-8
 * text without NUL ({@link StrictUtf8}). Jersey's own decoding would turn {@code %ED%A0%80} into U+FFFD and pass
 * {@code %00} on to a resource.
 *
 * <ul>
 *   <li>a path that is not: 404 {@code {"detail":"Not Found"}}, before routing, with or without a token (no resource
 *       has such a name);</li>
 *   <li>a query parameter (name or value) that is not: 422 {@code string_unicode} at {@code ["query", name]}, after
 *       the token check like every other 422.</li>
 * </ul>
 */
public final class StrictUri {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final String MESSAGE =
            "Input should be a valid string, unable to parse raw data as a unicode string";

    private StrictUri() {
    }

    /**
     * {@code rawTarget} (a path or a query as received, one character per byte) with every character a URI cannot
     * hold percent-encoded, so that Jersey can build the request's URI at all: a raw byte outside printable ASCII
     * becomes {@code %XX} (judged below like any escape), and a {@code %} that starts no escape becomes {@code %25},
     * a literal {@code %} as FastAPI reads it. Returns {@code rawTarget} itself when nothing needs encoding.
     */
    public static String representable(String rawTarget) {
        if (rawTarget == null || allRepresentable(rawTarget)) {
            return rawTarget;
        }
        StringBuilder encoded = new StringBuilder(rawTarget.length() + 16);
        for (int i = 0; i < rawTarget.length(); i++) {
            char c = rawTarget.charAt(i);
            if (c == '%' ? isEscape(rawTarget, i) : isUriCharacter(c)) {
                encoded.append(c);
            } else {
                // A character above U+00FF cannot be one byte of the request line: marked with FF, a byte no UTF-8
                // text holds, so it is refused like any other bad byte.
                int b = c > 0xFF ? 0xFF : c;
                encoded.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
            }
        }
        return encoded.toString();
    }

    /** Refuses, as an unknown route, a path whose percent-decoded bytes are not strict UTF-8 without NUL. */
    @PreMatching
    @Priority(1)
    public static final class Paths implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            String rawPath = request.getUriInfo().getRequestUri().getRawPath();
            if (rawPath != null && decoded(rawPath, false) == null) {
                throw new ApiException(404, ErrorMappers.standardDetail(404));
            }
        }
    }

    /** Refuses, after the token check, query parameters whose name or value is not strict UTF-8 without NUL. */
    @Priority(Priorities.USER)
    public static final class Queries implements ContainerRequestFilter {

        @Override
        public void filter(ContainerRequestContext request) {
            String rawQuery = request.getUriInfo().getRequestUri().getRawQuery();
            if (rawQuery == null || isPlainAscii(rawQuery)) {
                return;
            }
            List<Violation> problems = new ArrayList<>();
            for (String parameter : rawQuery.split("&", -1)) {
                int equals = parameter.indexOf('=');
                String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
                String rawValue = equals < 0 ? "" : parameter.substring(equals + 1);
                String name = decoded(rawName, true);
                String value = decoded(rawValue, true);
                if (name == null || value == null) {
                    // Both shown with bad bytes as U+FFFD, so the 422 itself is valid JSON (Jackson cannot write a
                    // lone surrogate) and the caller sees which characters were refused.
                    problems.add(new Violation(List.of(name != null ? name : StrictUtf8.shown(bytes(rawName, true))),
                            Violation.STRING_UNICODE, MESSAGE,
                            value != null ? value : StrictUtf8.shown(bytes(rawValue, true))));
                }
            }
            if (!problems.isEmpty()) {
                throw RequestInvalidException.at(Location.QUERY, problems);
            }
        }
    }

    // The text of an encoded path or query part, or null when its bytes are not strict UTF-8 without NUL.
    private static String decoded(String raw, boolean plusIsSpace) {
        if (isPlainAscii(raw)) {
            return plusIsSpace ? raw.replace('+', ' ') : raw;
        }
        return StrictUtf8.decode(bytes(raw, plusIsSpace)).orElse(null);
    }

    private static byte[] bytes(String raw, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && isEscape(raw, i)) {
                out.write(hex(raw.charAt(i + 1)) << 4 | hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                out.write(c > 0x7F ? 0xFF : c); // raw non-ASCII: not sent through representable(), refused
            }
        }
        return out.toByteArray();
    }

    private static boolean allRepresentable(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' ? !isEscape(raw, i) : !isUriCharacter(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEscape(String raw, int percent) {
        return percent + 2 < raw.length() && hex(raw.charAt(percent + 1)) >= 0 && hex(raw.charAt(percent + 2)) >= 0;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }

    // Printable ASCII without '%': text exactly as written, nothing to decode or refuse.
    private static boolean isPlainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c <= ' ' || c >= 0x7F || c == '%') {
                return false;
            }
        }
        return true;
    }

    // RFC 3986 unreserved, sub-delims, ':', '@', '/' and '?': what java.net.URI takes in a path and a query.
    private static boolean isUriCharacter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0;
    }
}

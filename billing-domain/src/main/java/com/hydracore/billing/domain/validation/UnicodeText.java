package com.hydracore.billing.domain.validation;

import java.util.List;

/**
 * The one rule every string taken in must follow: valid Unicode without NUL. A Java string can hold what no UTF-8
 * text can (a lone surrogate, from JSON's <code>"&#92;ud800"</code>), and NUL is refused by PostgreSQL's text type
 * and cuts strings short in C libraries; neither is ever stored.
 */
public final class UnicodeText {

    /** What replaces each refused character in the copy of a string shown back to a caller. */
    public static final char REPLACEMENT = '\uFFFD';

    private UnicodeText() {
    }

    /**
     * Whether {@code text} is valid Unicode without NUL: every high surrogate is followed by a low one, every low
     * surrogate follows a high one, and no character is U+0000.
     */
    public static boolean isValid(CharSequence text) {
        return firstInvalid(text) < 0;
    }

    /**
     * A copy of {@code text} that is itself valid: each NUL and lone surrogate replaced by U+FFFD. Problems show this
     * as their {@code input}, so a refusal can always be written as JSON and logged.
     */
    public static String shown(String text) {
        int first = firstInvalid(text);
        if (first < 0) {
            return text;
        }
        StringBuilder copy = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                copy.append(c).append(text.charAt(++i));
            } else {
                copy.append(c == 0 || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return copy.toString();
    }

    /** The problem of an invalid {@code text} at {@code path}, showing its {@link #shown} copy. */
    public static Violation violation(List<Object> path, String text) {
        return new Violation(path, Violation.STRING_UNICODE,
                "Input should be a valid string, unable to parse raw data as a unicode string", shown(text));
    }

    private static int firstInvalid(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return i;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}

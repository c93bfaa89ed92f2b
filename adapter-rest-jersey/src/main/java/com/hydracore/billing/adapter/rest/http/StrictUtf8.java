package com.hydracore.billing.adapter.rest.http;

import com.hydracore.billing.domain.validation.UnicodeText;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Bytes read as UTF-8 text strictly: the byte form of {@link UnicodeText}'s rule. Java's own decoding (and Jackson's,
 * which takes overlong forms such as {@code C1 81} for "A" and {@code C0 80} for NUL) quietly turns bad bytes into
 * U+FFFD or into something else; here they are refused instead.
 */
public final class StrictUtf8 {

    private StrictUtf8() {
    }

    /**
     * The index of the first byte in {@code bytes[from, to)} that is not part of well-formed UTF-8 (Unicode Table 3-7:
     * no overlong form, no encoded surrogate such as {@code ED A0 80}, nothing above U+10FFFF, no cut sequence) or that
     * is a NUL; -1 when there is none. Such bytes decode to exactly the strings {@link UnicodeText} accepts.
     */
    public static int firstInvalid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            byte lead = bytes[i];
            if (lead > 0) { // ASCII but NUL: most of every request, one comparison per byte
                i++;
                continue;
            }
            if (lead == 0) {
                return i;
            }
            int length = sequenceLength(lead & 0xFF);
            if (length == 0 || i + length > to || !secondByteFits(lead & 0xFF, bytes[i + 1] & 0xFF)) {
                return i;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return -1;
    }

    /** The text {@code bytes} encode, or empty when {@link #firstInvalid} finds a bad byte. */
    public static Optional<String> decode(byte[] bytes) {
        return firstInvalid(bytes, 0, bytes.length) < 0 ? Optional.of(new String(bytes, StandardCharsets.UTF_8))
                : Optional.empty();
    }

    /**
     * A valid string to show for {@code bytes} that {@link #decode} refused: bad bytes read as U+FFFD, NUL and
     * surrogates as {@link UnicodeText#shown} replaces them.
     */
    public static String shown(byte[] bytes) {
        return UnicodeText.shown(new String(bytes, StandardCharsets.UTF_8));
    }

    private static int sequenceLength(int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return 2;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            return 3;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            return 4;
        }
        return 0; // a continuation byte, C0/C1 (always overlong) or F5..FF (beyond U+10FFFF)
    }

    // The second byte's range is what rules out overlong forms, surrogates and code points above U+10FFFF.
    private static boolean secondByteFits(int lead, int second) {
        switch (lead) {
            case 0xE0:
                return second >= 0xA0 && second <= 0xBF;
            case 0xED:
                return second >= 0x80 && second <= 0x9F;
            case 0xF0:
                return second >= 0x90 && second <= 0xBF;
            case 0xF4:
                return second >= 0x80 && second <= 0x8F;
            default:
                return second >= 0x80 && second <= 0xBF;
        }
    }
}

package com.hydracore.billing.domain.webhook;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * An endpoint's signing secret in the Standard Webhooks form: {@code whsec_} followed by the base64 of the key, which
 * is {@value #MIN_KEY_BYTES}–{@value #MAX_KEY_BYTES} random bytes. The key signs every message sent to the endpoint.
 *
 * <p>Never shown: {@link #toString()} prints no part of the key, and a refused secret is reported without its value,
 * so neither a log line nor a 422 answer can leak it. Only {@link #encoded()} gives the secret back, for the store
 * that must keep it. Equality compares the keys in constant time.
 */
public final class WebhookSecret {

    /** What every secret starts with. */
    public static final String PREFIX = "whsec_";
    /** Fewest key bytes (192 bits). */
    public static final int MIN_KEY_BYTES = 24;
    /** Most key bytes (512 bits). */
    public static final int MAX_KEY_BYTES = 64;

    static final String FIELD = "secret";
    private static final String MESSAGE = "Value error, secret must be " + PREFIX + " followed by the base64 of "
            + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes";

    private final byte[] key;

    private WebhookSecret(byte[] key) {
        this.key = key;
    }

    /**
     * The secret written as {@code whsec_<base64>} (standard alphabet, padding optional).
     *
     * @throws InvalidInputException at {@code secret}: {@code missing}, {@code string_unicode} or {@code value_error},
     *     never showing the refused value
     */
    public static WebhookSecret parse(String text) {
        if (text == null) {
            throw InvalidInputException.of(Violation.of(FIELD, Violation.MISSING, "Field required", null));
        }
        if (!UnicodeText.isValid(text)) {
            throw InvalidInputException.of(Violation.of(FIELD, Violation.STRING_UNICODE,
                    "Input should be a valid string, unable to parse raw data as a unicode string", null));
        }
        if (!text.startsWith(PREFIX)) {
            throw refused();
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw refused();
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw refused();
        }
        return new WebhookSecret(key);
    }

    /**
     * The secret with these key bytes (copied).
     *
     * @throws IllegalArgumentException when there are fewer than {@value #MIN_KEY_BYTES} or more than
     *     {@value #MAX_KEY_BYTES}
     */
    public static WebhookSecret ofKey(byte[] key) {
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("a webhook key has " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                    + " bytes, not " + key.length);
        }
        return new WebhookSecret(key.clone());
    }

    /** A copy of the key bytes: the HMAC-SHA256 key of every signature. */
    public byte[] key() {
        return key.clone();
    }

    /**
     * The secret as {@code whsec_<base64>} with padding, for the store that keeps it. Nothing else should call this:
     * the secret is never answered back nor logged.
     */
    public String encoded() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** Signs with this key; package-private so the key never needs copying. */
    byte[] keyForSigning() {
        return key;
    }

    /** Constant-time comparison of the keys. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return key.length; // deliberately weak: a hash of the key would be a fingerprint of it
    }

    /** Names the type and the key length, never any part of the key. */
    @Override
    public String toString() {
        return "WebhookSecret[" + key.length + " bytes, redacted]";
    }

    private static InvalidInputException refused() {
        return InvalidInputException.of(Violation.of(FIELD, Violation.VALUE_ERROR, MESSAGE, null));
    }
}

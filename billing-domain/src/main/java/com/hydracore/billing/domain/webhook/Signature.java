package com.hydracore.billing.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The Standard Webhooks symmetric signature (https://www.standardwebhooks.com): HMAC-SHA256, keyed with the
 * endpoint secret's bytes, over {@code <webhook-id>.<webhook-timestamp>.<body>}, sent in {@code webhook-signature}
 * as {@code v1,<base64>}.
 *
 * <p>The body is signed as the exact bytes sent, never re-encoded: a receiver verifies the raw body it got.
 *
 * <p>HMAC is computed as RFC 2104 defines it over the JDK's SHA-256 ({@link MessageDigest}) rather than through
 * {@code javax.crypto.Mac}: the domain depends on {@code java.*} only (the architecture rule), and the tests check
 * this against {@code javax.crypto.Mac}, RFC 4231's vectors and the specification's example.
 */
public final class Signature {

    /** The version tag of an HMAC-SHA256 signature. */
    public static final String VERSION = "v1";
    /** The header that carries the message id. */
    public static final String ID_HEADER = "webhook-id";
    /** The header that carries the attempt's Unix time in seconds. */
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    /** The header that carries the signature(s). */
    public static final String SIGNATURE_HEADER = "webhook-signature";

    private Signature() {
    }

    /**
     * The {@code webhook-signature} value for one attempt: {@code v1,} and the base64 of
     * HMAC-SHA256(key, {@code messageId + "." + timestampSeconds + "." + body}).
     *
     * @param secret           the endpoint's secret
     * @param messageId        the {@code webhook-id}, the same on every attempt
     * @param timestampSeconds the {@code webhook-timestamp}: the attempt's Unix time in seconds
     * @param body             the exact bytes of the body
     */
    public static String sign(WebhookSecret secret, String messageId, long timestampSeconds, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, messageId, timestampSeconds, body));
    }

    /**
     * Whether {@code headerValue} (one or more space-separated {@code version,signature} entries, as a receiver gets
     * it) holds a {@code v1} signature of this message made with {@code secret}. Compared in constant time; entries
     * of other versions are ignored. Checking the timestamp's age is the receiver's business, not this method's.
     */
    public static boolean verify(WebhookSecret secret, String messageId, long timestampSeconds, byte[] body,
                                 String headerValue) {
        if (headerValue == null) {
            return false;
        }
        byte[] expected = mac(secret, messageId, timestampSeconds, body);
        boolean found = false;
        for (String entry : headerValue.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !VERSION.equals(entry.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                continue;
            }
            found |= MessageDigest.isEqual(expected, given);
        }
        return found;
    }

    private static byte[] mac(WebhookSecret secret, String messageId, long timestampSeconds, byte[] body) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        byte[] signed = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        return hmacSha256(secret.keyForSigning(), signed, body);
    }

    private static final int BLOCK = 64;

    /** HMAC-SHA256 (RFC 2104) of {@code parts} concatenated, keyed with {@code key}. */
    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        MessageDigest sha256 = sha256();
        byte[] block = Arrays.copyOf(key.length > BLOCK ? sha256.digest(key) : key, BLOCK);
        byte[] inner = new byte[BLOCK];
        byte[] outer = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            inner[i] = (byte) (block[i] ^ 0x36);
            outer[i] = (byte) (block[i] ^ 0x5c);
        }
        Arrays.fill(block, (byte) 0);
        sha256.update(inner);
        for (byte[] part : parts) {
            sha256.update(part);
        }
        byte[] innerHash = sha256.digest();
        sha256.update(outer);
        return sha256.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}

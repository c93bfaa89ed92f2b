package com.hydracore.billing.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks symmetric signature (https://www.standardwebhooks.com): HMAC-SHA256, keyed with the
 * endpoint secret's bytes, over {@code <webhook-id>.<webhook-timestamp>.<body>}, sent in {@code webhook-signature}
 * as {@code v1,<base64>}.
 *
 * <p>The body is signed as the exact bytes sent, never re-encoded: a receiver verifies the raw body it got.
 *
 * <p>HMAC-SHA256 is the JDK's ({@code javax.crypto.Mac}); the tests check it against RFC 4231's vectors and the
 * specification's example, and signatures are compared in constant time ({@link MessageDigest#isEqual}).
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

    /** HMAC-SHA256 of the concatenated {@code parts} under {@code key}, by the JDK's {@code javax.crypto.Mac}. */
    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}

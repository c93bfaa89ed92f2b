package com.hydracore.billing.domain.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One webhook message as it is stored and sent: its id (the {@code webhook-id} of every attempt, to every
 * endpoint), its type, when the event happened, and the exact body, {@code {"type", "timestamp", "data"}}.
 *
 * <p>The body is written once, when the event is created, and stored as text: every attempt sends (and signs) the
 * same bytes, whatever version of the server sends it.
 *
 * <p>The id is derived from the event's {@link EventData#identity() identity}, so creating the same event twice
 * (two replicas crossing one threshold, a scheduler pass run again after a crash) gives the same id, and a store
 * that keeps ids unique keeps the event once.
 *
 * @param messageId the {@code webhook-id}: 1–{@value #MAX_ID_LENGTH} characters of {@code [A-Za-z0-9_.:-]}
 * @param type      the event's type, the body's {@code type}
 * @param timestamp when the event happened, whole seconds, the body's {@code timestamp}
 * @param body      the JSON body, exactly as sent
 */
public record WebhookEvent(String messageId, EventType type, Instant timestamp, String body) {

    /** Longest message id. */
    public static final int MAX_ID_LENGTH = 128;
    /** What every derived message id starts with, as Standard Webhooks' examples do. */
    public static final String ID_PREFIX = "msg_";

    /** Checks the id is header-safe and every field is present; keeps the timestamp to the second. */
    public WebhookEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(body, "body");
        if (messageId.isEmpty() || messageId.length() > MAX_ID_LENGTH || !messageId.chars().allMatch(
                c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':'))) {
            throw new IllegalArgumentException("a message id is 1-" + MAX_ID_LENGTH
                    + " characters of letters, digits, '_', '-', '.' and ':'");
        }
        timestamp = timestamp.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The message for {@code data}, happened at {@code timestamp} (kept to the second): its id derived from the
     * event's identity, its body written now.
     */
    public static WebhookEvent of(EventData data, Instant timestamp) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", data.type().wireName());
        body.put("timestamp", timestamp);
        body.put("data", data.fields());
        return new WebhookEvent(messageIdOf(data), data.type(), timestamp, Json.write(body));
    }

    /**
     * The id of the event {@code data} describes: {@code msg_} and 32 hexadecimal digits of the SHA-256 of its type
     * and identity. Equal identities give equal ids; different ones differ with overwhelming probability.
     */
    public static String messageIdOf(EventData data) {
        List<Object> key = new ArrayList<>();
        key.add(data.type().wireName());
        key.addAll(data.identity());
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(Json.write(key).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        StringBuilder id = new StringBuilder(ID_PREFIX);
        for (int i = 0; i < 16; i++) {
            id.append(String.format("%02x", digest[i]));
        }
        return id.toString();
    }

    /** The body as the bytes sent and signed: UTF-8. */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}

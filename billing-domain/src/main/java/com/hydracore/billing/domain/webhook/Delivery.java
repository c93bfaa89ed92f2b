package com.hydracore.billing.domain.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * The delivery of one message to one endpoint, as the deliveries view shows it (API §8).
 *
 * @param messageId      the message's {@code webhook-id}
 * @param endpointId     the endpoint it goes to
 * @param eventType      the message's type
 * @param status         where it stands
 * @param attempts       how many times it was sent, ≥ 0 (a delivery failed because its endpoint was disabled may
 *                       have none)
 * @param lastStatusCode the HTTP status of the last attempt, or {@code null} when there was none or it got no answer
 *                       (timeout, refused connection, refused address)
 * @param lastAttemptAt  when the last attempt's outcome was known, or {@code null} before the first
 * @param nextAttemptAt  when it is sent next: set exactly while {@code pending}, {@code null} once final
 * @param createdAt      when the message was stored for this endpoint: the view lists the newest first
 */
public record Delivery(String messageId, String endpointId, EventType eventType, DeliveryStatus status, int attempts,
                       Integer lastStatusCode, Instant lastAttemptAt, Instant nextAttemptAt, Instant createdAt) {

    /** Checks that the fields agree with the status. */
    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
        if ((status == DeliveryStatus.PENDING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("a next attempt is set exactly while pending, not when " + status);
        }
        if ((attempts == 0) && (lastAttemptAt != null || lastStatusCode != null)) {
            throw new IllegalArgumentException("a delivery never attempted has no last attempt");
        }
        if (status == DeliveryStatus.DELIVERED && (lastStatusCode == null || lastStatusCode / 100 != 2)) {
            throw new IllegalArgumentException("a delivered message was answered 2xx, not " + lastStatusCode);
        }
    }
}

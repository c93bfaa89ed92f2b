package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A pending delivery that one dispatcher has claimed: no other claimer gets it until {@code leaseUntil} passes or
 * its outcome is {@link Outbox#record recorded}.
 *
 * @param event      the message, exactly as enqueued
 * @param endpointId the endpoint it goes to
 * @param attempts   how many attempts were recorded before this claim (0 for the first)
 * @param claimToken what proves this claim when its outcome is recorded; unique to the claim
 * @param leaseUntil until when the claim is held
 */
public record ClaimedDelivery(WebhookEvent event, String endpointId, int attempts, String claimToken,
                              Instant leaseUntil) {

    /** Requires every field and a non-negative attempt count. */
    public ClaimedDelivery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(endpointId, "endpointId");
        Objects.requireNonNull(claimToken, "claimToken");
        Objects.requireNonNull(leaseUntil, "leaseUntil");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative");
        }
    }

    /** The message id, the {@code webhook-id} of every attempt. */
    public String messageId() {
        return event.messageId();
    }
}

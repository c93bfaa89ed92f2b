package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static final Instant T = Instant.parse("2026-11-24T09:30:00Z");

    private static Delivery delivery(DeliveryStatus status, int attempts, Integer code, Instant last, Instant next) {
        return new Delivery("msg_1", "ops", EventType.TRIAL_EXPIRED, status, attempts, code, last, next, T);
    }

    @Test
    void consistentDeliveriesAreAccepted() {
        assertDoesNotThrow(() -> delivery(DeliveryStatus.PENDING, 0, null, null, T));
        assertDoesNotThrow(() -> delivery(DeliveryStatus.PENDING, 2, null, T, T.plusSeconds(30)));
        assertDoesNotThrow(() -> delivery(DeliveryStatus.DELIVERED, 1, 204, T, null));
        assertDoesNotThrow(() -> delivery(DeliveryStatus.FAILED, 11, 500, T, null));
        assertDoesNotThrow(() -> delivery(DeliveryStatus.FAILED, 0, null, null, null));
    }

    @Test
    void aNextAttemptIsSetExactlyWhilePending() {
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.PENDING, 0, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.DELIVERED, 1, 200, T, T));
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.FAILED, 1, 500, T, T));
    }

    @Test
    void aDeliveredMessageWasAnswered2xx() {
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.DELIVERED, 1, 500, T, null));
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.DELIVERED, 1, null, T, null));
    }

    @Test
    void aNeverAttemptedDeliveryHasNoLastAttempt() {
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.FAILED, 0, 500, null, null));
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.FAILED, 0, null, T, null));
        assertThrows(IllegalArgumentException.class, () -> delivery(DeliveryStatus.PENDING, -1, null, null, T));
    }
}

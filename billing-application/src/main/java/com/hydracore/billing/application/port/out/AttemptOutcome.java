package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.webhook.DeliveryStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * What became of a claimed delivery, for {@link Outbox#record}: delivered, to be retried at a given instant, or
 * failed — after an attempt, or without one when its endpoint was disabled.
 *
 * @param status        the delivery's status from now on
 * @param attempted     whether a request was made (it then counts as an attempt, with its status code and time)
 * @param statusCode    the HTTP status answered, or {@code null} without an answer (timeout, connection refused,
 *                      address refused) or without an attempt
 * @param at            when the outcome was known: the attempt's {@code last_attempt_at}
 * @param nextAttemptAt when to try again: set exactly when {@code status} is {@code pending}
 */
public record AttemptOutcome(DeliveryStatus status, boolean attempted, Integer statusCode, Instant at,
                             Instant nextAttemptAt) {

    /** Checks that the fields agree with each other. */
    public AttemptOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        if ((status == DeliveryStatus.PENDING) != (nextAttemptAt != null)) {
            throw new IllegalArgumentException("a next attempt is given exactly for a retry");
        }
        if (!attempted && (statusCode != null || status != DeliveryStatus.FAILED)) {
            throw new IllegalArgumentException("only a failure can come without an attempt, and without a status");
        }
        if (status == DeliveryStatus.DELIVERED && (statusCode == null || statusCode / 100 != 2)) {
            throw new IllegalArgumentException("delivered means answered 2xx, not " + statusCode);
        }
        if (statusCode != null && (statusCode < 100 || statusCode > 599)) {
            throw new IllegalArgumentException("an HTTP status is 100-599, not " + statusCode);
        }
    }

    /** Answered 2xx at {@code at}. */
    public static AttemptOutcome delivered(int statusCode, Instant at) {
        return new AttemptOutcome(DeliveryStatus.DELIVERED, true, statusCode, at, null);
    }

    /** Not delivered at {@code at} ({@code statusCode} {@code null} without an answer); try again at {@code next}. */
    public static AttemptOutcome retryAt(Integer statusCode, Instant at, Instant next) {
        return new AttemptOutcome(DeliveryStatus.PENDING, true, statusCode, at, Objects.requireNonNull(next, "next"));
    }

    /** Not delivered at {@code at}, and that was the last attempt. */
    public static AttemptOutcome failed(Integer statusCode, Instant at) {
        return new AttemptOutcome(DeliveryStatus.FAILED, true, statusCode, at, null);
    }

    /** Given up at {@code at} without sending: the endpoint is disabled. Counts no attempt. */
    public static AttemptOutcome abandoned(Instant at) {
        return new AttemptOutcome(DeliveryStatus.FAILED, false, null, at, null);
    }
}

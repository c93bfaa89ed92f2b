package com.hydracore.billing.domain.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How far from "now" a usage event's {@code occurred_at} may lie: a little into the future (clock skew), a bounded
 * stretch into the past (late delivery), so a closed period cannot be rewritten forever.
 *
 * @param maxFuture how far ahead of now an event may be, ≥ 0
 * @param maxPast   how far behind now an event may be, ≥ 0
 */
public record EventWindow(Duration maxFuture, Duration maxPast) {

    /** The contract's default: 5 minutes ahead, 35 days behind. */
    public static final EventWindow DEFAULT = new EventWindow(Duration.ofMinutes(5), Duration.ofDays(35));

    /** Refuses negative bounds. */
    public EventWindow {
        Objects.requireNonNull(maxFuture, "maxFuture");
        Objects.requireNonNull(maxPast, "maxPast");
        if (maxFuture.isNegative() || maxPast.isNegative()) {
            throw new IllegalArgumentException("event window bounds must not be negative");
        }
    }

    /** The latest acceptable {@code occurred_at} at {@code now}. */
    public Instant latest(Instant now) {
        return now.plus(maxFuture);
    }

    /** The earliest acceptable {@code occurred_at} at {@code now}. */
    public Instant earliest(Instant now) {
        return now.minus(maxPast);
    }
}

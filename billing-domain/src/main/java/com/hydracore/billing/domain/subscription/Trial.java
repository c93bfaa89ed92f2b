package com.hydracore.billing.domain.subscription;

import java.time.Duration;
import java.time.Instant;

/**
 * What the billing page says about a trial at a given instant.
 *
 * @param trialEndsAt   the recorded end of the trial, or {@code null} when there was none (it stays visible after
 *                      activation)
 * @param daysRemaining whole days left, rounded up, while trialing; otherwise 0
 * @param expired       whether the subscription's status is {@code expired}
 */
public record Trial(Instant trialEndsAt, long daysRemaining, boolean expired) {

    private static final long SECONDS_PER_DAY = Duration.ofHours(24).toSeconds();

    /** The trial of an account with no subscription. */
    public static final Trial NONE = new Trial(null, 0, false);

    /** The trial of {@code subscription} at {@code now}. */
    public static Trial of(Subscription subscription, Instant now) {
        SubscriptionStatus status = subscription.statusAt(now);
        long remaining = status == SubscriptionStatus.TRIALING ? daysRemaining(subscription.trialEndsAt(), now) : 0;
        return new Trial(subscription.trialEndsAt(), remaining, status == SubscriptionStatus.EXPIRED);
    }

    /** {@code ceil((end − now) / 24 h)}, never negative: five hours left reads one day. */
    public static long daysRemaining(Instant trialEndsAt, Instant now) {
        Duration left = Duration.between(now, trialEndsAt);
        if (left.isNegative() || left.isZero()) {
            return 0;
        }
        // Any started second counts, so round a partial second up too.
        long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
        return -Math.floorDiv(-seconds, SECONDS_PER_DAY); // ceilDiv, which Java 17 lacks
    }
}

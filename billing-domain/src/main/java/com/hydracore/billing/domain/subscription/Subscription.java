package com.hydracore.billing.domain.subscription;

import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.period.PeriodCalendar;
import com.hydracore.billing.domain.validation.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One account's subscription to one tier. Immutable: every transition returns a new value.
 *
 * <p>Status is not stored; {@link #statusAt(Instant)} derives it from the dates, so a trial expires or a
 * cancellation at period end takes effect without any job having to run.
 *
 * @param subscriptionId     identifier, unique within the account
 * @param accountId          owning account
 * @param tierId             the tier subscribed to
 * @param startedAt          when the subscription started; anchors its billing periods
 * @param trialEndsAt        end of the trial, or {@code null} when it had none
 * @param activatedAt        when payment was received, or {@code null}
 * @param pastDueAt          when an admin marked it past due, or {@code null} when it is not
 * @param canceledAt         when the cancellation takes (or took) effect, or {@code null}
 * @param cancelAtPeriodEnd  whether the cancellation was asked for the end of the period
 */
public record Subscription(String subscriptionId, String accountId, String tierId, Instant startedAt,
                           Instant trialEndsAt, Instant activatedAt, Instant pastDueAt, Instant canceledAt,
                           boolean cancelAtPeriodEnd) {

    private static final Duration DAY = Duration.ofHours(24);

    /** Validates identifiers and that a trial ends after it starts. */
    public Subscription {
        Checks checks = new Checks();
        checks.text("subscription_id", subscriptionId, 1, 128);
        checks.text("account_id", accountId, 1, 128);
        checks.text("tier_id", tierId, 1, 128);
        checks.present("started_at", startedAt);
        checks.throwIfAny();
        if (trialEndsAt != null && trialEndsAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("trial cannot end before the subscription starts");
        }
    }

    /**
     * A new subscription to {@code tier}, starting at {@code startedAt}.
     *
     * @param trialDays trial length in days of 24 h; 0 means no trial, so the subscription is active from its start
     */
    public static Subscription start(String subscriptionId, String accountId, Tier tier, int trialDays,
                                     Instant startedAt) {
        Checks checks = new Checks();
        checks.range("trial_days", trialDays, 0, Tier.MAX_TRIAL_DAYS);
        checks.throwIfAny();
        Instant trialEnd = trialDays > 0 ? startedAt.plus(DAY.multipliedBy(trialDays)) : null;
        return new Subscription(subscriptionId, accountId, tier.tierId(), startedAt, trialEnd, null, null, null,
                false);
    }

    /** Whether this subscription began with a trial. */
    public boolean hadTrial() {
        return trialEndsAt != null;
    }

    /** The status at {@code now}, by the contract's rules, in order of precedence. */
    public SubscriptionStatus statusAt(Instant now) {
        Objects.requireNonNull(now, "now");
        if (canceledAt != null && !now.isBefore(canceledAt)) {
            return SubscriptionStatus.CANCELED;
        }
        if (pastDueAt != null) {
            return SubscriptionStatus.PAST_DUE;
        }
        if (activatedAt != null || !hadTrial()) {
            return SubscriptionStatus.ACTIVE;
        }
        return now.isBefore(trialEndsAt) ? SubscriptionStatus.TRIALING : SubscriptionStatus.EXPIRED;
    }

    /** The billing period of this subscription that contains {@code now}. */
    public BillingPeriod periodAt(BillingCycle cycle, Instant now) {
        return PeriodCalendar.anniversaryPeriod(startedAt, cycle, now);
    }

    /**
     * Payment received: from trialing, expired or past due to active; a no-op when already active.
     *
     * @throws TransitionRefusedException when canceled
     */
    public Subscription activate(Instant now) {
        SubscriptionStatus status = statusAt(now);
        return switch (status) {
            case ACTIVE -> this;
            case TRIALING, EXPIRED, PAST_DUE -> new Subscription(subscriptionId, accountId, tierId, startedAt,
                    trialEndsAt, activatedAt != null ? activatedAt : now, null, canceledAt, cancelAtPeriodEnd);
            default -> throw refused("activate", status, "only a trialing, expired or past_due subscription can be activated");
        };
    }

    /**
     * Marks an active subscription as awaiting payment.
     *
     * @throws TransitionRefusedException unless the subscription is active
     */
    public Subscription markPastDue(Instant now) {
        SubscriptionStatus status = statusAt(now);
        if (status != SubscriptionStatus.ACTIVE) {
            throw refused("mark past due", status, "only an active subscription can become past_due");
        }
        return new Subscription(subscriptionId, accountId, tierId, startedAt, trialEndsAt, activatedAt, now,
                canceledAt, cancelAtPeriodEnd);
    }

    /**
     * Cancels now, or at the end of the period current at {@code now}.
     *
     * @param currentPeriod the period containing {@code now}; its end is when a cancellation at period end applies
     * @throws TransitionRefusedException when already canceled
     */
    public Subscription cancel(Instant now, boolean atPeriodEnd, BillingPeriod currentPeriod) {
        SubscriptionStatus status = statusAt(now);
        if (status == SubscriptionStatus.CANCELED) {
            throw refused("cancel", status, "it is already canceled");
        }
        Instant effective = atPeriodEnd ? currentPeriod.end() : now;
        return new Subscription(subscriptionId, accountId, tierId, startedAt, trialEndsAt, activatedAt, pastDueAt,
                effective, atPeriodEnd);
    }

    private TransitionRefusedException refused(String action, SubscriptionStatus status, String why) {
        return new TransitionRefusedException(
                "Cannot " + action + " subscription " + subscriptionId + ": it is " + status.wireName() + "; " + why);
    }
}

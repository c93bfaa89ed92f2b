package com.hydracore.billing.domain.subscription;

/** Where a subscription stands at a given instant; derived from its dates, never stored. */
public enum SubscriptionStatus {
    /** In a trial that has not ended, not yet paid for. */
    TRIALING("trialing"),
    /** The trial ended without activation. */
    EXPIRED("expired"),
    /** Paid for, or created without a trial, and not canceled. */
    ACTIVE("active"),
    /** Marked by an admin as awaiting payment; cleared by activation. */
    PAST_DUE("past_due"),
    /** Canceled now, or canceled at period end and that end has passed. */
    CANCELED("canceled"),
    /** Not a subscription's status: what an account with no subscription at all reads. */
    NONE("none");

    private final String wireName;

    SubscriptionStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name, e.g. {@code past_due}. */
    public String wireName() {
        return wireName;
    }

    /** Whether a subscription in this status counts as a live plan (current plan, subscribed tier ids). */
    public boolean isLive() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE;
    }

    /** Whether the platform charges the plan's price for the period (active or past due). */
    public boolean isBillable() {
        return this == ACTIVE || this == PAST_DUE;
    }
}

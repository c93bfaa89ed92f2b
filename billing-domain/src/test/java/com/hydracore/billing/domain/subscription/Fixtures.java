package com.hydracore.billing.domain.subscription;

import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import java.time.Instant;

/** Tiers and subscriptions the subscription tests share. */
final class Fixtures {

    static final Instant START = Instant.parse("2026-01-31T10:00:00Z");

    private Fixtures() {
    }

    static Tier tier(String id, int trialDays) {
        return new Tier(id, id + "-slug", "HydraCore Agents", "Plan " + id, 2900, BillingCycle.MONTHLY, trialDays,
                new PlanLimits(1_000_000, 50_000, 5_000, 5, 50));
    }

    /** A subscription with a 14-day trial started at {@link #START}: its trial ends 2026-02-14T10:00:00Z. */
    static Subscription trialing(String id) {
        return Subscription.start(id, "acct-1", tier("pro", 14), 14, START);
    }

    /** A subscription without a trial started at {@link #START}: active from its start. */
    static Subscription withoutTrial(String id) {
        return Subscription.start(id, "acct-1", tier("pro", 14), 0, START);
    }
}

package com.hydracore.billing.application.service;

import com.hydracore.billing.application.port.in.ManageSubscriptions.CreateSubscription;
import com.hydracore.billing.application.port.in.RecordUsage.RecordUsageCommand;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.usage.UsageEventDraft;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Tiers, drafts and commands the use-case tests share. */
final class Fixtures {

    static final String ACME = "acme";
    static final String GLOBEX = "globex";

    /** Monthly, $29, 14-day trial. */
    static final Tier PRO = new Tier("pro", "pro-monthly", "HydraCore Agents", "Pro", 2900, BillingCycle.MONTHLY, 14,
            new PlanLimits(1_000_000, 50_000, 5_000, 3, 50));
    /** Monthly, $49, no trial. */
    static final Tier TEAM = new Tier("team", "team-monthly", "HydraCore Agents", "Team", 4900, BillingCycle.MONTHLY,
            0, new PlanLimits(5_000_000, 100_000, 10_000, 10, 100));
    /** Yearly, $990, 7-day trial. */
    static final Tier LEGACY = new Tier("legacy", "legacy-yearly", "HydraCore Classic", "Legacy", 99000,
            BillingCycle.YEARLY, 7, new PlanLimits(10, 10, 10, 1, 1));

    private Fixtures() {
    }

    static CreateSubscription subscribe(String accountId, String tierId) {
        return new CreateSubscription(accountId, tierId, OptionalInt.empty(), Optional.empty());
    }

    static CreateSubscription subscribe(String accountId, String tierId, String startedAt) {
        return new CreateSubscription(accountId, tierId, OptionalInt.empty(), Optional.of(Instant.parse(startedAt)));
    }

    static CreateSubscription subscribe(String accountId, String tierId, int trialDays, String startedAt) {
        return new CreateSubscription(accountId, tierId, OptionalInt.of(trialDays),
                Optional.of(Instant.parse(startedAt)));
    }

    /** A valid draft: 10 tokens, requests and cost left to their defaults, no end user. */
    static UsageEventDraft draft(String accountId, String eventId, String instanceId, String occurredAt) {
        return new UsageEventDraft(accountId, eventId, instanceId, Instant.parse(occurredAt), 10L, null, null, null,
                null);
    }

    static UsageEventDraft draft(String accountId, String eventId, String instanceId, String occurredAt, long tokens,
                                 long requests, String cost, String endUser) {
        return new UsageEventDraft(accountId, eventId, instanceId, Instant.parse(occurredAt), tokens, requests, cost,
                endUser, null);
    }

    static RecordUsageCommand batch(UsageEventDraft... drafts) {
        return RecordUsageCommand.of(List.of(drafts));
    }
}

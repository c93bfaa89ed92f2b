package com.hydracore.billing.application.service;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.port.in.RecordUsage;
import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.application.port.out.AlertPlan.AccountAlerting;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.usage.UsageBatch;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a whole batch against the contract, then hands it to the ledger in one all-or-nothing append, with what
 * the ledger needs to raise the usage alerts the batch causes in the same transaction (API §8): each account's current
 * period and limits, resolved from its plan as every read resolves it.
 */
public final class UsageRecorder implements RecordUsage {

    private final UsageLedger ledger;
    private final Inventory inventory;
    private final BillingSettings settings;
    private final Clock clock;
    private final AlertThresholds thresholds;
    private final PlanResolver plans;

    /** Wires the recorder to its ports, raising no usage alerts. */
    public UsageRecorder(UsageLedger ledger, Inventory inventory, BillingSettings settings, Clock clock) {
        this(ledger, inventory, settings, clock, new AlertThresholds(List.of()), null, null);
    }

    /**
     * Wires the recorder to its ports, raising usage alerts at {@code thresholds}.
     *
     * @param subscriptions where plans are resolved from (a cached store: this runs on every append)
     * @param catalog       the tiers, likewise
     */
    public UsageRecorder(UsageLedger ledger, Inventory inventory, BillingSettings settings, Clock clock,
                         AlertThresholds thresholds, SubscriptionStore subscriptions, TierCatalog catalog) {
        this.ledger = ledger;
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
        this.thresholds = thresholds;
        this.plans = thresholds.percents().isEmpty() ? null : new PlanResolver(subscriptions, catalog, settings);
    }

    @Override
    public Recorded record(RecordUsageCommand command) {
        Instant now = clock.instant();
        List<UsageEvent> events = UsageBatch.toEvents(command.events(), now, settings.eventWindow());
        AppendResult result = ledger.append(events, alertPlan(events, now));
        // After the append, so a failed append registers nothing.
        registerInstances(result);
        return new Recorded(result.accepted(), result.duplicates());
    }

    /** Each account's current period and limits at {@code now}; nothing to resolve without thresholds. */
    private AlertPlan alertPlan(List<UsageEvent> events, Instant now) {
        if (plans == null) {
            return AlertPlan.NONE;
        }
        Map<String, AccountAlerting> accounts = new HashMap<>();
        Set<String> resolved = new HashSet<>();
        for (UsageEvent e : events) {
            if (resolved.add(e.accountId())) {
                AccountPlan plan;
                try {
                    plan = plans.planOf(e.accountId(), now);
                } catch (IllegalStateException unknownTier) {
                    // a subscription naming a tier the catalog lost: the usage is still accepted, without alerts
                    continue;
                }
                accounts.put(e.accountId(), new AccountAlerting(plan.period(), plan.limits(), now));
            }
        }
        return new AlertPlan(thresholds, accounts);
    }

    // The ledger names the instances its stored usage is under, a duplicate's stored original included: a duplicate
    // changes nothing whatever its payload, so the instance it names itself is not registered, while a batch retried
    // after a crash between the append and this call still registers what the first attempt stored.
    private void registerInstances(AppendResult result) {
        if (!result.instances().isEmpty()) {
            inventory.registerDiscovered(result.instances());
        }
    }
}

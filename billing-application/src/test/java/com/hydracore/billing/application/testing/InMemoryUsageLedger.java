package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.alert.ThresholdReached;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageAggregation;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link UsageLedger} in memory and the {@link UsageSums} of what it holds, summing raw events with the domain's
 * reference aggregation. Made {@link #withOutbox with an outbox}, it raises the usage alerts of its appends there,
 * under its lock (the reference for {@code UsageAlertsContract}); without one it raises none.
 */
public final class InMemoryUsageLedger implements UsageLedger, UsageSums {

    private final Map<String, Map<String, UsageEvent>> eventsByAccount;
    private final Predicate<UsageEvent> failOnWrite;
    private final Outbox outbox;
    private volatile Consumer<List<UsageEvent>> onStored = events -> { };

    /** An empty ledger. */
    public InMemoryUsageLedger() {
        this(new HashMap<>(), e -> false, null);
    }

    private InMemoryUsageLedger(Map<String, Map<String, UsageEvent>> eventsByAccount,
                                Predicate<UsageEvent> failOnWrite, Outbox outbox) {
        this.eventsByAccount = eventsByAccount;
        this.failOnWrite = failOnWrite;
        this.outbox = outbox;
    }

    /** A ledger over the same events as this one that queues the usage alerts of its appends in {@code outbox}. */
    public InMemoryUsageLedger withOutbox(Outbox outbox) {
        return new InMemoryUsageLedger(eventsByAccount, failOnWrite, outbox);
    }

    /**
     * A ledger over the same events as this one whose {@link #append} fails when it comes to store the event with
     * {@code eventId}: the contract kit's failure seam, to show that a failed batch leaves nothing behind.
     */
    public InMemoryUsageLedger failingOnWriteOf(String eventId) {
        return new InMemoryUsageLedger(eventsByAccount, e -> e.eventId().equals(eventId), outbox);
    }

    @Override
    public List<AppendResult> appendAll(List<List<UsageEvent>> batches) {
        return appendAll(batches, AlertPlan.NONE);
    }

    @Override
    public List<AppendResult> appendAll(List<List<UsageEvent>> batches, AlertPlan alerts) {
        synchronized (eventsByAccount) {
            // Stage every batch first and commit only when nothing failed: all or nothing.
            Map<String, Map<String, UsageEvent>> fresh = new HashMap<>();
            List<AppendResult> results = new ArrayList<>();
            for (List<UsageEvent> events : batches) {
                Map<String, Set<String>> instances = new HashMap<>();
                int duplicates = 0;
                for (UsageEvent e : events) {
                    UsageEvent stored = eventsByAccount.getOrDefault(e.accountId(), Map.of()).get(e.eventId());
                    Map<String, UsageEvent> staged = fresh.computeIfAbsent(e.accountId(), a -> new LinkedHashMap<>());
                    UsageEvent original = stored != null ? stored : staged.get(e.eventId());
                    if (original != null) {
                        duplicates++;
                    } else {
                        if (failOnWrite.test(e)) {
                            throw new IllegalStateException("simulated failure while writing event " + e.eventId());
                        }
                        staged.put(e.eventId(), e);
                        original = e;
                    }
                    instances.computeIfAbsent(e.accountId(), a -> new HashSet<>()).add(original.instanceId());
                }
                results.add(new AppendResult(events.size() - duplicates, duplicates, instances));
            }
            fresh.forEach((account, staged) ->
                    eventsByAccount.computeIfAbsent(account, a -> new LinkedHashMap<>()).putAll(staged));
            onStored.accept(fresh.values().stream().flatMap(m -> m.values().stream()).toList());
            if (outbox != null) {
                raiseAlerts(fresh, alerts);
            }
            return results;
        }
    }

    /**
     * Under the lock, so appends judge crossings in turn: per account of the plan with new events in its period,
     * the period's usage with them ({@code after}) and without them ({@code before}), and each crossing queued.
     */
    private void raiseAlerts(Map<String, Map<String, UsageEvent>> fresh, AlertPlan alerts) {
        fresh.forEach((account, staged) -> alerts.of(account).ifPresent(alerting -> {
            if (staged.values().stream().noneMatch(e -> alerting.period().contains(e.occurredAt()))) {
                return; // an event of an earlier period never alerts
            }
            UsageTotals after = totals(account, alerting.period());
            List<UsageEvent> earlier = events(account).stream().filter(e -> !staged.containsKey(e.eventId())).toList();
            UsageTotals before = UsageAggregation.totals(earlier, alerting.period());
            QuotaUsage usedAfter = new QuotaUsage(after.tokens(), after.requests(), after.uniqueConversations(), 0);
            QuotaUsage usedBefore = new QuotaUsage(before.tokens(), before.requests(), before.uniqueConversations(),
                    0);
            for (ThresholdReached crossing : alerts.thresholds().crossings(account, alerting.period(),
                    alerting.limits(), usedBefore, usedAfter)) {
                outbox.enqueue(WebhookEvent.of(crossing, alerting.at()), alerting.at());
            }
        }));
    }

    /**
     * Runs {@code step} with the events each append stored (new ones only), under the ledger's lock, as the append's
     * last step: how {@link InMemoryQuotaHolds} settles the holds they name.
     */
    public void onStored(Consumer<List<UsageEvent>> step) {
        this.onStored = step;
    }

    /** The lock appends take; whoever holds it sees no append half done. */
    public Object lock() {
        return eventsByAccount;
    }

    /** The distinct conversation ids of the account's events in {@code period}. */
    public Set<String> conversations(String accountId, BillingPeriod period) {
        Set<String> ids = new HashSet<>();
        for (UsageEvent e : events(accountId)) {
            if (e.conversationId() != null && period.contains(e.occurredAt())) {
                ids.add(e.conversationId());
            }
        }
        return ids;
    }

    @Override
    public UsageTotals totals(String accountId, BillingPeriod period) {
        return UsageAggregation.totals(events(accountId), period);
    }

    @Override
    public List<InstanceUsage> byInstance(String accountId, BillingPeriod period) {
        return UsageAggregation.byInstance(events(accountId), period);
    }

    @Override
    public List<DailyUsage> daily(String accountId, LocalDate firstDay, LocalDate lastDay,
                                  Optional<String> instanceId) {
        return UsageAggregation.daily(events(accountId), firstDay, lastDay, instanceId.orElse(null));
    }

    @Override
    public List<ModelUsage> byModel(String accountId, BillingPeriod period) {
        return UsageAggregation.byModel(events(accountId), period);
    }

    @Override
    public void byLocalDay(LocalDayQuery query, Consumer<DayUsage> rows) {
        UsageAggregation.byLocalDay(events(query.accountId()), query.days(), query.zone(),
                query.instanceId().orElse(null), query.model().orElse(null), query.grouping()).forEach(rows);
    }

    private List<UsageEvent> events(String accountId) {
        synchronized (eventsByAccount) {
            return new ArrayList<>(eventsByAccount.getOrDefault(accountId, Map.of()).values());
        }
    }
}

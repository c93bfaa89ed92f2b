package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageAggregation;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
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
 * reference aggregation.
 */
public final class InMemoryUsageLedger implements UsageLedger, UsageSums {

    private final Map<String, Map<String, UsageEvent>> eventsByAccount;
    private final Predicate<UsageEvent> failOnWrite;
    private volatile Consumer<List<UsageEvent>> onStored = events -> { };

    /** An empty ledger. */
    public InMemoryUsageLedger() {
        this(new HashMap<>(), e -> false);
    }

    private InMemoryUsageLedger(Map<String, Map<String, UsageEvent>> eventsByAccount,
                                Predicate<UsageEvent> failOnWrite) {
        this.eventsByAccount = eventsByAccount;
        this.failOnWrite = failOnWrite;
    }

    /**
     * A ledger over the same events as this one whose {@link #append} fails when it comes to store the event with
     * {@code eventId}: the contract kit's failure seam, to show that a failed batch leaves nothing behind.
     */
    public InMemoryUsageLedger failingOnWriteOf(String eventId) {
        return new InMemoryUsageLedger(eventsByAccount, e -> e.eventId().equals(eventId));
    }

    @Override
    public List<AppendResult> appendAll(List<List<UsageEvent>> batches) {
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
            return results;
        }
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

    private List<UsageEvent> events(String accountId) {
        synchronized (eventsByAccount) {
            return new ArrayList<>(eventsByAccount.getOrDefault(accountId, Map.of()).values());
        }
    }
}

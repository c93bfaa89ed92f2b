package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.period.ZonedDays;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aggregation of raw usage events in plain Java: what a ledger without a database does, and the reference any
 * faster ledger (rollups in SQL) must agree with.
 */
public final class UsageAggregation {

    private UsageAggregation() {
    }

    /** Sums of the events whose {@code occurredAt} lies in {@code period}. */
    public static UsageTotals totals(Collection<UsageEvent> events, BillingPeriod period) {
        Accumulator acc = new Accumulator(true);
        for (UsageEvent e : events) {
            if (period.contains(e.occurredAt())) {
                acc.add(e);
            }
        }
        return acc.totals();
    }

    /** Sums per instance of the events in {@code period}, in order of first appearance; conversations not counted. */
    public static List<InstanceUsage> byInstance(Collection<UsageEvent> events, BillingPeriod period) {
        Map<String, Accumulator> perInstance = new LinkedHashMap<>();
        for (UsageEvent e : events) {
            if (period.contains(e.occurredAt())) {
                perInstance.computeIfAbsent(e.instanceId(), id -> new Accumulator(false)).add(e);
            }
        }
        List<InstanceUsage> result = new ArrayList<>();
        perInstance.forEach((id, acc) -> result.add(new InstanceUsage(id, acc.totals())));
        return List.copyOf(result);
    }

    /**
     * Sums per UTC day from {@code firstDay} to {@code lastDay} inclusive, only days with events, optionally for one
     * instance ({@code instanceId} {@code null} means all).
     */
    public static List<DailyUsage> daily(Collection<UsageEvent> events, LocalDate firstDay, LocalDate lastDay,
                                         String instanceId) {
        Map<LocalDate, DailyUsage> byDay = new LinkedHashMap<>();
        for (UsageEvent e : events) {
            LocalDate day = e.utcDay();
            if (day.isBefore(firstDay) || day.isAfter(lastDay)) {
                continue;
            }
            if (instanceId != null && !instanceId.equals(e.instanceId())) {
                continue;
            }
            byDay.merge(day, new DailyUsage(day, e.tokens(), e.requests(), e.cost()), DailyUsage::plus);
        }
        return byDay.values().stream().sorted((a, b) -> a.date().compareTo(b.date())).toList();
    }

    /** Sums per model of the events in {@code period} (no model: a {@code null} model), in the contract's order. */
    public static List<ModelUsage> byModel(Collection<UsageEvent> events, BillingPeriod period) {
        Map<String, UsageMeasures> perModel = new HashMap<>();
        for (UsageEvent e : events) {
            if (period.contains(e.occurredAt())) {
                perModel.merge(e.model(), UsageMeasures.of(e), UsageMeasures::plus);
            }
        }
        return perModel.entrySet().stream().map(m -> new ModelUsage(m.getKey(), m.getValue()))
                .sorted(ModelUsage.ORDER).toList();
    }

    /**
     * Sums per day of {@code zone} (each {@code [local midnight, next local midnight)}) over {@code days}, only days
     * (and groups) with usage — sums not all zero: an event of no tokens, no requests and no cost is no usage — in
     * {@link DayUsage#ORDER}: grouped by {@code grouping}'s key, and kept to one instance
     * and one model when those are not {@code null}. Event by event, with no buckets: the reference the rollups are
     * checked against.
     */
    public static List<DayUsage> byLocalDay(Collection<UsageEvent> events, DayRange days, ZoneId zone,
                                            String instanceId, String model, UsageGrouping grouping) {
        Map<LocalDate, Map<String, UsageMeasures>> byDay = new HashMap<>();
        for (UsageEvent e : events) {
            LocalDate date = ZonedDays.dateOf(e.occurredAt(), zone);
            if (!days.contains(date) || (instanceId != null && !instanceId.equals(e.instanceId()))
                    || (model != null && !model.equals(e.model()))) {
                continue;
            }
            String key = switch (grouping) {
                case DAY -> null;
                case DAY_INSTANCE -> e.instanceId();
                case DAY_MODEL -> e.model();
            };
            byDay.computeIfAbsent(date, d -> new HashMap<>()).merge(key, UsageMeasures.of(e), UsageMeasures::plus);
        }
        List<DayUsage> rows = new ArrayList<>();
        byDay.forEach((date, groups) -> groups.forEach((key, sums) -> {
            if (!sums.isZero()) {
                rows.add(new DayUsage(date, key, sums));
            }
        }));
        rows.sort(DayUsage.ORDER);
        return List.copyOf(rows);
    }

    /**
     * Running sums with a set of end users (and of conversations, for an account's totals); not thread-safe, used
     * inside one aggregation.
     */
    private static final class Accumulator {
        private final boolean countsConversations;
        private long tokens;
        private long requests;
        private Money cost = Money.ZERO;
        private final Set<String> endUsers = new HashSet<>();
        private final Set<String> conversations = new HashSet<>();

        Accumulator(boolean countsConversations) {
            this.countsConversations = countsConversations;
        }

        void add(UsageEvent e) {
            tokens = Math.addExact(tokens, e.tokens());
            requests = Math.addExact(requests, e.requests());
            cost = cost.plus(e.cost());
            if (e.endUserId() != null) {
                endUsers.add(e.endUserId());
            }
            if (countsConversations && e.conversationId() != null) {
                conversations.add(e.conversationId());
            }
        }

        UsageTotals totals() {
            return new UsageTotals(tokens, requests, cost, endUsers.size(), conversations.size());
        }
    }
}

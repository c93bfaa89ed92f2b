package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.time.LocalDate;
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

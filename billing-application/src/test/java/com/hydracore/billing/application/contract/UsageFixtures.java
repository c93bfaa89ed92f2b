package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The events, days and period the usage contracts ({@link UsageLedgerContract}, {@link UsageSumsContract}) use. */
final class UsageFixtures {

    /** The period most cases sum over: March 2026. */
    static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    /** The instance of an event that names none. */
    static final String DEFAULT_INSTANCE = "inst-1";

    private UsageFixtures() {
    }

    /** A usage event with defaults: instance {@code inst-1}, 2026-03-10 12:00Z, 10 tokens, 1 request, $0.01. */
    static EventBuilder event(String accountId, String eventId) {
        return new EventBuilder(accountId, eventId);
    }

    /**
     * The account's sums per instance in {@code period}, keyed by instance; fails naming the rule when an instance
     * comes back in more than one row.
     */
    static Map<String, UsageTotals> byInstance(UsageSums sums, String accountId, BillingPeriod period) {
        List<InstanceUsage> rows = sums.byInstance(accountId, period);
        Map<String, UsageTotals> map = new HashMap<>();
        rows.forEach(r -> map.put(r.instanceId(), r.totals()));
        assertEquals(rows.size(), map.size(), "byInstance gives each instance one row only: " + rows);
        return map;
    }

    static DailyUsage day(String date, long tokens, long requests, String cost) {
        return new DailyUsage(date(date), tokens, requests, Money.parse(cost));
    }

    static LocalDate date(String date) {
        return LocalDate.parse(date);
    }

    /** Builds test events; only what a case cares about is spelled out. */
    static final class EventBuilder {
        private final String accountId;
        private final String eventId;
        private String instanceId = DEFAULT_INSTANCE;
        private Instant occurredAt = Instant.parse("2026-03-10T12:00:00Z");
        private long tokens = 10;
        private long requests = 1;
        private Money cost = Money.parse("0.01");
        private String endUserId;
        private String conversationId;
        private String model;
        private TokenBreakdown breakdown = TokenBreakdown.ZERO;
        private String reservationId;

        EventBuilder(String accountId, String eventId) {
            this.accountId = accountId;
            this.eventId = eventId;
        }

        EventBuilder instance(String id) {
            this.instanceId = id;
            return this;
        }

        EventBuilder at(String instant) {
            this.occurredAt = Instant.parse(instant);
            return this;
        }

        EventBuilder tokens(long n) {
            this.tokens = n;
            return this;
        }

        EventBuilder requests(long n) {
            this.requests = n;
            return this;
        }

        EventBuilder cost(String usd) {
            this.cost = Money.parse(usd);
            return this;
        }

        EventBuilder endUser(String id) {
            this.endUserId = id;
            return this;
        }

        EventBuilder conversation(String id) {
            this.conversationId = id;
            return this;
        }

        EventBuilder model(String name) {
            this.model = name;
            return this;
        }

        /** A token breakdown; {@code tokens} becomes input + output. */
        EventBuilder breakdown(long input, long output, long cachedInput, long cacheWrite, long reasoning) {
            this.breakdown = new TokenBreakdown(input, output, cachedInput, cacheWrite, reasoning);
            this.tokens = breakdown.total();
            return this;
        }

        EventBuilder at(Instant instant) {
            this.occurredAt = instant;
            return this;
        }

        EventBuilder reservation(String id) {
            this.reservationId = id;
            return this;
        }

        UsageEvent build() {
            return new UsageEvent(accountId, eventId, instanceId, occurredAt, tokens, requests, cost, endUserId,
                    conversationId, model, breakdown, reservationId);
        }
    }
}

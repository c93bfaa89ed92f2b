package com.hydracore.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Thousands of seeded random events, crowded around the period's edges, aggregated by {@link UsageAggregation} and by
 * a deliberately naive recomputation (one full pass over all events per question, no maps, BigInteger sums).
 */
class UsageAggregationRandomizedTest {

    private static final int EVENTS = 5_000;
    /** A clamped anniversary period: [Jan 31, Feb 28) of a common year. */
    private static final BillingPeriod PERIOD =
            BillingPeriod.ofDays(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28));
    private static final List<String> INSTANCES =
            List.of("inst-a", "inst-b", "inst-c", "inst-d", "inst-e", "inst-f", "inst-g", "only-outside");
    private static final int END_USERS = 40;
    private static final LocalDate CHART_FIRST = LocalDate.of(2026, 1, 27);
    private static final LocalDate CHART_LAST = LocalDate.of(2026, 3, 3);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261124L})
    void theAggregationAgreesWithANaiveRecomputation(long seed) {
        List<UsageEvent> events = randomEvents(new Random(seed));
        long inPeriod = events.stream().filter(e -> naiveInPeriod(e.occurredAt())).count();
        assertTrue(inPeriod > EVENTS / 3 && inPeriod < EVENTS, "the seed spreads events on both sides of the edges");

        assertEquals(naiveTotals(events, null), UsageAggregation.totals(events, PERIOD), "totals");
        assertEquals(naiveByInstance(events), UsageAggregation.byInstance(events, PERIOD), "by instance");
        assertEquals(naiveDaily(events, null), UsageAggregation.daily(events, CHART_FIRST, CHART_LAST, null),
                "daily, all instances");
        for (String instance : INSTANCES) {
            assertEquals(naiveDaily(events, instance),
                    UsageAggregation.daily(events, CHART_FIRST, CHART_LAST, instance), "daily, " + instance);
        }
        assertEquals(List.of(), UsageAggregation.daily(events, CHART_FIRST, CHART_LAST, "nobody"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7L, 99L})
    void theViewsOfOnePeriodAddUpToTheSameTotals(long seed) {
        List<UsageEvent> events = randomEvents(new Random(seed));
        UsageTotals totals = UsageAggregation.totals(events, PERIOD);

        List<InstanceUsage> byInstance = UsageAggregation.byInstance(events, PERIOD);
        assertEquals(totals.tokens(), byInstance.stream().mapToLong(u -> u.totals().tokens()).sum());
        assertEquals(totals.requests(), byInstance.stream().mapToLong(u -> u.totals().requests()).sum());
        assertEquals(totals.cost().micros(), byInstance.stream().mapToLong(u -> u.totals().cost().micros()).sum());
        assertTrue(byInstance.stream().noneMatch(u -> u.instanceId().equals("only-outside")));

        // Periods are whole UTC days, so the chart's days inside the period sum to the period's totals.
        List<DailyUsage> days = DailySeries.zeroFilled(PERIOD.firstDay(), PERIOD.endDay().minusDays(1),
                UsageAggregation.daily(events, PERIOD.firstDay(), PERIOD.endDay().minusDays(1), null));
        assertEquals(28, days.size());
        assertEquals(totals.tokens(), days.stream().mapToLong(DailyUsage::tokens).sum());
        assertEquals(totals.requests(), days.stream().mapToLong(DailyUsage::requests).sum());
        assertEquals(totals.cost().micros(), days.stream().mapToLong(d -> d.cost().micros()).sum());
    }

    // --- the generator ---

    private static List<UsageEvent> randomEvents(Random random) {
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            String instance = INSTANCES.get(random.nextInt(INSTANCES.size() - 1));
            Instant at = randomInstant(random);
            if (random.nextInt(50) == 0) {
                instance = "only-outside";
                at = PERIOD.end().plus(Duration.ofHours(1 + random.nextInt(48)));
            }
            String endUser = random.nextInt(5) == 0 ? null : "user-" + random.nextInt(END_USERS);
            long tokens = random.nextInt(20) == 0 ? (long) (random.nextDouble() * 1e12) : random.nextInt(50_000);
            long requests = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20);
            long costMicros = random.nextInt(10) == 0 ? (long) (random.nextDouble() * 1e12) : random.nextInt(10_000);
            events.add(new UsageEvent("acct-1", "evt-" + i, instance, at, tokens, requests, Money.ofMicros(costMicros),
                    endUser, random.nextBoolean() ? "conv-" + random.nextInt(100) : null));
        }
        return events;
    }

    /** Half the instants sit on or next to a UTC midnight (the period's edges above all), half anywhere nearby. */
    private static Instant randomInstant(Random random) {
        Instant[] edges = {PERIOD.start(), PERIOD.end()};
        switch (random.nextInt(4)) {
            case 0: {
                Instant edge = edges[random.nextInt(2)];
                long[] offsets = {-1_000_000_000L, -1L, 0L, 1L, 1_000_000_000L};
                return edge.plusNanos(offsets[random.nextInt(offsets.length)]);
            }
            case 1: {
                Instant midnight = PERIOD.start().plus(Duration.ofDays(random.nextInt(40) - 6));
                return midnight.plusNanos(random.nextInt(3) - 1);
            }
            default: {
                long spanNanos = Duration.ofDays(40).toNanos();
                long offset = (long) (random.nextDouble() * spanNanos);
                return PERIOD.start().minus(Duration.ofDays(6)).plusNanos(offset);
            }
        }
    }

    // --- the naive recomputation ---

    private static boolean naiveInPeriod(Instant t) {
        return t.compareTo(PERIOD.start()) >= 0 && t.compareTo(PERIOD.end()) < 0;
    }

    /** Totals of the events in the period, for one instance or ({@code null}) all: conversations for all only. */
    private static UsageTotals naiveTotals(List<UsageEvent> events, String instance) {
        BigInteger tokens = BigInteger.ZERO;
        BigInteger requests = BigInteger.ZERO;
        BigInteger micros = BigInteger.ZERO;
        TreeSet<String> endUsers = new TreeSet<>();
        TreeSet<String> conversations = new TreeSet<>();
        for (UsageEvent e : events) {
            if (!naiveInPeriod(e.occurredAt()) || (instance != null && !instance.equals(e.instanceId()))) {
                continue;
            }
            tokens = tokens.add(BigInteger.valueOf(e.tokens()));
            requests = requests.add(BigInteger.valueOf(e.requests()));
            micros = micros.add(e.cost().toBigDecimal().movePointRight(6).toBigIntegerExact());
            if (e.endUserId() != null) {
                endUsers.add(e.endUserId());
            }
            if (instance == null && e.conversationId() != null) {
                conversations.add(e.conversationId());
            }
        }
        return new UsageTotals(tokens.longValueExact(), requests.longValueExact(),
                Money.ofMicros(micros.longValueExact()), endUsers.size(), conversations.size());
    }

    /** One entry per instance with events in the period, in the order the instances first appear there. */
    private static List<InstanceUsage> naiveByInstance(List<UsageEvent> events) {
        List<String> order = new ArrayList<>();
        for (UsageEvent e : events) {
            if (naiveInPeriod(e.occurredAt()) && !order.contains(e.instanceId())) {
                order.add(e.instanceId());
            }
        }
        List<InstanceUsage> result = new ArrayList<>();
        for (String instance : order) {
            result.add(new InstanceUsage(instance, naiveTotals(events, instance)));
        }
        return result;
    }

    /** One entry per chart day that has events, ascending; a day is the event's epoch second divided by 86 400. */
    private static List<DailyUsage> naiveDaily(List<UsageEvent> events, String instance) {
        List<DailyUsage> days = new ArrayList<>();
        for (long day = CHART_FIRST.toEpochDay(); day <= CHART_LAST.toEpochDay(); day++) {
            long tokens = 0;
            long requests = 0;
            long micros = 0;
            boolean any = false;
            for (UsageEvent e : events) {
                boolean sameDay = Math.floorDiv(e.occurredAt().getEpochSecond(), 86_400L) == day;
                if (sameDay && (instance == null || instance.equals(e.instanceId()))) {
                    any = true;
                    tokens += e.tokens();
                    requests += e.requests();
                    micros += e.cost().micros();
                }
            }
            if (any) {
                days.add(new DailyUsage(LocalDate.ofEpochDay(day), tokens, requests, Money.ofMicros(micros)));
            }
        }
        return days;
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageAggregation;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.BillingDatabase;

/**
 * A randomized run: 8 threads append overlapping batches, full of duplicates (same key, other payload) and late
 * events, for three accounts over six weeks. Every event is counted exactly once, nothing deadlocks, and the stored
 * rollups equal the ones recomputed from the raw events, as do all reads (unique end users and conversations too).
 * The same again with every batch in one account and mostly new end users (an agent platform's users, issue 22):
 * the 8 threads then race for the same counts-by-last-day and sums rows while nearly every event adds a new
 * per-account and per-instance end-user row.
 */
class ConcurrentAppendIT {

    private static final int THREADS = 8;
    private static final int BATCHES_PER_THREAD = 8;
    private static final int KEYS_PER_ACCOUNT = 600;
    private static final LocalDate FIRST_DAY = LocalDate.parse("2026-02-01");
    private static final int DAYS = 42;
    private static final long SEED = 20_261_124L;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eightThreadsAppendingOverlappingBatchesCountEachEventOnceAndRollupsMatchTheRawEvents(Kind kind)
            throws Exception {
        BillingDatabase db = TestDatabases.shared(kind);
        String run = UUID.randomUUID().toString();
        List<String> accounts = List.of("acme-" + run, "globex-" + run, "initech-" + run);
        assertEveryEventCountedOnceAndRollupsMatch(db, accounts, new Random(SEED), ConcurrentAppendIT::randomEvent);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void eightThreadsAppendingToOneAccountWithMostlyNewEndUsersKeepEndUsersAndConversationsExact(Kind kind)
            throws Exception {
        BillingDatabase db = TestDatabases.shared(kind);
        String account = "hot-" + UUID.randomUUID();
        assertEveryEventCountedOnceAndRollupsMatch(db, List.of(account), new Random(SEED + 22),
                ConcurrentAppendIT::manyUsersEvent);
    }

    private static void assertEveryEventCountedOnceAndRollupsMatch(BillingDatabase db, List<String> accounts,
                                                                   Random random, EventSource source)
            throws Exception {
        List<List<UsageEvent>> batches = new ArrayList<>();
        Set<List<String>> distinctKeys = new HashSet<>();
        int events = 0;
        for (int b = 0; b < THREADS * BATCHES_PER_THREAD; b++) {
            List<UsageEvent> batch = new ArrayList<>();
            int size = 50 + random.nextInt(250);
            for (int i = 0; i < size; i++) {
                UsageEvent e = source.next(random, accounts);
                batch.add(e);
                distinctKeys.add(List.of(e.accountId(), e.eventId()));
            }
            events += size;
            batches.add(batch);
        }

        List<AppendResult> results = appendFromEightThreads(db, batches);

        assertEquals(distinctKeys.size(), results.stream().mapToInt(AppendResult::accepted).sum(),
                "accepted over all appends = distinct keys");
        assertEquals(events, results.stream().mapToInt(r -> r.accepted() + r.duplicates()).sum());
        for (String account : accounts) {
            List<UsageEvent> raw = Reconciliation.rawEvents(TestDatabases.dsl(db), account);
            assertEquals(distinctKeys.stream().filter(k -> k.get(0).equals(account)).count(), raw.size(),
                    "raw events stored for " + account);
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), account);
            assertReadsAgreeWithTheReferenceAggregation(db, account, raw);
        }
    }

    /** The ledger's reads (from rollups) equal the domain's plain-Java aggregation of the raw events. */
    private static void assertReadsAgreeWithTheReferenceAggregation(BillingDatabase db, String account,
                                                                    List<UsageEvent> raw) {
        LocalDate lastDay = FIRST_DAY.plusDays(DAYS - 1L);
        // periods no event comes after (their users counted by last day) and one some events come after (by month)
        for (BillingPeriod period : List.of(BillingPeriod.ofDays(FIRST_DAY, lastDay.plusDays(1)),
                BillingPeriod.ofDays(LocalDate.parse("2026-03-01"), lastDay.plusDays(1)),
                BillingPeriod.ofDays(LocalDate.parse("2026-02-20"), LocalDate.parse("2026-04-01")),
                BillingPeriod.ofDays(LocalDate.parse("2026-02-10"), LocalDate.parse("2026-03-10")))) {
            assertEquals(UsageAggregation.totals(raw, period), db.usageSums().totals(account, period));
            assertEquals(byId(UsageAggregation.byInstance(raw, period)), byId(db.usageSums().byInstance(account, period)));
        }
        assertEquals(UsageAggregation.daily(raw, FIRST_DAY, lastDay, null),
                db.usageSums().daily(account, FIRST_DAY, lastDay, Optional.empty()));
        assertEquals(UsageAggregation.daily(raw, FIRST_DAY, lastDay, "inst-2"),
                db.usageSums().daily(account, FIRST_DAY, lastDay, Optional.of("inst-2")));
    }

    private static Map<String, InstanceUsage> byId(List<InstanceUsage> rows) {
        Map<String, InstanceUsage> map = new HashMap<>();
        rows.forEach(r -> map.put(r.instanceId(), r));
        return map;
    }

    /** Where a run's events come from. */
    @FunctionalInterface
    private interface EventSource {
        UsageEvent next(Random random, List<String> accounts);
    }

    /**
     * An agent platform's event: one of 4,000 end users (so most are new to the account, and nearly every pair with
     * one of 20 instances is new), on one of the last three days of the range with a few late ones weeks before (so
     * last days move forward and late days do not move them back), mostly a new conversation; a fifth of the events
     * repeat a key.
     */
    private static UsageEvent manyUsersEvent(Random random, List<String> accounts) {
        String account = accounts.get(random.nextInt(accounts.size()));
        int day = random.nextInt(10) == 0 ? random.nextInt(DAYS) : DAYS - 1 - random.nextInt(3);
        Instant at = FIRST_DAY.plusDays(day).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                .plusMillis(random.nextInt(86_400_000));
        return TestEvents.event(account, "m" + random.nextInt(KEYS_PER_ACCOUNT * 40))
                .instance("inst-" + random.nextInt(20))
                .at(at)
                .tokens(random.nextInt(100_000))
                .requests(1)
                .costMicros(random.nextInt(20_000))
                .endUser(random.nextInt(20) == 0 ? null : "user-" + random.nextInt(4_000))
                .conversation(random.nextInt(5) == 0 ? "conv-" + random.nextInt(50) : "conv-" + random.nextInt(100_000))
                .model(random.nextInt(2) == 0 ? null : "model-" + random.nextInt(3))
                .build();
    }

    /** A random event; keys repeat often, and a repeated key may carry another payload (the first stored wins). */
    private static UsageEvent randomEvent(Random random, List<String> accounts) {
        String account = accounts.get(random.nextInt(accounts.size()));
        Instant at = FIRST_DAY.atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                .plusMillis((long) (random.nextDouble() * DAYS * 86_400_000L));
        TestEvents.Builder event = TestEvents.event(account, "e" + random.nextInt(KEYS_PER_ACCOUNT))
                .instance("inst-" + random.nextInt(5))
                .at(at)
                .tokens(random.nextInt(1_000_000))
                .requests(random.nextInt(4))
                .costMicros(random.nextInt(2_000_000))
                .endUser(random.nextInt(4) == 0 ? null : "user-" + random.nextInt(30))
                .conversation(random.nextInt(3) == 0 ? null : "conv-" + random.nextInt(80))
                .model(random.nextInt(3) == 0 ? null : "model-" + random.nextInt(4));
        if (random.nextBoolean()) {
            // the token kinds, on the quarter-hour and model rollups as well as the UTC days
            int input = random.nextInt(500_000);
            int output = random.nextInt(500_000);
            event.breakdown(input, output, input / 3, input / 5, output / 2);
        }
        return event.build();
    }

    private static List<AppendResult> appendFromEightThreads(BillingDatabase db, List<List<UsageEvent>> batches)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<List<AppendResult>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<List<UsageEvent>> mine = batches.subList(t * BATCHES_PER_THREAD, (t + 1) * BATCHES_PER_THREAD);
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<AppendResult> results = new ArrayList<>();
                    for (List<UsageEvent> batch : mine) {
                        results.add(db.ledger().append(batch));
                    }
                    return results;
                }));
            }
            List<AppendResult> all = new ArrayList<>();
            for (Future<List<AppendResult>> f : futures) {
                all.addAll(f.get(180, TimeUnit.SECONDS));
            }
            all.sort(Comparator.comparingInt(AppendResult::accepted));
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}

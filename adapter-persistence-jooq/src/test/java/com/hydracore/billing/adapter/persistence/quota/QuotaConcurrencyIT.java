package com.hydracore.billing.adapter.persistence.quota;

import static com.hydracore.billing.application.contract.QuotaHoldsContract.runTogether;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.DatabaseSettings;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.usage.TestEvents;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.application.port.out.QuotaHolds.Created;
import com.hydracore.billing.application.port.out.QuotaHolds.Outcome;
import com.hydracore.billing.application.port.out.QuotaHolds.Terms;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.ReservationRequest;
import com.hydracore.billing.domain.quota.ReservationStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The §7 guarantee across replicas: two databases opened separately (each its own pool, ledger and arbiter, as two
 * servers have) on one PostgreSQL database share the holds of one account.
 */
class QuotaConcurrencyIT {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    private static final Terms HARD = new Terms(MARCH, new PlanLimits(1000, 1_000_000, 1000, 1, 25),
            LimitPolicy.HARD);
    private static final long S = 37;

    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static BillingDatabase first;
    private static BillingDatabase second;
    private static List<QuotaHolds> holds;
    private static List<UsageLedger> ledgers;

    @BeforeAll
    static void openTwoReplicas() {
        TestDatabases.Fresh fresh = TestDatabases.fresh(Kind.POSTGRES);
        DatabaseSettings s = fresh.settings();
        // holds of one account queue on its lock holding their connections: on a loaded machine 40 of them take
        // longer than the default wait for a connection, which is not what this test is about
        TestDatabases.Fresh database = new TestDatabases.Fresh(Kind.POSTGRES, new DatabaseSettings(s.jdbcUrl(),
                s.user(), s.password(), s.dataDir(), s.maxPoolSize(), s.connectTimeout(), Duration.ofSeconds(60)));
        first = database.open(new StatementGuards());
        second = database.open(new StatementGuards());
        holds = List.of(first.quotaHolds(), second.quotaHolds());
        ledgers = List.of(first.ledger(CLOCK), second.ledger(CLOCK));
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    private static ReservationRequest request(String id, long ttl) {
        return ReservationRequest.of(id, S, 0L, null, ttl);
    }

    /** 80 holds of s, ten ids sent twice, alternately to the two replicas: exactly ⌊R/s⌋ granted, each id once. */
    @Test
    void holdsSpreadOverTwoReplicasGrantExactlyWhatRemains() throws Exception {
        String account = "acme-" + System.nanoTime();
        ledgers.get(0).append(List.of(TestEvents.event(account, "e0").at(NOW.minusSeconds(60)).tokens(1000 - 25 * S - 5)
                .requests(0).build()));
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            QuotaHolds replica = holds.get(i % 2);
            String id = "r" + (i % 70); // r0..r9 twice, once on each replica
            calls.add(() -> replica.hold(account, request(id, 300), HARD, NOW));
        }
        List<Outcome> outcomes = runTogether(calls);

        Map<String, Integer> createdById = new HashMap<>();
        outcomes.stream().filter(o -> o instanceof Created).map(o -> ((Created) o).reservation().reservationId())
                .forEach(id -> createdById.merge(id, 1, Integer::sum));
        assertEquals(25, createdById.size(), "exactly min(N, ⌊R/s⌋) granted: " + outcomes);
        assertTrue(createdById.values().stream().allMatch(n -> n == 1), "no id held twice: " + createdById);
        for (QuotaHolds replica : holds) {
            assertEquals(new LiveHolds(25 * S, 0, 0), replica.usage(account, MARCH, NOW).live(),
                    "both replicas see the same holds");
        }
    }

    /**
     * Quota reads asked at the same time share reads (a router asks before every call); none may be answered a read
     * that began before it asked. Each reader notes the holds acknowledged on the other replica before its call and
     * must be answered at least their tokens: a reader joined to a read already running would, now and then, see
     * fewer.
     */
    @Test
    void quotaReadsAskedTogetherEachSeeEveryHoldAcknowledgedElsewhereBeforeTheyAsked() throws Exception {
        String account = "initech-" + System.nanoTime();
        Terms soft = new Terms(MARCH, new PlanLimits(1_000_000_000L, 1_000_000_000L, 1000, 1000, 25),
                LimitPolicy.SOFT);
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean holding = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> stale = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                running.add(readers.submit(() -> {
                    while (holding.get()) {
                        long before = acknowledged.get();
                        long seen = holds.get(1).usage(account, MARCH, NOW).live().tokens();
                        if (seen < before * S) {
                            stale.add(seen + " tokens held after " + before + " holds of " + S);
                        }
                        reads.incrementAndGet();
                    }
                }));
            }
            for (int i = 0; i < 150; i++) {
                holds.get(0).hold(account, request("q" + i, 300), soft, NOW);
                acknowledged.incrementAndGet();
            }
            holding.set(false);
            for (Future<?> reader : running) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            readers.shutdownNow();
        }
        assertEquals(0, stale.size(), "stale reads, the first of them: " + stale.subList(0, Math.min(5, stale.size())));
        assertTrue(reads.get() >= 150, "the readers read along: " + reads.get());
        assertEquals(new LiveHolds(150 * S, 0, 0), holds.get(1).usage(account, MARCH, NOW).live());
    }

    /**
     * While 60 holds race over both replicas, five earlier holds are settled by events (of exactly their tokens), five
     * released, and five have just expired: nothing is ever overspent and every release can only add grants.
     */
    @Test
    void holdsGrantedWhileOthersAreSettledReleasedAndExpired() throws Exception {
        String account = "globex-" + System.nanoTime();
        ledgers.get(0).append(List.of(TestEvents.event(account, "e0").at(NOW.minusSeconds(60)).tokens(70).requests(0)
                .build()));
        for (int i = 0; i < 5; i++) {
            holds.get(i % 2).hold(account, request("settle-" + i, 300), HARD, NOW.minusSeconds(30));
            holds.get(i % 2).hold(account, request("release-" + i, 300), HARD, NOW.minusSeconds(30));
            holds.get(i % 2).hold(account, request("expire-" + i, 30), HARD, NOW.minusSeconds(30));
        }
        // at NOW: used 70, live 10 × 37 (the five expire-… ended at NOW): R = 1000 - 70 - 370 = 560, ⌊560/37⌋ = 15
        assertEquals(new LiveHolds(10 * S, 0, 0), holds.get(0).usage(account, MARCH, NOW).live());

        List<Callable<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            QuotaHolds replica = holds.get(i % 2);
            String id = "new-" + i;
            calls.add(() -> replica.hold(account, request(id, 300), HARD, NOW));
        }
        for (int i = 0; i < 5; i++) {
            UsageLedger ledger = ledgers.get(i % 2);
            String id = "settle-" + i;
            int n = i;
            calls.add(() -> ledger.append(List.of(TestEvents.event(account, "s" + n).at(NOW).tokens(S).requests(0)
                    .reservation(id).build())));
            QuotaHolds replica = holds.get((i + 1) % 2);
            String released = "release-" + i;
            calls.add(() -> replica.release(account, released, NOW));
        }
        List<Object> outcomes = runTogether(calls);

        long granted = outcomes.stream().filter(o -> o instanceof Created).count();
        assertTrue(granted >= 15, "what remained before the releases is granted whatever the order: " + granted);
        assertTrue(granted <= 20, "at most what the five releases free on top: " + granted);
        for (int i = 0; i < 5; i++) {
            assertEquals(ReservationStatus.SETTLED, holds.get(0).find(account, "settle-" + i).orElseThrow()
                    .statusAt(NOW));
            assertEquals(ReservationStatus.RELEASED, holds.get(1).find(account, "release-" + i).orElseThrow()
                    .statusAt(NOW));
            assertEquals(ReservationStatus.EXPIRED, holds.get(0).find(account, "expire-" + i).orElseThrow()
                    .statusAt(NOW));
        }
        long used = first.usageSums().totals(account, MARCH).tokens();
        assertEquals(70 + 5 * S, used, "each settling event counted once");
        LiveHolds live = second.quotaHolds().usage(account, MARCH, NOW).live();
        assertEquals(granted * S, live.tokens());
        assertTrue(used + live.tokens() <= 1000, "never overspent: used " + used + " + held " + live.tokens());
    }
}

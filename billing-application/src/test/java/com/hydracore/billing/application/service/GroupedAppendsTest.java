package com.hydracore.billing.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.application.port.out.AlertPlan.AccountAlerting;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.testing.InMemoryUsageLedger;
import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches that arrive while one is being written are written together, each caller still getting its own result. */
class GroupedAppendsTest {

    private static final Instant AT = Instant.parse("2026-03-10T12:00:00Z");

    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void batchesQueuedDuringAWriteGoTogetherInTheNextOne() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        InMemoryUsageLedger storage = new InMemoryUsageLedger();
        Recording ledger = new Recording(storage, () -> {
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
        });
        GroupedAppends grouped = new GroupedAppends(ledger, 10_000, 1);

        Future<AppendResult> first = pool.submit(() -> grouped.append(List.of(event("e0", "inst-0"))));
        await(firstWriteStarted);
        List<Future<AppendResult>> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String id = "e" + i;
            queued.add(pool.submit(() -> grouped.append(List.of(event(id, "inst-1"), event("e0", "inst-9")))));
        }
        waitUntil(() -> queuedCount(grouped) == 5);
        releaseFirstWrite.countDown();

        assertEquals(new AppendResult(1, 0, Map.of("acme", Set.of("inst-0"))),
                first.get(10, TimeUnit.SECONDS));
        for (Future<AppendResult> f : queued) {
            // each its own new event, plus the duplicate e0 whose stored original is on inst-0
            assertEquals(new AppendResult(1, 1, Map.of("acme", Set.of("inst-0", "inst-1"))),
                    f.get(10, TimeUnit.SECONDS));
        }
        assertEquals(List.of(1, 5), ledger.groupSizes, "the five queued batches went in one write");
        assertEquals(6, storage.totals("acme", march()).tokens());
    }

    @Test
    void aGroupIsWrittenWithTheAlertPlansOfAllItsBatches() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        Recording ledger = new Recording(new InMemoryUsageLedger(), () -> {
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
        });
        GroupedAppends grouped = new GroupedAppends(ledger, 10_000, 1);
        AccountAlerting acme = new AccountAlerting(march(), PlanLimits.DEFAULTS, Instant.parse("2026-03-10T12:00:00Z"));
        AccountAlerting globex = new AccountAlerting(march(), PlanLimits.DEFAULTS,
                Instant.parse("2026-03-10T12:00:01Z"));

        Future<AppendResult> first = pool.submit(() -> grouped.append(List.of(event("e0", "inst-0")), AlertPlan.NONE));
        await(firstWriteStarted);
        List<Future<AppendResult>> queued = List.of(
                pool.submit(() -> grouped.append(List.of(event("e1", "inst-1")),
                        new AlertPlan(AlertThresholds.DEFAULT, Map.of("acme", acme)))),
                pool.submit(() -> grouped.append(List.of(event("e2", "inst-1")), AlertPlan.NONE)),
                pool.submit(() -> grouped.append(List.of(event("e3", "inst-1")),
                        new AlertPlan(AlertThresholds.DEFAULT, Map.of("globex", globex)))));
        waitUntil(() -> queuedCount(grouped) == 3);
        releaseFirstWrite.countDown();
        first.get(10, TimeUnit.SECONDS);
        for (Future<AppendResult> f : queued) {
            f.get(10, TimeUnit.SECONDS);
        }

        assertEquals(List.of(1, 3), ledger.groupSizes);
        assertEquals(List.of(AlertPlan.NONE, new AlertPlan(AlertThresholds.DEFAULT,
                Map.of("acme", acme, "globex", globex))), ledger.plans);
    }

    @Test
    void withTwoWritersASecondGroupIsWrittenWhileTheFirstWaits() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        InMemoryUsageLedger storage = new InMemoryUsageLedger();
        Recording ledger = new Recording(storage, () -> {
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
        });
        GroupedAppends grouped = new GroupedAppends(ledger, 10_000, 2);

        Future<AppendResult> first = pool.submit(() -> grouped.append(List.of(event("e0", "inst-0"))));
        await(firstWriteStarted);
        AppendResult second = pool.submit(() -> grouped.append(List.of(event("e1", "inst-1"))))
                .get(10, TimeUnit.SECONDS);

        assertEquals(1, second.accepted(), "written while the first group was still being written");
        releaseFirstWrite.countDown();
        assertEquals(1, first.get(10, TimeUnit.SECONDS).accepted());
        assertEquals(2, storage.totals("acme", march()).tokens());
    }

    @Test
    void aGroupStopsBeforeExceedingTheEventLimit() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        Recording ledger = new Recording(new InMemoryUsageLedger(), () -> {
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
        });
        GroupedAppends grouped = new GroupedAppends(ledger, 4, 1);

        Future<AppendResult> first = pool.submit(() -> grouped.append(List.of(event("e0", "inst-0"))));
        await(firstWriteStarted);
        List<Future<AppendResult>> queued = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String a = "a" + i;
            String b = "b" + i;
            queued.add(pool.submit(() -> grouped.append(List.of(event(a, "inst-1"), event(b, "inst-1")))));
            waitUntil(() -> queuedCount(grouped) == queued.size());
        }
        releaseFirstWrite.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<AppendResult> f : queued) {
            assertEquals(2, f.get(10, TimeUnit.SECONDS).accepted());
        }
        assertEquals(List.of(1, 2, 2, 1), ledger.groupSizes, "two 2-event batches fit in 4 events, a third does not");
    }

    @Test
    void perAccountAGroupHoldsOneAccountsBatchesAndABatchOfSeveralAccountsIsWrittenAlone() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        InMemoryUsageLedger storage = new InMemoryUsageLedger();
        Recording ledger = new Recording(storage, () -> {
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
        });
        GroupedAppends grouped = GroupedAppends.perAccount(ledger, 10_000, 1);

        Future<AppendResult> first = pool.submit(() -> grouped.append(List.of(eventOf("globex", "g0"))));
        await(firstWriteStarted);
        List<List<UsageEvent>> arriving = List.of(List.of(eventOf("acme", "a1")),
                List.of(eventOf("globex", "g1")), List.of(eventOf("acme", "a2"), eventOf("acme", "a3")),
                List.of(eventOf("acme", "m1"), eventOf("globex", "m2")), List.of(eventOf("globex", "g2")));
        List<Future<AppendResult>> queued = new ArrayList<>();
        for (List<UsageEvent> batch : arriving) {
            queued.add(pool.submit(() -> grouped.append(batch)));
            waitUntil(() -> queuedCount(grouped) == queued.size());
        }
        releaseFirstWrite.countDown();

        first.get(10, TimeUnit.SECONDS);
        for (Future<AppendResult> f : queued) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertEquals(List.of(List.of("globex"), List.of("acme", "acme", "acme"), List.of("globex", "globex"),
                List.of("acme", "globex")), ledger.groupAccounts, "the oldest batch leads each group, in turn");
        assertEquals(new UsageTotals(4, 4, Money.ZERO, 0), storage.totals("acme", march()));
        assertEquals(new UsageTotals(4, 4, Money.ZERO, 0), storage.totals("globex", march()));
    }

    @Test
    void whenAGroupFailsEachBatchIsTriedAloneSoOnlyTheFaultyOneFails() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        InMemoryUsageLedger storage = new InMemoryUsageLedger();
        UsageLedger failing = storage.failingOnWriteOf("poison");
        Recording ledger = new Recording(failing, () -> {
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
        });
        GroupedAppends grouped = new GroupedAppends(ledger, 10_000, 1);

        Future<AppendResult> first = pool.submit(() -> grouped.append(List.of(event("e0", "inst-0"))));
        await(firstWriteStarted);
        Future<AppendResult> good = pool.submit(() -> grouped.append(List.of(event("good", "inst-1"))));
        waitUntil(() -> queuedCount(grouped) == 1);
        Future<AppendResult> bad = pool.submit(() -> grouped.append(List.of(event("poison", "inst-1"))));
        waitUntil(() -> queuedCount(grouped) == 2);
        releaseFirstWrite.countDown();

        assertEquals(1, first.get(10, TimeUnit.SECONDS).accepted());
        assertEquals(1, good.get(10, TimeUnit.SECONDS).accepted());
        Exception e = assertThrows(Exception.class, () -> bad.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof IllegalStateException, "the store's own failure reaches its caller");
        assertEquals(new UsageTotals(2, 2, Money.ZERO, 0), storage.totals("acme", march()));
    }

    @Test
    void whenTheStoreIsUnreachableTheGroupAndTheBatchesQueuedBehindItFailAtOnceWithNothingWritten() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch releaseFirstWrite = new CountDownLatch(1);
        InMemoryUsageLedger storage = new InMemoryUsageLedger();
        Recording ledger = new Recording(storage, () -> {
            firstWriteStarted.countDown();
            await(releaseFirstWrite);
            // as an adapter may report it: the outage somewhere in the cause chain
            throw new IllegalStateException("write failed",
                    new StoreUnavailableException("database unreachable", null));
        });
        GroupedAppends grouped = new GroupedAppends(ledger, 10_000, 1);

        Future<AppendResult> first = pool.submit(() -> grouped.append(List.of(event("e0", "inst-0"))));
        await(firstWriteStarted);
        Future<AppendResult> second = pool.submit(() -> grouped.append(List.of(event("e1", "inst-1"))));
        waitUntil(() -> queuedCount(grouped) == 1);
        Future<AppendResult> third = pool.submit(() -> grouped.append(List.of(event("e2", "inst-1"),
                event("e3", "inst-1"))));
        waitUntil(() -> queuedCount(grouped) == 2);
        releaseFirstWrite.countDown();

        for (Future<AppendResult> refused : List.of(first, second, third)) {
            ExecutionException e = assertThrows(ExecutionException.class, () -> refused.get(10, TimeUnit.SECONDS));
            assertTrue(StoreUnavailableException.in(e.getCause()).isPresent(), "recognisable: " + e.getCause());
        }
        assertEquals(List.of(1), ledger.groupSizes, "neither retried alone nor written after the outage was seen");
        assertEquals(0, grouped.queued());
        assertEquals(UsageTotals.ZERO, storage.totals("acme", march()));

        // the store is back (the recording ledger fails only its first write): each batch is accepted whole
        assertEquals(1, grouped.append(List.of(event("e0", "inst-0"))).accepted());
        assertEquals(new AppendResult(2, 0, Map.of("acme", Set.of("inst-1"))),
                grouped.append(List.of(event("e2", "inst-1"), event("e3", "inst-1"))));
        assertEquals(new UsageTotals(3, 3, Money.ZERO, 0), storage.totals("acme", march()));
    }

    private static int queuedCount(GroupedAppends grouped) {
        return grouped.queued();
    }

    private static BillingPeriod march() {
        return BillingPeriod.ofDays(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-01"));
    }

    private static UsageEvent event(String id, String instance) {
        return event("acme", id, instance);
    }

    private static UsageEvent eventOf(String account, String id) {
        return event(account, id, "inst-1");
    }

    private static UsageEvent event(String account, String id, String instance) {
        return new UsageEvent(account, id, instance, AT, 1, 1, Money.ZERO, null, null);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        // Polls a state change made by another thread; bounded, and no figure depends on how long it takes.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Records the size and alert plan of each write and runs {@code onFirstWrite} inside the first one. */
    private static final class Recording implements UsageLedger {
        final List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        /** Each group's accounts, in the order of its events. */
        final List<List<String>> groupAccounts = new CopyOnWriteArrayList<>();
        final List<AlertPlan> plans = new CopyOnWriteArrayList<>();
        private final UsageLedger ledger;
        private final Runnable onFirstWrite;

        Recording(UsageLedger ledger, Runnable onFirstWrite) {
            this.ledger = ledger;
            this.onFirstWrite = onFirstWrite;
        }

        @Override
        public List<AppendResult> appendAll(List<List<UsageEvent>> batches) {
            groupSizes.add(batches.size());
            groupAccounts.add(batches.stream().flatMap(List::stream).map(UsageEvent::accountId).toList());
            if (groupSizes.size() == 1) {
                onFirstWrite.run();
            }
            return ledger.appendAll(batches);
        }

        @Override
        public List<AppendResult> appendAll(List<List<UsageEvent>> batches, AlertPlan alerts) {
            plans.add(alerts);
            return appendAll(batches);
        }
    }
}

package com.hydracore.billing.application.contract;

import static com.hydracore.billing.application.contract.AppendAssertions.assertCounts;
import static com.hydracore.billing.application.contract.UsageFixtures.DEFAULT_INSTANCE;
import static com.hydracore.billing.application.contract.UsageFixtures.MARCH;
import static com.hydracore.billing.application.contract.UsageFixtures.byInstance;
import static com.hydracore.billing.application.contract.UsageFixtures.date;
import static com.hydracore.billing.application.contract.UsageFixtures.day;
import static com.hydracore.billing.application.contract.UsageFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.RandomAccess;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link UsageLedger} must honour: subclass it, implement {@link #newLedger()} and
 * {@link #sumsOf(UsageLedger)}, and every case runs against your ledger. The cases write through the ledger and look
 * at what it stored through the {@link UsageSums} of the same storage (whose own rules {@link UsageSumsContract}
 * checks). A failing case says which rule of the port was broken.
 *
 * <p>Isolation: every case uses account ids made unique by a random UUID, so {@link #newLedger()} may return a
 * fresh empty ledger or the same shared one each time (e.g. one database for the whole class), without any
 * cleaning between cases.
 *
 * <p>What the cases require beyond the port's Javadoc: ids compared exactly (case-sensitive, full length, up to 128
 * code points of any Unicode — H2's {@code VARCHAR(n)} counts UTF-16 units, so give it 256); safe use from 8 threads
 * at once.
 */
public abstract class UsageLedgerContract {

    private static final int THREADS = 8;

    private final ContractRun run = new ContractRun();

    /** The ledger under test, from {@link #newLedger()}, once per case. */
    protected UsageLedger ledger;
    /** The sums of the ledger's storage, from {@link #sumsOf(UsageLedger)}, once per case. */
    protected UsageSums sums;

    /**
     * The ledger under test. Called once before each case. It may be a fresh, empty ledger or a ledger shared by
     * every case (the cases never assume it is empty); it must be safe for use from several threads at once.
     */
    protected abstract UsageLedger newLedger();

    /** The sums of the storage {@code ledger} writes to: how the cases see what it stored. */
    protected abstract UsageSums sumsOf(UsageLedger ledger);

    /**
     * Optional failure seam for {@link #aBatchTheStoreFailsToWriteStoresNothingOfIt}: a ledger over the same storage
     * as {@code ledger} whose {@link UsageLedger#append} fails from inside the store (e.g. a jOOQ
     * {@code ExecuteListener} or a test-only trigger) when it comes to write the event with id {@code eventId}, after
     * it has written the events before it in the batch — and otherwise behaves exactly like {@code ledger}.
     *
     * <p>The default returns empty, and that one case is then reported as aborted (skipped), never as passed.
     * {@link #aBatchThatFailsPartWayStoresNothingOfIt} proves all-or-nothing without this seam.
     */
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.empty();
    }

    @BeforeEach
    void createLedger() {
        ledger = newLedger();
        sums = sumsOf(ledger);
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void newEventsAreAcceptedAndSummed() {
        String acme = run.account("acme");
        AppendResult result = ledger.append(List.of(
                event(acme, "e1").tokens(10).requests(1).cost("0.01").build(),
                event(acme, "e2").tokens(20).requests(2).cost("0.02").build(),
                event(acme, "e3").tokens(30).requests(3).cost("0.03").build()));

        assertCounts(3, 0, result, "every new key is accepted");
        assertEquals(Map.of(acme, Set.of(DEFAULT_INSTANCE)), result.instances(),
                "the result names the instances of the stored events");
        assertEquals(new UsageTotals(60, 6, Money.parse("0.06"), 0), sums.totals(acme, MARCH),
                "when append returns, its events are visible to every read");
    }

    @Test
    void appendingTheSameEventAgainIsADuplicateAndChangesNothing() {
        String acme = run.account("acme");
        UsageEvent e = event(acme, "e1").tokens(10).cost("0.50").endUser("u1").build();
        ledger.append(List.of(e));

        assertCounts(0, 1, ledger.append(List.of(e)), "a stored key is a duplicate");
        assertCounts(0, 1, ledger.append(List.of(e)), "a stored key is a duplicate forever");
        assertEquals(new UsageTotals(10, 1, Money.parse("0.50"), 1), sums.totals(acme, MARCH),
                "a duplicate changes nothing");
    }

    @Test
    void aRepeatedEventIdWithAnotherPayloadIsADuplicateAndTheFirstPayloadStays() {
        String acme = run.account("acme");
        ledger.append(List.of(event(acme, "e1").instance("inst-a").at("2026-03-10T12:00:00Z")
                .tokens(10).requests(1).cost("0.01").endUser("u1").build()));

        AppendResult result = ledger.append(List.of(event(acme, "e1").instance("inst-b").at("2026-03-11T12:00:00Z")
                .tokens(999).requests(5).cost("9.99").endUser("u2").conversation("c9").build()));

        assertCounts(0, 1, result, "the key alone decides: a stored key is a duplicate whatever its payload");
        assertEquals(Map.of(acme, Set.of("inst-a")), result.instances(),
                "a duplicate names its stored original's instance, not its own (inst-b)");
        UsageTotals first = new UsageTotals(10, 1, Money.parse("0.01"), 1);
        assertEquals(first, sums.totals(acme, MARCH), "the first payload stays");
        assertEquals(Map.of("inst-a", first), byInstance(sums, acme, MARCH), "the first payload stays, per instance");
        assertEquals(List.of(day("2026-03-10", 10, 1, "0.01")),
                sums.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.empty()),
                "the first payload stays, on its own day");
    }

    @Test
    void insideOneBatchTheFirstOccurrenceOfAnIdWinsAndLaterOnesAreDuplicates() {
        String acme = run.account("acme");
        AppendResult result = ledger.append(List.of(
                event(acme, "x").tokens(5).cost("0.05").build(),
                event(acme, "y").tokens(1).cost("0.01").build(),
                event(acme, "x").tokens(7).cost("0.07").build(),
                event(acme, "x").tokens(9).cost("0.09").build()));

        assertCounts(2, 2, result, "inside one batch, a key's later occurrences are duplicates");
        assertEquals(new UsageTotals(6, 2, Money.parse("0.06"), 0), sums.totals(acme, MARCH),
                "inside one batch, the first occurrence of a key wins");
    }

    @Test
    void aBatchMixingStoredAndNewEventsCountsEachOnce() {
        String acme = run.account("acme");
        ledger.append(List.of(event(acme, "a").tokens(1).build(), event(acme, "b").tokens(2).build()));

        AppendResult result = ledger.append(List.of(event(acme, "a").tokens(100).build(),
                event(acme, "c").tokens(4).build(), event(acme, "b").tokens(200).build(),
                event(acme, "d").tokens(8).build(), event(acme, "c").tokens(400).build()));

        assertCounts(2, 3, result, "stored keys and keys repeated in the batch are duplicates; the others new");
        assertEquals(15, sums.totals(acme, MARCH).tokens(), "each key is summed once");
    }

    @Test
    void theResultNamesTheInstancesOfWhatIsStoredForTheBatchsKeys() {
        String acme = run.account("acme");
        ledger.append(List.of(event(acme, "a").instance("inst-x").build()));

        AppendResult result = ledger.append(List.of(
                event(acme, "a").instance("inst-y").build(),
                event(acme, "b").instance("inst-z").build(),
                event(acme, "b").instance("inst-w").build()));

        assertCounts(1, 2, result, "accepted + duplicates is the batch's size");
        // inst-x: the stored original of a duplicate; inst-z: new; inst-y and inst-w name only duplicates
        assertEquals(Map.of(acme, Set.of("inst-x", "inst-z")), result.instances(),
                "the result names the instances of the stored events behind the batch's keys, never a duplicate's");
    }

    @Test
    void batchesAppendedTogetherCountAsIfAppendedInTurn() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        ledger.append(List.of(event(acme, "old").instance("inst-old").tokens(1).build()));

        List<AppendResult> results = ledger.appendAll(List.of(
                List.of(event(acme, "a").instance("inst-a").tokens(10).build(),
                        event(acme, "old").instance("inst-x").tokens(100).build()),
                List.of(event(acme, "a").instance("inst-y").tokens(100).build(),
                        event(acme, "b").instance("inst-b").tokens(20).build(),
                        event(globex, "a").instance("inst-g").tokens(40).build(),
                        event(acme, "b").instance("inst-z").tokens(100).build())));

        String asIfInTurn = "appendAll answers each batch as if the batches were appended in turn";
        assertEquals(2, results.size(), "appendAll answers one result per batch");
        assertCounts(1, 1, results.get(0), asIfInTurn);
        assertEquals(Map.of(acme, Set.of("inst-a", "inst-old")), results.get(0).instances(), asIfInTurn);
        assertCounts(2, 2, results.get(1), asIfInTurn + ": a key is new in the first batch holding it");
        assertEquals(Map.of(acme, Set.of("inst-a", "inst-b"), globex, Set.of("inst-g")), results.get(1).instances(),
                asIfInTurn);
        assertEquals(31, sums.totals(acme, MARCH).tokens(), asIfInTurn);
        assertEquals(40, sums.totals(globex, MARCH).tokens(), asIfInTurn);
    }

    @Test
    void eventIdsAreScopedToTheirAccount() {
        String acme = run.account("acme");
        String globex = run.account("globex");

        AppendResult result = ledger.append(List.of(event(acme, "e1").tokens(1).build(),
                event(globex, "e1").tokens(2).build()));

        String scoped = "the key is (account_id, event_id): two accounts may use the same event id";
        assertCounts(2, 0, result, scoped);
        assertEquals(Map.of(acme, Set.of(DEFAULT_INSTANCE), globex, Set.of(DEFAULT_INSTANCE)), result.instances(),
                "the result names instances per account");
        assertCounts(0, 1, ledger.append(List.of(event(globex, "e1").tokens(3).build())), scoped);
        assertEquals(1, sums.totals(acme, MARCH).tokens(), scoped);
        assertEquals(2, sums.totals(globex, MARCH).tokens(), scoped);
    }

    @Test
    void idsCompareExactlyCaseAndLengthIncluded() {
        String acme = run.account("acme");
        String acmeUpper = run.account("ACME");
        String acmeLonger = acme + "_x";

        AppendResult result = ledger.append(List.of(
                event(acme, "evt-a").tokens(1).endUser("user").build(),
                event(acme, "evt-A").tokens(2).endUser("User").build(),
                event(acme, "evt-a ").tokens(4).endUser("user ").build(),
                event(acmeUpper, "evt-a").tokens(8).build(),
                event(acmeLonger, "evt-a").tokens(16).build()));

        String exact = "ids compare exactly: case, trailing spaces and full length count";
        assertCounts(5, 0, result, exact);
        assertEquals(new UsageTotals(7, 3, Money.parse("0.03"), 3), sums.totals(acme, MARCH), exact);
        assertEquals(8, sums.totals(acmeUpper, MARCH).tokens(), exact);
        assertEquals(16, sums.totals(acmeLonger, MARCH).tokens(), exact);
    }

    @Test
    void identifiersOfTheLongestAllowedLengthAndAnyUnicodeRoundTrip() {
        String account = run.ofLength(UsageEvent.MAX_ID_LENGTH);
        String eventId = "e".repeat(UsageEvent.MAX_ID_LENGTH);
        String sameButLast = "e".repeat(UsageEvent.MAX_ID_LENGTH - 1) + "f";
        String instance = "agent-é-✓-" + "i".repeat(UsageEvent.MAX_ID_LENGTH - 10);
        String endUser = "usér-✓-𝄞-" + "u".repeat(UsageEvent.MAX_ID_LENGTH - 9);
        String conversation = "c".repeat(UsageEvent.MAX_ID_LENGTH);

        String lengths = "ids of 128 code points of any Unicode (outside the BMP too) are kept whole";
        assertCounts(2, 0, ledger.append(List.of(
                event(account, eventId).instance(instance).endUser(endUser).conversation(conversation).tokens(3)
                        .build(),
                event(account, sameButLast).instance(instance).endUser(endUser).tokens(4).build())), lengths);
        assertCounts(0, 1, ledger.append(List.of(event(account, eventId).tokens(99).build())), lengths);

        assertEquals(Map.of(instance, new UsageTotals(7, 2, Money.parse("0.02"), 1)),
                byInstance(sums, account, MARCH), lengths);
        assertEquals(List.of(day("2026-03-10", 7, 2, "0.02")), sums.daily(account, date("2026-03-10"),
                date("2026-03-10"), Optional.of(instance)), lengths);
    }

    @Test
    void theSameBatchFromEightThreadsAtOnceIsCountedExactlyOnce() throws Exception {
        String acme = run.account("acme");
        List<UsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(event(acme, "e" + i).instance("inst-" + (i % 5)).tokens(i).requests(1).cost("0.000001")
                    .endUser("u" + (i % 7)).build());
        }
        List<List<UsageEvent>> batches = Collections.nCopies(THREADS, batch);

        List<AppendResult> results = appendConcurrently(batches);

        String once = "appended from 8 threads at once, each key is accepted exactly once";
        results.forEach(r -> assertEquals(batch.size(), r.accepted() + r.duplicates(),
                "accepted + duplicates is the batch's size"));
        assertEquals(200, results.stream().mapToInt(AppendResult::accepted).sum(), once + " (accepted over all)");
        assertEquals(200 * (THREADS - 1), results.stream().mapToInt(AppendResult::duplicates).sum(),
                once + " (duplicates over all)");
        assertEquals(new UsageTotals(199 * 200 / 2, 200, Money.parse("0.0002"), 7), sums.totals(acme, MARCH), once);
    }

    @Test
    void overlappingBatchesInDifferentOrdersFromEightThreadsAreEachCountedOnce() throws Exception {
        String acme = run.account("acme");
        String globex = run.account("globex");
        List<UsageEvent> shared = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            shared.add(event(i % 2 == 0 ? acme : globex, "shared-" + i).tokens(1).build());
        }
        List<List<UsageEvent>> batches = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            List<UsageEvent> batch = new ArrayList<>(shared);
            for (int i = 0; i < 10; i++) {
                batch.add(event(acme, "own-" + t + "-" + i).tokens(1000).build());
            }
            // Each thread meets the keys in another order: a store that locks row by row must not deadlock.
            Collections.shuffle(batch, new Random(t));
            batches.add(batch);
        }

        List<AppendResult> results = appendConcurrently(batches);

        String once = "overlapping batches appended in different orders from 8 threads: each key accepted once";
        results.forEach(r -> assertEquals(110, r.accepted() + r.duplicates(),
                "accepted + duplicates is the batch's size"));
        assertEquals(100 + THREADS * 10, results.stream().mapToInt(AppendResult::accepted).sum(), once);
        assertEquals(100 * (THREADS - 1), results.stream().mapToInt(AppendResult::duplicates).sum(), once);
        assertEquals(50 + THREADS * 10 * 1000, sums.totals(acme, MARCH).tokens(), once);
        assertEquals(50, sums.totals(globex, MARCH).tokens(), once);
    }

    // ---------------------------------------------------------------- all or nothing

    @Test
    void aBatchThatFailsPartWayStoresNothingOfIt() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        ledger.append(List.of(event(acme, "old").tokens(1).build()));
        List<UsageEvent> events = List.of(event(acme, "n1").tokens(10).build(), event(acme, "old").tokens(1).build(),
                event(globex, "n1").tokens(20).build(), event(acme, "n2").tokens(40).build(),
                event(acme, "n3").tokens(80).build());

        // Handing out the 5th event fails, as any failure while the batch is being written would.
        assertThrows(RuntimeException.class, () -> ledger.append(new FailingList(events, 4)),
                "a failure while the batch is read reaches the caller");

        String nothing = "all or nothing: a batch that failed part-way stored nothing of it";
        assertEquals(1, sums.totals(acme, MARCH).tokens(), nothing);
        assertEquals(UsageTotals.ZERO, sums.totals(globex, MARCH), nothing);
        assertCounts(4, 1, ledger.append(events), nothing + ", so its retry is accepted whole");
        assertEquals(131, sums.totals(acme, MARCH).tokens(), nothing + ", so its retry is accepted whole");
    }

    @Test
    void aBatchTheStoreFailsToWriteStoresNothingOfIt() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        Optional<UsageLedger> failing = ledgerFailingOnWriteOf(ledger, "poison");
        assumeTrue(failing.isPresent(), "override ledgerFailingOnWriteOf to run this case");
        ledger.append(List.of(event(acme, "old").tokens(1).build()));
        List<UsageEvent> events = List.of(event(acme, "n1").tokens(10).build(), event(acme, "old").tokens(1).build(),
                event(globex, "n1").tokens(20).build(), event(acme, "n2").tokens(40).build(),
                event(acme, "poison").tokens(80).build(), event(acme, "n3").tokens(160).build());

        assertThrows(RuntimeException.class, () -> failing.get().append(events),
                "the store's failure reaches the caller");

        String nothing = "all or nothing: a batch the store failed to write stored nothing of it";
        assertEquals(1, sums.totals(acme, MARCH).tokens(), nothing);
        assertEquals(UsageTotals.ZERO, sums.totals(globex, MARCH), nothing);
        assertEquals(List.of(), sums.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.empty()),
                nothing);
        assertCounts(5, 1, ledger.append(events), nothing + ", so its retry is accepted whole");
        assertEquals(291, sums.totals(acme, MARCH).tokens(), nothing + ", so its retry is accepted whole");
    }

    // ---------------------------------------------------------------- helpers

    private List<AppendResult> appendConcurrently(List<List<UsageEvent>> batches) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(batches.size());
        try {
            CyclicBarrier start = new CyclicBarrier(batches.size());
            List<Future<AppendResult>> futures = new ArrayList<>();
            for (List<UsageEvent> batch : batches) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return ledger.append(batch);
                }));
            }
            List<AppendResult> results = new ArrayList<>();
            for (Future<AppendResult> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A batch that fails when its element at {@code failAt} is read: a failure part-way through an append. */
    private static final class FailingList extends AbstractList<UsageEvent> implements RandomAccess {
        private final List<UsageEvent> events;
        private final int failAt;

        FailingList(List<UsageEvent> events, int failAt) {
            this.events = events;
            this.failAt = failAt;
        }

        @Override
        public UsageEvent get(int index) {
            if (index == failAt) {
                throw new IllegalStateException("contract kit: simulated failure while the batch is being appended");
            }
            return events.get(index);
        }

        @Override
        public int size() {
            return events.size();
        }
    }
}

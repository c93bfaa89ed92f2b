package com.hydracore.billing.application.contract;

import static com.hydracore.billing.application.contract.AppendAssertions.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.RandomAccess;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link UsageLedger} must honour: subclass it, implement {@link #newLedger()}, and every case
 * runs against your ledger.
 *
 * <p>Isolation: every case uses account ids made unique by a random UUID, so {@link #newLedger()} may return a
 * fresh empty ledger or the same shared one each time (e.g. one database for the whole class), without any
 * cleaning between cases.
 *
 * <p>What the cases require beyond the port's Javadoc: instants kept to at least the millisecond, exactly (cases use
 * {@code …59.999Z}); money kept to the micro-dollar, exactly (sum in integers or decimals, never floating point);
 * token and request sums beyond 2^31; ids compared exactly (case-sensitive, full length, up to 128 code points of any
 * Unicode — H2's {@code VARCHAR(n)} counts UTF-16 units, so give it 256); UTC days whatever the JVM's or database
 * session's time zone; safe use from 8 threads at once.
 */
public abstract class UsageLedgerContract {

    /** The period most cases sum over: March 2026. */
    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    private static final int THREADS = 8;
    /** The instance of an event that names none. */
    private static final String DEFAULT_INSTANCE = "inst-1";

    private final ContractRun run = new ContractRun();

    /** The ledger under test, from {@link #newLedger()}, once per case. */
    protected UsageLedger ledger;

    /**
     * The ledger under test. Called once before each case. It may be a fresh, empty ledger or a ledger shared by
     * every case (the cases never assume it is empty); it must be safe for use from several threads at once.
     */
    protected abstract UsageLedger newLedger();

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
    }

    // ---------------------------------------------------------------- idempotency

    @Test
    void newEventsAreAcceptedAndSummed() {
        String acme = run.account("acme");
        AppendResult result = ledger.append(List.of(
                event(acme, "e1").tokens(10).requests(1).cost("0.01").build(),
                event(acme, "e2").tokens(20).requests(2).cost("0.02").build(),
                event(acme, "e3").tokens(30).requests(3).cost("0.03").build()));

        assertCounts(3, 0, result);
        assertEquals(Map.of(acme, Set.of(DEFAULT_INSTANCE)), result.instances());
        assertEquals(new UsageTotals(60, 6, Money.parse("0.06"), 0), ledger.totals(acme, MARCH));
    }

    @Test
    void appendingTheSameEventAgainIsADuplicateAndChangesNothing() {
        String acme = run.account("acme");
        UsageEvent e = event(acme, "e1").tokens(10).cost("0.50").endUser("u1").build();
        ledger.append(List.of(e));

        assertCounts(0, 1, ledger.append(List.of(e)));
        assertCounts(0, 1, ledger.append(List.of(e)));
        assertEquals(new UsageTotals(10, 1, Money.parse("0.50"), 1), ledger.totals(acme, MARCH));
    }

    @Test
    void aRepeatedEventIdWithAnotherPayloadIsADuplicateAndTheFirstPayloadStays() {
        String acme = run.account("acme");
        ledger.append(List.of(event(acme, "e1").instance("inst-a").at("2026-03-10T12:00:00Z")
                .tokens(10).requests(1).cost("0.01").endUser("u1").build()));

        AppendResult result = ledger.append(List.of(event(acme, "e1").instance("inst-b").at("2026-03-11T12:00:00Z")
                .tokens(999).requests(5).cost("9.99").endUser("u2").conversation("c9").build()));

        assertCounts(0, 1, result);
        assertEquals(Map.of(acme, Set.of("inst-a")), result.instances(), "the stored original's instance, not inst-b");
        UsageTotals first = new UsageTotals(10, 1, Money.parse("0.01"), 1);
        assertEquals(first, ledger.totals(acme, MARCH));
        assertEquals(Map.of("inst-a", first), byInstance(acme, MARCH));
        assertEquals(List.of(day("2026-03-10", 10, 1, "0.01")),
                ledger.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.empty()));
    }

    @Test
    void insideOneBatchTheFirstOccurrenceOfAnIdWinsAndLaterOnesAreDuplicates() {
        String acme = run.account("acme");
        AppendResult result = ledger.append(List.of(
                event(acme, "x").tokens(5).cost("0.05").build(),
                event(acme, "y").tokens(1).cost("0.01").build(),
                event(acme, "x").tokens(7).cost("0.07").build(),
                event(acme, "x").tokens(9).cost("0.09").build()));

        assertCounts(2, 2, result);
        assertEquals(new UsageTotals(6, 2, Money.parse("0.06"), 0), ledger.totals(acme, MARCH));
    }

    @Test
    void aBatchMixingStoredAndNewEventsCountsEachOnce() {
        String acme = run.account("acme");
        ledger.append(List.of(event(acme, "a").tokens(1).build(), event(acme, "b").tokens(2).build()));

        AppendResult result = ledger.append(List.of(event(acme, "a").tokens(100).build(),
                event(acme, "c").tokens(4).build(), event(acme, "b").tokens(200).build(),
                event(acme, "d").tokens(8).build(), event(acme, "c").tokens(400).build()));

        assertCounts(2, 3, result);
        assertEquals(15, ledger.totals(acme, MARCH).tokens());
    }

    @Test
    void theResultNamesTheInstancesOfWhatIsStoredForTheBatchsKeys() {
        String acme = run.account("acme");
        ledger.append(List.of(event(acme, "a").instance("inst-x").build()));

        AppendResult result = ledger.append(List.of(
                event(acme, "a").instance("inst-y").build(),
                event(acme, "b").instance("inst-z").build(),
                event(acme, "b").instance("inst-w").build()));

        assertCounts(1, 2, result);
        // inst-x: the stored original of a duplicate; inst-z: new; inst-y and inst-w name only duplicates
        assertEquals(Map.of(acme, Set.of("inst-x", "inst-z")), result.instances());
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

        assertEquals(2, results.size());
        assertCounts(1, 1, results.get(0));
        assertEquals(Map.of(acme, Set.of("inst-a", "inst-old")), results.get(0).instances());
        assertCounts(2, 2, results.get(1));
        assertEquals(Map.of(acme, Set.of("inst-a", "inst-b"), globex, Set.of("inst-g")), results.get(1).instances());
        assertEquals(31, ledger.totals(acme, MARCH).tokens());
        assertEquals(40, ledger.totals(globex, MARCH).tokens());
    }

    @Test
    void eventIdsAreScopedToTheirAccount() {
        String acme = run.account("acme");
        String globex = run.account("globex");

        AppendResult result = ledger.append(List.of(event(acme, "e1").tokens(1).build(),
                event(globex, "e1").tokens(2).build()));

        assertCounts(2, 0, result);
        assertEquals(Map.of(acme, Set.of(DEFAULT_INSTANCE), globex, Set.of(DEFAULT_INSTANCE)), result.instances());
        assertCounts(0, 1, ledger.append(List.of(event(globex, "e1").tokens(3).build())));
        assertEquals(1, ledger.totals(acme, MARCH).tokens());
        assertEquals(2, ledger.totals(globex, MARCH).tokens());
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

        assertCounts(5, 0, result);
        assertEquals(new UsageTotals(7, 3, Money.parse("0.03"), 3), ledger.totals(acme, MARCH));
        assertEquals(8, ledger.totals(acmeUpper, MARCH).tokens());
        assertEquals(16, ledger.totals(acmeLonger, MARCH).tokens());
    }

    @Test
    void identifiersOfTheLongestAllowedLengthAndAnyUnicodeRoundTrip() {
        String account = run.ofLength(UsageEvent.MAX_ID_LENGTH);
        String eventId = "e".repeat(UsageEvent.MAX_ID_LENGTH);
        String sameButLast = "e".repeat(UsageEvent.MAX_ID_LENGTH - 1) + "f";
        String instance = "agent-é-✓-" + "i".repeat(UsageEvent.MAX_ID_LENGTH - 10);
        String endUser = "usér-✓-𝄞-" + "u".repeat(UsageEvent.MAX_ID_LENGTH - 9);
        String conversation = "c".repeat(UsageEvent.MAX_ID_LENGTH);

        assertCounts(2, 0, ledger.append(List.of(
                event(account, eventId).instance(instance).endUser(endUser).conversation(conversation).tokens(3)
                        .build(),
                event(account, sameButLast).instance(instance).endUser(endUser).tokens(4).build())));
        assertCounts(0, 1, ledger.append(List.of(event(account, eventId).tokens(99).build())));

        assertEquals(Map.of(instance, new UsageTotals(7, 2, Money.parse("0.02"), 1)), byInstance(account, MARCH));
        assertEquals(List.of(day("2026-03-10", 7, 2, "0.02")), ledger.daily(account, date("2026-03-10"),
                date("2026-03-10"), Optional.of(instance)));
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

        results.forEach(r -> assertEquals(batch.size(), r.accepted() + r.duplicates(), "accepted + duplicates"));
        assertEquals(200, results.stream().mapToInt(AppendResult::accepted).sum(), "accepted over all threads");
        assertEquals(200 * (THREADS - 1), results.stream().mapToInt(AppendResult::duplicates).sum(),
                "duplicates over all threads");
        assertEquals(new UsageTotals(199 * 200 / 2, 200, Money.parse("0.0002"), 7), ledger.totals(acme, MARCH));
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

        results.forEach(r -> assertEquals(110, r.accepted() + r.duplicates(), "accepted + duplicates"));
        assertEquals(100 + THREADS * 10, results.stream().mapToInt(AppendResult::accepted).sum());
        assertEquals(100 * (THREADS - 1), results.stream().mapToInt(AppendResult::duplicates).sum());
        assertEquals(50 + THREADS * 10 * 1000, ledger.totals(acme, MARCH).tokens());
        assertEquals(50, ledger.totals(globex, MARCH).tokens());
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
        assertThrows(RuntimeException.class, () -> ledger.append(new FailingList(events, 4)));

        assertEquals(1, ledger.totals(acme, MARCH).tokens());
        assertEquals(UsageTotals.ZERO, ledger.totals(globex, MARCH));
        assertCounts(4, 1, ledger.append(events));
        assertEquals(131, ledger.totals(acme, MARCH).tokens());
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

        assertThrows(RuntimeException.class, () -> failing.get().append(events));

        assertEquals(1, ledger.totals(acme, MARCH).tokens());
        assertEquals(UsageTotals.ZERO, ledger.totals(globex, MARCH));
        assertEquals(List.of(), ledger.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.empty()));
        assertCounts(5, 1, ledger.append(events));
        assertEquals(291, ledger.totals(acme, MARCH).tokens());
    }

    // ---------------------------------------------------------------- sums over a period

    @Test
    void periodSumsIncludeAnEventExactlyOnTheStartAndExcludeOneExactlyOnTheEnd() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "before").instance("out-before").at("2026-02-28T23:59:59.999Z").tokens(1).requests(1)
                        .cost("0.000001").endUser("u-before").build(),
                event(acme, "start").instance("in-start").at("2026-03-01T00:00:00Z").tokens(2).requests(2)
                        .cost("0.000002").endUser("u-start").build(),
                event(acme, "last").instance("in-last").at("2026-03-31T23:59:59.999Z").tokens(4).requests(4)
                        .cost("0.000004").endUser("u-last").build(),
                event(acme, "end").instance("out-end").at("2026-04-01T00:00:00Z").tokens(8).requests(8)
                        .cost("0.000008").endUser("u-end").build()));

        assertEquals(new UsageTotals(6, 6, Money.parse("0.000006"), 2), ledger.totals(acme, MARCH));
        assertEquals(Map.of("in-start", new UsageTotals(2, 2, Money.parse("0.000002"), 1),
                "in-last", new UsageTotals(4, 4, Money.parse("0.000004"), 1)), byInstance(acme, MARCH));
    }

    @Test
    void anAccountWithoutEventsSumsToZero() {
        String nobody = run.account("nobody");

        assertEquals(UsageTotals.ZERO, ledger.totals(nobody, MARCH));
        assertEquals(List.of(), ledger.byInstance(nobody, MARCH));
        assertEquals(List.of(), ledger.daily(nobody, date("2026-03-01"), date("2026-03-31"), Optional.empty()));
    }

    @Test
    void sumsAreExactForHugeCountsAndMicroDollarCosts() {
        String acme = run.account("acme");
        long max = UsageEvent.MAX_COUNT;
        ledger.append(List.of(
                event(acme, "e1").at("2026-03-02T00:00:00Z").tokens(max).requests(max).cost("1000000").build(),
                event(acme, "e2").at("2026-03-02T00:00:01Z").tokens(max).requests(max).cost("999999.999999").build(),
                event(acme, "e3").at("2026-03-02T23:59:59Z").tokens(max).requests(0).cost("0.000001").build(),
                event(acme, "e4").at("2026-03-03T00:00:00Z").tokens(0).requests(1).cost("0.1").build(),
                event(acme, "e5").at("2026-03-03T00:00:00Z").tokens(0).requests(1).cost("0.2").build()));

        assertEquals(new UsageTotals(3 * max, 2 * max + 2, Money.parse("2000000.3"), 0), ledger.totals(acme, MARCH));
        assertEquals(List.of(day("2026-03-02", 3 * max, 2 * max, "2000000"), day("2026-03-03", 0, 2, "0.3")),
                ledger.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.empty()));
    }

    @Test
    void distinctEndUsersAreCountedOnceOverallAndOncePerInstanceAndNullIsNotAUser() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-a").at("2026-03-02T10:00:00Z").endUser("u1").build(),
                event(acme, "e2").instance("inst-a").at("2026-03-09T10:00:00Z").endUser("u1").build(),
                event(acme, "e3").instance("inst-a").at("2026-03-20T10:00:00Z").endUser(null).build(),
                event(acme, "e4").instance("inst-b").at("2026-03-02T11:00:00Z").endUser("u1").build(),
                event(acme, "e5").instance("inst-b").at("2026-03-03T11:00:00Z").endUser("u2").build(),
                event(acme, "e6").instance("inst-c").at("2026-03-04T11:00:00Z").endUser(null).build(),
                event(acme, "e7").instance("inst-c").at("2026-04-02T11:00:00Z").endUser("u3").build()));

        assertEquals(2, ledger.totals(acme, MARCH).uniqueEndUsers());
        Map<String, UsageTotals> perInstance = byInstance(acme, MARCH);
        assertEquals(1, perInstance.get("inst-a").uniqueEndUsers());
        assertEquals(2, perInstance.get("inst-b").uniqueEndUsers());
        assertEquals(0, perInstance.get("inst-c").uniqueEndUsers());
    }

    @Test
    void byInstanceGivesOneRowPerInstanceWithEventsInThePeriod() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-a").tokens(1).requests(1).cost("0.1").endUser("u1").build(),
                event(acme, "e2").instance("inst-b").tokens(2).requests(3).cost("0.2").build(),
                event(acme, "e3").instance("inst-a").tokens(4).requests(5).cost("0.4").endUser("u2").build(),
                event(acme, "e4").instance("inst-c").at("2026-02-27T00:00:00Z").tokens(8).build()));

        List<InstanceUsage> rows = ledger.byInstance(acme, MARCH);

        assertEquals(2, rows.size(), "one row per instance with events in the period: " + rows);
        assertEquals(Map.of("inst-a", new UsageTotals(5, 6, Money.parse("0.5"), 2),
                "inst-b", new UsageTotals(2, 3, Money.parse("0.2"), 0)), byInstance(acme, MARCH));
    }

    // ---------------------------------------------------------------- daily series

    @Test
    void dailySumsSplitAtUtcMidnight() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").at("2026-03-10T23:59:59.999Z").tokens(1).requests(1).cost("0.01").build(),
                event(acme, "e2").at("2026-03-11T00:00:00Z").tokens(2).requests(1).cost("0.02").build(),
                event(acme, "e3").at("2026-03-11T23:00:00Z").tokens(4).requests(1).cost("0.04").build()));

        assertEquals(List.of(day("2026-03-10", 1, 1, "0.01"), day("2026-03-11", 6, 2, "0.06")),
                ledger.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.empty()));
    }

    @Test
    void dailyIncludesTheFirstAndLastDayAndNothingOutsideThem() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").at("2026-03-04T23:59:59.999Z").tokens(1).build(),
                event(acme, "e2").at("2026-03-05T00:00:00Z").tokens(2).build(),
                event(acme, "e3").at("2026-03-07T23:59:59.999Z").tokens(4).build(),
                event(acme, "e4").at("2026-03-08T00:00:00Z").tokens(8).build()));

        assertEquals(List.of(day("2026-03-05", 2, 1, "0.01"), day("2026-03-07", 4, 1, "0.01")),
                ledger.daily(acme, date("2026-03-05"), date("2026-03-07"), Optional.empty()));
        assertEquals(List.of(day("2026-03-05", 2, 1, "0.01")),
                ledger.daily(acme, date("2026-03-05"), date("2026-03-05"), Optional.empty()));
    }

    @Test
    void dailyIsAscendingByDateWithOnlyTheDaysThatHaveEvents() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").at("2026-03-20T08:00:00Z").tokens(20).requests(2).cost("2").build(),
                event(acme, "e2").at("2026-02-03T08:00:00Z").tokens(3).requests(3).cost("0.3").build(),
                event(acme, "e3").at("2026-03-15T08:00:00Z").tokens(15).requests(1).cost("1.5").build(),
                event(acme, "e4").at("2026-03-07T08:00:00Z").tokens(7).requests(7).cost("0.000007").build()));

        assertEquals(List.of(day("2026-02-03", 3, 3, "0.3"), day("2026-03-07", 7, 7, "0.000007"),
                        day("2026-03-15", 15, 1, "1.5"), day("2026-03-20", 20, 2, "2")),
                ledger.daily(acme, date("2026-02-01"), date("2026-03-31"), Optional.empty()));
    }

    @Test
    void dailyCanBeRestrictedToOneInstance() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-a").at("2026-03-10T08:00:00Z").tokens(1).build(),
                event(acme, "e2").instance("inst-b").at("2026-03-10T09:00:00Z").tokens(2).build(),
                event(acme, "e3").instance("inst-b").at("2026-03-11T09:00:00Z").tokens(4).build()));
        LocalDate first = date("2026-03-01");
        LocalDate last = date("2026-03-31");

        assertEquals(List.of(day("2026-03-10", 1, 1, "0.01")), ledger.daily(acme, first, last, Optional.of("inst-a")));
        assertEquals(List.of(day("2026-03-10", 2, 1, "0.01"), day("2026-03-11", 4, 1, "0.01")),
                ledger.daily(acme, first, last, Optional.of("inst-b")));
        assertEquals(List.of(day("2026-03-10", 3, 2, "0.02"), day("2026-03-11", 4, 1, "0.01")),
                ledger.daily(acme, first, last, Optional.empty()));
        assertEquals(List.of(), ledger.daily(acme, first, last, Optional.of("inst-unknown")));
    }

    // ---------------------------------------------------------------- tenant isolation

    @Test
    void nothingOfOneAccountComesBackForAnother() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        ledger.append(List.of(event(acme, "e1").instance("inst-1").tokens(10).endUser("u1").build(),
                event(acme, "e2").instance("inst-2").tokens(20).endUser("u2").build()));

        assertEquals(UsageTotals.ZERO, ledger.totals(globex, MARCH));
        assertEquals(List.of(), ledger.byInstance(globex, MARCH));
        assertEquals(List.of(), ledger.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.empty()));
        assertEquals(List.of(), ledger.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.of("inst-1")));
    }

    @Test
    void accountsSharingInstanceEventAndEndUserIdsStaySeparate() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-1").tokens(10).requests(1).cost("1").endUser("u1").build(),
                event(globex, "e1").instance("inst-1").tokens(20).requests(2).cost("2").endUser("u1").build(),
                event(globex, "e2").instance("inst-1").tokens(40).requests(4).cost("4").endUser("u2").build()));

        assertEquals(new UsageTotals(10, 1, Money.parse("1"), 1), ledger.totals(acme, MARCH));
        assertEquals(new UsageTotals(60, 6, Money.parse("6"), 2), ledger.totals(globex, MARCH));
        assertEquals(Map.of("inst-1", new UsageTotals(10, 1, Money.parse("1"), 1)), byInstance(acme, MARCH));
        assertEquals(List.of(day("2026-03-10", 10, 1, "1")),
                ledger.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.of("inst-1")));
        assertEquals(List.of(day("2026-03-10", 60, 6, "6")),
                ledger.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.of("inst-1")));
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

    private Map<String, UsageTotals> byInstance(String accountId, BillingPeriod period) {
        List<InstanceUsage> rows = ledger.byInstance(accountId, period);
        Map<String, UsageTotals> map = new HashMap<>();
        rows.forEach(r -> map.put(r.instanceId(), r.totals()));
        assertEquals(rows.size(), map.size(), "an instance appears in one row only: " + rows);
        return map;
    }

    private static DailyUsage day(String date, long tokens, long requests, String cost) {
        return new DailyUsage(date(date), tokens, requests, Money.parse(cost));
    }

    private static LocalDate date(String date) {
        return LocalDate.parse(date);
    }

    /** A usage event with defaults: instance {@code inst-1}, 2026-03-10 12:00Z, 10 tokens, 1 request, $0.01. */
    private static EventBuilder event(String accountId, String eventId) {
        return new EventBuilder(accountId, eventId);
    }

    /** Builds test events; only what a case cares about is spelled out. */
    private static final class EventBuilder {
        private final String accountId;
        private final String eventId;
        private String instanceId = DEFAULT_INSTANCE;
        private Instant occurredAt = Instant.parse("2026-03-10T12:00:00Z");
        private long tokens = 10;
        private long requests = 1;
        private Money cost = Money.parse("0.01");
        private String endUserId;
        private String conversationId;

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

        UsageEvent build() {
            return new UsageEvent(accountId, eventId, instanceId, occurredAt, tokens, requests, cost, endUserId,
                    conversationId);
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

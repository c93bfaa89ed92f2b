package com.hydracore.billing.application.contract;

import static com.hydracore.billing.application.contract.UsageFixtures.MARCH;
import static com.hydracore.billing.application.contract.UsageFixtures.byInstance;
import static com.hydracore.billing.application.contract.UsageFixtures.date;
import static com.hydracore.billing.application.contract.UsageFixtures.day;
import static com.hydracore.billing.application.contract.UsageFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.application.port.out.UsageSums.LocalDayQuery;
import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.UsageAggregation;
import com.hydracore.billing.domain.usage.UsageGrouping;
import com.hydracore.billing.domain.usage.UsageMeasures;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link UsageSums} must honour: subclass it, implement {@link #newSums()} and
 * {@link #ledgerOf(UsageSums)}, and every case runs against your sums. The cases put usage in through the
 * {@link UsageLedger} of the same storage (whose own rules {@link UsageLedgerContract} checks). A failing case says
 * which rule of the port was broken.
 *
 * <p>Isolation: every case uses account ids made unique by a random UUID, so {@link #newSums()} may return sums over
 * fresh empty storage or the same shared storage each time.
 *
 * <p>What the cases require beyond the port's Javadoc: instants kept to at least the millisecond, exactly (cases use
 * {@code …59.999Z}); money summed to the micro-dollar, exactly (in integers or decimals, never floating point); token
 * and request sums beyond 2^31; UTC days whatever the JVM's or database session's time zone.
 */
public abstract class UsageSumsContract {

    private final ContractRun run = new ContractRun();

    /** The sums under test, from {@link #newSums()}, once per case. */
    protected UsageSums sums;
    /** The ledger of the same storage, from {@link #ledgerOf(UsageSums)}, once per case. */
    protected UsageLedger ledger;

    /**
     * The sums under test. Called once before each case: over fresh, empty storage or storage shared by every case
     * (the cases never assume it is empty); safe for use from several threads at once.
     */
    protected abstract UsageSums newSums();

    /** A ledger writing to the storage {@code sums} reads: how the cases put usage in. */
    protected abstract UsageLedger ledgerOf(UsageSums sums);

    @BeforeEach
    void createSums() {
        sums = newSums();
        ledger = ledgerOf(sums);
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

        String bounds = "a period sums events from its start (included) up to its end (excluded), in UTC";
        assertEquals(new UsageTotals(6, 6, Money.parse("0.000006"), 2), sums.totals(acme, MARCH), bounds);
        assertEquals(Map.of("in-start", new UsageTotals(2, 2, Money.parse("0.000002"), 1),
                "in-last", new UsageTotals(4, 4, Money.parse("0.000004"), 1)), byInstance(sums, acme, MARCH), bounds);
    }

    @Test
    void anAccountWithoutEventsSumsToZero() {
        String nobody = run.account("nobody");

        assertEquals(UsageTotals.ZERO, sums.totals(nobody, MARCH), "no events sum to zero, not to nothing");
        assertEquals(List.of(), sums.byInstance(nobody, MARCH), "byInstance lists only instances with events");
        assertEquals(List.of(), sums.daily(nobody, date("2026-03-01"), date("2026-03-31"), Optional.empty()),
                "daily lists only days with events");
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

        String exact = "counts sum beyond 2^31 and money to the micro-dollar, exactly (never floating point)";
        assertEquals(new UsageTotals(3 * max, 2 * max + 2, Money.parse("2000000.3"), 0), sums.totals(acme, MARCH),
                exact);
        assertEquals(List.of(day("2026-03-02", 3 * max, 2 * max, "2000000"), day("2026-03-03", 0, 2, "0.3")),
                sums.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.empty()), exact);
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

        assertEquals(2, sums.totals(acme, MARCH).uniqueEndUsers(),
                "unique end users: a user seen on several days or instances counts once for the account");
        Map<String, UsageTotals> perInstance = byInstance(sums, acme, MARCH);
        assertEquals(1, perInstance.get("inst-a").uniqueEndUsers(),
                "unique end users per instance: a user seen on several days counts once");
        assertEquals(2, perInstance.get("inst-b").uniqueEndUsers(),
                "unique end users per instance: each instance counts its own users");
        assertEquals(0, perInstance.get("inst-c").uniqueEndUsers(),
                "unique end users: a null end_user_id is not a user, nor is one seen outside the period");
    }

    @Test
    void distinctConversationsAreCountedOncePerAccountAndNullIsNotAConversation() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-a").at("2026-03-02T10:00:00Z").conversation("c1").build(),
                event(acme, "e2").instance("inst-b").at("2026-03-09T10:00:00Z").conversation("c1").build(),
                event(acme, "e3").instance("inst-a").at("2026-03-20T10:00:00Z").conversation(null).build(),
                event(acme, "e4").instance("inst-b").at("2026-03-31T23:59:59Z").conversation("c2").build(),
                event(acme, "e5").instance("inst-c").at("2026-02-28T23:59:59Z").conversation("c3").build(),
                event(acme, "e6").instance("inst-c").at("2026-04-01T00:00:00Z").conversation("c4").build(),
                event(run.account("globex"), "e1").conversation("c5").build()));

        assertEquals(2, sums.totals(acme, MARCH).uniqueConversations(),
                "unique conversations: c1 on two days and instances counts once, c2 on the last day counts, null, "
                        + "c3 before and c4 after the period and another account's do not");
        assertEquals(1, sums.totals(acme, BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-10"))).uniqueConversations(),
                "a period some conversation is seen after (counted from the month rows): c1 only");
        byInstance(sums, acme, MARCH).forEach((instance, totals) -> assertEquals(0, totals.uniqueConversations(),
                "conversations are counted per account, not per instance: " + instance));
    }

    @Test
    void byInstanceGivesOneRowPerInstanceWithEventsInThePeriod() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-a").tokens(1).requests(1).cost("0.1").endUser("u1").build(),
                event(acme, "e2").instance("inst-b").tokens(2).requests(3).cost("0.2").build(),
                event(acme, "e3").instance("inst-a").tokens(4).requests(5).cost("0.4").endUser("u2").build(),
                event(acme, "e4").instance("inst-c").at("2026-02-27T00:00:00Z").tokens(8).build()));

        List<InstanceUsage> rows = sums.byInstance(acme, MARCH);

        assertEquals(2, rows.size(), "byInstance gives one row per instance with events in the period: " + rows);
        assertEquals(Map.of("inst-a", new UsageTotals(5, 6, Money.parse("0.5"), 2),
                "inst-b", new UsageTotals(2, 3, Money.parse("0.2"), 0)), byInstance(sums, acme, MARCH),
                "byInstance sums each instance's own events");
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
                sums.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.empty()),
                "days are cut at UTC midnight, whatever the JVM's or the database session's time zone");
    }

    @Test
    void dailyIncludesTheFirstAndLastDayAndNothingOutsideThem() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").at("2026-03-04T23:59:59.999Z").tokens(1).build(),
                event(acme, "e2").at("2026-03-05T00:00:00Z").tokens(2).build(),
                event(acme, "e3").at("2026-03-07T23:59:59.999Z").tokens(4).build(),
                event(acme, "e4").at("2026-03-08T00:00:00Z").tokens(8).build()));

        String inclusive = "daily covers firstDay to lastDay, both included, and nothing outside them";
        assertEquals(List.of(day("2026-03-05", 2, 1, "0.01"), day("2026-03-07", 4, 1, "0.01")),
                sums.daily(acme, date("2026-03-05"), date("2026-03-07"), Optional.empty()), inclusive);
        assertEquals(List.of(day("2026-03-05", 2, 1, "0.01")),
                sums.daily(acme, date("2026-03-05"), date("2026-03-05"), Optional.empty()), inclusive);
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
                sums.daily(acme, date("2026-02-01"), date("2026-03-31"), Optional.empty()),
                "daily is ascending by date, with only the days that have events");
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

        String one = "daily of one instance covers that instance only";
        assertEquals(List.of(day("2026-03-10", 1, 1, "0.01")), sums.daily(acme, first, last, Optional.of("inst-a")),
                one);
        assertEquals(List.of(day("2026-03-10", 2, 1, "0.01"), day("2026-03-11", 4, 1, "0.01")),
                sums.daily(acme, first, last, Optional.of("inst-b")), one);
        assertEquals(List.of(day("2026-03-10", 3, 2, "0.02"), day("2026-03-11", 4, 1, "0.01")),
                sums.daily(acme, first, last, Optional.empty()), "daily without an instance covers them all");
        assertEquals(List.of(), sums.daily(acme, first, last, Optional.of("inst-unknown")), one);
    }

    // ---------------------------------------------------------------- tenant isolation

    @Test
    void nothingOfOneAccountComesBackForAnother() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        ledger.append(List.of(event(acme, "e1").instance("inst-1").tokens(10).endUser("u1").build(),
                event(acme, "e2").instance("inst-2").tokens(20).endUser("u2").build()));

        String isolated = "every read is scoped to its account: nothing of another comes back";
        assertEquals(UsageTotals.ZERO, sums.totals(globex, MARCH), isolated);
        assertEquals(List.of(), sums.byInstance(globex, MARCH), isolated);
        assertEquals(List.of(), sums.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.empty()),
                isolated);
        assertEquals(List.of(), sums.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.of("inst-1")),
                isolated);
    }

    @Test
    void accountsSharingInstanceEventAndEndUserIdsStaySeparate() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-1").tokens(10).requests(1).cost("1").endUser("u1").build(),
                event(globex, "e1").instance("inst-1").tokens(20).requests(2).cost("2").endUser("u1").build(),
                event(globex, "e2").instance("inst-1").tokens(40).requests(4).cost("4").endUser("u2").build()));

        String separate = "instance, event and end-user ids belong to their account: the same ids stay separate";
        assertEquals(new UsageTotals(10, 1, Money.parse("1"), 1), sums.totals(acme, MARCH), separate);
        assertEquals(new UsageTotals(60, 6, Money.parse("6"), 2), sums.totals(globex, MARCH), separate);
        assertEquals(Map.of("inst-1", new UsageTotals(10, 1, Money.parse("1"), 1)), byInstance(sums, acme, MARCH),
                separate);
        assertEquals(List.of(day("2026-03-10", 10, 1, "1")),
                sums.daily(acme, date("2026-03-01"), date("2026-03-31"), Optional.of("inst-1")), separate);
        assertEquals(List.of(day("2026-03-10", 60, 6, "6")),
                sums.daily(globex, date("2026-03-01"), date("2026-03-31"), Optional.of("inst-1")), separate);
    }

    // ---------------------------------------------------------------- models and local days

    @Test
    void byModelSumsEveryTokenKindPerModelWithNoModelAsNullSortedByTokensThenModelNullLast() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "a").model("gpt-4o").breakdown(1_000, 200, 600, 100, 50).cost("0.5").build(),
                event(acme, "b").model("gpt-4o").instance("inst-2").breakdown(10, 10, 0, 10, 5).requests(3).build(),
                event(acme, "c").model("claude").breakdown(1_000, 215, 0, 0, 0).build(),
                event(acme, "d").tokens(1_215).build(),
                event(acme, "e").model("b-model").breakdown(1_000, 215, 0, 0, 0).build(),
                event(acme, "outside").model("gpt-4o").at("2026-04-01T00:00:00Z").breakdown(9, 9, 0, 0, 0).build()));

        assertEquals(List.of(
                new ModelUsage("gpt-4o", new UsageMeasures(1_220, 1_010, 210, 600, 110, 55, 4, Money.parse("0.51"))),
                new ModelUsage("b-model", new UsageMeasures(1_215, 1_000, 215, 0, 0, 0, 1, Money.parse("0.01"))),
                new ModelUsage("claude", new UsageMeasures(1_215, 1_000, 215, 0, 0, 0, 1, Money.parse("0.01"))),
                new ModelUsage(null, new UsageMeasures(1_215, 0, 0, 0, 0, 0, 1, Money.parse("0.01")))),
                sums.byModel(acme, MARCH), "per model, tokens descending, then model ascending, no model last");
        assertEquals(List.of(), sums.byModel(run.account("empty"), MARCH));
    }

    @Test
    void localDaysEndAtLocalMidnightsAtHalfAndQuarterHourOffsetsAndOnDaylightSavingChanges() {
        String acme = run.account("acme");
        ledger.append(List.of(
                // Asia/Kolkata (+05:30): 10 March starts at 9 March 18:30Z; Asia/Kathmandu (+05:45) at 18:15Z
                event(acme, "k1").at("2026-03-09T18:29:59.999Z").tokens(1).build(),
                event(acme, "k2").at("2026-03-09T18:30:00Z").tokens(2).build(),
                // America/New_York: 8 March 2026 lasts 23 hours (05:00Z to 04:00Z), 1 November 25 (04:00Z to 05:00Z)
                event(acme, "n1").at("2026-03-09T03:59:59Z").tokens(4).build(),
                event(acme, "n2").at("2026-03-09T04:00:00Z").tokens(8).build(),
                event(acme, "n3").at("2026-11-02T04:59:59Z").tokens(16).build(),
                event(acme, "n4").at("2026-11-02T05:00:00Z").tokens(32).build()));

        assertEquals(Map.of(date("2026-03-09"), 13L, date("2026-03-10"), 2L),
                tokensByDay(acme, "2026-03-09", "2026-03-10", "Asia/Kolkata"), "10 March starts at 18:30Z");
        assertEquals(Map.of(date("2026-03-09"), 12L, date("2026-03-10"), 3L),
                tokensByDay(acme, "2026-03-09", "2026-03-10", "Asia/Kathmandu"), "10 March starts at 18:15Z");
        assertEquals(Map.of(date("2026-03-08"), 4L, date("2026-03-09"), 11L),
                tokensByDay(acme, "2026-03-08", "2026-03-09", "America/New_York"));
        assertEquals(Map.of(date("2026-11-01"), 16L, date("2026-11-02"), 32L),
                tokensByDay(acme, "2026-11-01", "2026-11-02", "America/New_York"), "the 25-hour day");
        assertEquals(Map.of(date("2026-03-09"), 15L),
                tokensByDay(acme, "2026-03-09", "2026-03-10", "UTC"));
    }

    @Test
    void localDaysAgreeWithAnEventByEventComputationInEveryZoneGroupingAndFilter() {
        String acme = run.account("acme");
        Random random = new Random(21);
        List<UsageEvent> events = new ArrayList<>();
        Instant origin = Instant.parse("2026-03-01T00:00:00Z");
        String[] models = {"gpt-4o", "claude", null};
        String[] instances = {"inst-1", "inst-2", "inst-3"};
        for (int i = 0; i < 600; i++) {
            long input = random.nextInt(1_000);
            long output = random.nextInt(500);
            events.add(event(acme, "e" + i)
                    .at(origin.plusSeconds(random.nextInt(280 * 86_400)).plusMillis(random.nextInt(1000)))
                    .instance(instances[random.nextInt(instances.length)])
                    .model(models[random.nextInt(models.length)])
                    .breakdown(input, output, random.nextInt((int) input + 1) / 2, random.nextInt((int) input + 1) / 2,
                            random.nextInt((int) output + 1))
                    .requests(random.nextInt(3)).cost("0.00" + random.nextInt(10)).build());
        }
        ledger.append(events);
        DayRange range = new DayRange(LocalDate.parse("2026-02-28"), LocalDate.parse("2026-12-10"));
        for (String zone : List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Europe/London",
                "Australia/Lord_Howe", "Pacific/Chatham")) {
            ZoneId id = ZoneId.of(zone);
            for (UsageGrouping grouping : UsageGrouping.values()) {
                assertEquals(UsageAggregation.byLocalDay(events, range, id, null, null, grouping),
                        localDays(new LocalDayQuery(acme, range, id, Optional.empty(), Optional.empty(), grouping)),
                        zone + " by " + grouping);
            }
            assertEquals(UsageAggregation.byLocalDay(events, range, id, "inst-2", null, UsageGrouping.DAY),
                    localDays(new LocalDayQuery(acme, range, id, Optional.of("inst-2"), Optional.empty(),
                            UsageGrouping.DAY)), zone + " of one instance");
            assertEquals(UsageAggregation.byLocalDay(events, range, id, null, "claude", UsageGrouping.DAY),
                    localDays(new LocalDayQuery(acme, range, id, Optional.empty(), Optional.of("claude"),
                            UsageGrouping.DAY)), zone + " of one model");
            assertEquals(UsageAggregation.byLocalDay(events, range, id, "inst-1", "gpt-4o", UsageGrouping.DAY),
                    localDays(new LocalDayQuery(acme, range, id, Optional.of("inst-1"), Optional.of("gpt-4o"),
                            UsageGrouping.DAY)), zone + " of one instance and model");
        }
        DayRange week = new DayRange(LocalDate.parse("2026-03-25"), LocalDate.parse("2026-03-31"));
        assertEquals(List.of(), localDays(new LocalDayQuery(acme, week, ZoneId.of("Asia/Kolkata"), Optional.empty(),
                Optional.of("no-such-model"), UsageGrouping.DAY)), "a model without usage has no rows");
    }

    @Test
    void localDaysAreExactAtEveryQuarterHourAroundLocalMidnightsAndDaylightSavingChanges() {
        String acme = run.account("acme");
        String[] models = {"gpt-4o", "claude", null};
        String[] instances = {"inst-1", "inst-2"};
        List<UsageEvent> events = new ArrayList<>();
        // Every quarter hour of these UTC spans holds an event, at its first or its last millisecond: each edge a
        // local day is cut at (a prefix or a suffix of a UTC day) then differs from its neighbours.
        String[][] spans = {{"2026-03-06T00:00:00Z", "2026-03-10T00:00:00Z"}, // New York's 23-hour day (8 March)
            {"2026-03-27T00:00:00Z", "2026-04-07T00:00:00Z"}, // London's (29 March), Lord Howe's and Chatham's ends
            {"2026-10-23T00:00:00Z", "2026-11-03T00:00:00Z"}}; // London's (25 Oct) and New York's 25-hour days
        int n = 0;
        for (String[] span : spans) {
            for (Instant q = Instant.parse(span[0]); q.isBefore(Instant.parse(span[1])); q = q.plusSeconds(900)) {
                int i = n++;
                Instant at = i % 2 == 0 ? q : q.plusMillis(899_999);
                events.add(event(acme, "q" + i).at(at).instance(instances[i % 2]).model(models[i % 3])
                        .breakdown(4 + i % 7, 3 + i % 5, i % 3, i % 2, i % 4).requests(i % 11 == 0 ? 0 : 1)
                        .cost("0.00000" + (1 + i % 9)).build());
            }
        }
        events.add(event(acme, "nothing").at("2026-03-29T22:59:59Z").instance("inst-idle").model("idle")
                .tokens(0).requests(0).cost("0").build());
        for (int from = 0; from < events.size(); from += 1000) {
            ledger.append(events.subList(from, Math.min(events.size(), from + 1000)));
        }
        List<DayRange> ranges = List.of(
                new DayRange(LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-10")),
                new DayRange(LocalDate.parse("2026-03-08"), LocalDate.parse("2026-03-08")),
                new DayRange(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-29")),
                new DayRange(LocalDate.parse("2026-03-26"), LocalDate.parse("2026-04-07")),
                new DayRange(LocalDate.parse("2026-04-05"), LocalDate.parse("2026-04-05")),
                new DayRange(LocalDate.parse("2026-10-25"), LocalDate.parse("2026-10-25")),
                new DayRange(LocalDate.parse("2026-10-22"), LocalDate.parse("2026-11-03")));
        for (String zone : List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Europe/London",
                "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns")) {
            ZoneId id = ZoneId.of(zone);
            for (DayRange range : ranges) {
                String where = zone + " " + range.from() + " to " + range.to();
                for (UsageGrouping grouping : UsageGrouping.values()) {
                    assertEquals(UsageAggregation.byLocalDay(events, range, id, null, null, grouping),
                            localDays(new LocalDayQuery(acme, range, id, Optional.empty(), Optional.empty(),
                                    grouping)), where + " by " + grouping);
                }
                assertEquals(UsageAggregation.byLocalDay(events, range, id, "inst-1", null, UsageGrouping.DAY),
                        localDays(new LocalDayQuery(acme, range, id, Optional.of("inst-1"), Optional.empty(),
                                UsageGrouping.DAY)), where + " of one instance");
                assertEquals(UsageAggregation.byLocalDay(events, range, id, null, "claude", UsageGrouping.DAY),
                        localDays(new LocalDayQuery(acme, range, id, Optional.empty(), Optional.of("claude"),
                                UsageGrouping.DAY)), where + " of one model");
                assertEquals(UsageAggregation.byLocalDay(events, range, id, "inst-2", "gpt-4o",
                                UsageGrouping.DAY_MODEL),
                        localDays(new LocalDayQuery(acme, range, id, Optional.of("inst-2"), Optional.of("gpt-4o"),
                                UsageGrouping.DAY_MODEL)), where + " of one instance and model");
            }
        }
    }

    @Test
    void localDaysAreExactForALocalMidnightAtEveryQuarterHourOfTheUtcDay() {
        String acme = run.account("acme");
        List<UsageEvent> events = new ArrayList<>();
        // Three UTC days, every quarter hour with its own tokens; a fixed offset per quarter hour k of the UTC day
        // puts the local midnights there, so every way to cut a UTC day at a quarter hour is read.
        Instant first = Instant.parse("2026-05-10T00:00:00Z");
        for (int q = 0; q < 3 * 96; q++) {
            events.add(event(acme, "q" + q).at(first.plusSeconds(900L * q + (q % 2 == 0 ? 0 : 899)))
                    .instance("inst-" + q % 3).tokens(1 + q % 96 + 1000L * (q / 96)).requests(1).build());
        }
        ledger.append(events);
        DayRange range = new DayRange(LocalDate.parse("2026-05-10"), LocalDate.parse("2026-05-12"));
        for (int k = 1; k < 96; k++) {
            int minutes = k <= 72 ? -15 * k : 1440 - 15 * k;
            ZoneId zone = java.time.ZoneOffset.ofTotalSeconds(minutes * 60);
            assertEquals(UsageAggregation.byLocalDay(events, range, zone, null, null, UsageGrouping.DAY),
                    localDays(new LocalDayQuery(acme, range, zone, Optional.empty(), Optional.empty(),
                            UsageGrouping.DAY)), "local midnights at quarter hour " + k + " (" + zone + ")");
        }
    }

    @Test
    void aGroupWhoseEventsSumToNothingHasNoRowInAnyZone() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "used").at("2026-03-10T12:00:00Z").instance("inst-1").model("m").tokens(5).build(),
                event(acme, "zero").at("2026-03-10T12:05:00Z").instance("inst-2").model("z").tokens(0).requests(0)
                        .cost("0").build(),
                event(acme, "zero-alone").at("2026-03-12T12:05:00Z").tokens(0).requests(0).cost("0").build()));
        DayRange range = new DayRange(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-13"));
        for (String zone : List.of("UTC", "Asia/Kolkata")) {
            ZoneId id = ZoneId.of(zone);
            assertEquals(List.of(new DayUsage(date("2026-03-10"), "inst-1", localDays(new LocalDayQuery(acme, range,
                            id, Optional.empty(), Optional.empty(), UsageGrouping.DAY)).get(0).measures())),
                    localDays(new LocalDayQuery(acme, range, id, Optional.empty(), Optional.empty(),
                            UsageGrouping.DAY_INSTANCE)),
                    zone + ": events of no tokens, no requests and no cost are no usage, and show no row");
            assertEquals(1, localDays(new LocalDayQuery(acme, range, id, Optional.empty(), Optional.empty(),
                    UsageGrouping.DAY)).size(), zone + ": nor a day of their own");
        }
    }

    private Map<LocalDate, Long> tokensByDay(String accountId, String from, String to, String zone) {
        Map<LocalDate, Long> tokens = new TreeMap<>();
        sums.byLocalDay(new LocalDayQuery(accountId, new DayRange(LocalDate.parse(from), LocalDate.parse(to)),
                ZoneId.of(zone), Optional.empty(), Optional.empty(), UsageGrouping.DAY),
                row -> tokens.merge(row.date(), row.measures().tokens(), Long::sum));
        return tokens;
    }

    private List<DayUsage> localDays(LocalDayQuery query) {
        List<DayUsage> rows = new ArrayList<>();
        sums.byLocalDay(query, rows::add);
        return rows;
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.LastDayRow;
import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.LatestMonth;
import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.ScopeAppend;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.CountKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.LastDayKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.SumsKey;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a batch adds to the rollups, computed in memory, without a database. */
class BatchRollupTest {

    private static final LocalDate MARCH_2 = LocalDate.parse("2026-03-02");
    private static final LocalDate MARCH_3 = LocalDate.parse("2026-03-03");

    @Test
    void eventsOfOneDayAddUpInOneRowPerTableInKeyOrder() {
        BatchRollup rollup = BatchRollup.of(List.of(
                event("globex", "g1").at("2026-03-02T10:00:00Z").tokens(1).build(),
                event("acme", "a1").at("2026-03-02T10:00:00Z").instance("inst-b").tokens(10).requests(2)
                        .costMicros(5).build(),
                event("acme", "a2").at("2026-03-02T23:59:59Z").instance("inst-a").tokens(20).build(),
                event("acme", "a3").at("2026-03-03T00:00:00Z").instance("inst-a").tokens(40).build()));

        assertEquals(List.of(SumsKey.ofDay("acme", MARCH_2, null), SumsKey.ofDay("acme", MARCH_3, null),
                SumsKey.ofDay("globex", MARCH_2, null)), List.copyOf(rollup.sums(UsageTables.ACCOUNT_SUMS).keySet()));
        assertEquals(List.of(30L, 3L), values(rollup.sums(UsageTables.ACCOUNT_SUMS).get(
                SumsKey.ofDay("acme", MARCH_2, null))), "tokens and requests of acme's March 2");
        assertEquals(List.of(SumsKey.ofDay("acme", MARCH_2, "inst-a"), SumsKey.ofDay("acme", MARCH_2, "inst-b"),
                SumsKey.ofDay("acme", MARCH_3, "inst-a"), SumsKey.ofDay("globex", MARCH_2, "inst-1")),
                List.copyOf(rollup.sums(UsageTables.INSTANCE_SUMS).keySet()));
        assertEquals(5L, rollup.sums(UsageTables.INSTANCE_SUMS).get(SumsKey.ofDay("acme", MARCH_2, "inst-b"))
                .costMicros());
    }

    @Test
    void quarterHourAndModelRowsKeepEveryTokenKindAndNoModelIsTheEmptyKey() {
        BatchRollup rollup = BatchRollup.of(List.of(
                event("acme", "a1").at("2026-03-02T10:14:59Z").model("gpt-4o").breakdown(100, 20, 30, 10, 5).build(),
                event("acme", "a2").at("2026-03-02T10:00:00Z").model("gpt-4o").breakdown(1, 2, 0, 0, 0).build(),
                event("acme", "a3").at("2026-03-02T10:15:00Z").tokens(7).build()));

        long q = Instant.parse("2026-03-02T10:00:00Z").getEpochSecond() / 900;
        // 10:00 is quarter hour 40 of the day, in blocks 41, 42, 44, 48, 64 and the whole day; 10:15 in all but 41
        assertEquals(List.of(41, 42, 44, 48, 64, 128), rollup.sums(UsageTables.DAY_BLOCKS).keySet().stream()
                .map(SumsKey::block).toList());
        assertEquals(List.of(123L, 101L, 22L, 30L, 10L, 5L, 2L, 20_000L), Arrays.stream(rollup.sums(
                UsageTables.DAY_BLOCKS).get(new SumsKey("acme", MARCH_2.toEpochDay(), 41, null, null)).values())
                .boxed().toList());
        assertEquals(130L, rollup.sums(UsageTables.DAY_BLOCKS)
                .get(new SumsKey("acme", MARCH_2.toEpochDay(), 128, null, null)).tokens());
        assertEquals(List.of(new SumsKey("acme", q, "inst-1", "gpt-4o"), new SumsKey("acme", q + 1, "inst-1", "")),
                List.copyOf(rollup.sums(UsageTables.INSTANCE_QUARTER_HOURS).keySet()));
        assertEquals(List.of(new SumsKey("acme", MARCH_2.toEpochDay(), null, ""),
                        new SumsKey("acme", MARCH_2.toEpochDay(), null, "gpt-4o")),
                List.copyOf(rollup.sums(UsageTables.MODEL_SUMS).keySet()));
        assertEquals(130L, rollup.sums(UsageTables.ACCOUNT_SUMS).get(SumsKey.ofDay("acme", MARCH_2, null)).tokens());
    }

    @Test
    void anIdSeenOnSeveralDaysOfAMonthIsOneRowWithABitPerDayAndNullIsNoId() {
        BatchRollup rollup = BatchRollup.of(List.of(
                event("acme", "e1").at("2026-03-02T10:00:00Z").endUser("ann").build(),
                event("acme", "e2").at("2026-03-31T10:00:00Z").instance("inst-2").endUser("ann").build(),
                event("acme", "e3").at("2026-04-01T10:00:00Z").endUser("ann").build(),
                event("acme", "e4").at("2026-03-05T10:00:00Z").build()));

        String accountTable = UsageTables.END_USERS.account().months().table().getName();
        assertEquals(Map.of(new MonthRowKey(accountTable, "acme", 202603, null, "ann"), (1L << 1) | (1L << 30),
                        new MonthRowKey(accountTable, "acme", 202604, null, "ann"), 1L),
                rollup.days(UsageTables.END_USERS.account()));
        assertEquals(3, rollup.days(UsageTables.END_USERS.instance()).size(), "inst-1 in March and April, inst-2");
    }

    @Test
    void anIdsLatestMonthGoesToItsLastDayRowWithTheLastDayAndItsEarlierMonthsToTheMonthRows() {
        ScopeAppend append = new ScopeAppend(UsageTables.END_USERS.account(), BatchRollup.of(List.of(
                event("acme", "e1").at("2026-03-31T10:00:00Z").endUser("ann").build(),
                event("acme", "e2").at("2026-04-02T10:00:00Z").endUser("ann").build(),
                event("acme", "e3").at("2026-03-07T10:00:00Z").endUser("bob").build()))
                .days(UsageTables.END_USERS.account()));

        assertEquals(Map.of(ANN, new LatestMonth(202604, 1L << 1), BOB, new LatestMonth(202603, 1L << 6)),
                append.lastDays());
        assertEquals(20260402, append.lastDays().get(ANN).lastDay());
        assertEquals(Map.of(monthRow(202603, "ann"), 1L << 30), append.monthRows(), "ann's March, left in the batch");
    }

    @Test
    void whatTheLastDayRowsBecameDecidesTheCountsAndWhatElseGoesToTheMonthRows() {
        ScopeAppend append = new ScopeAppend(UsageTables.END_USERS.account(), BatchRollup.of(List.of(
                event("acme", "e1").at("2026-04-02T10:00:00Z").endUser("ann").build(),
                event("acme", "e2").at("2026-04-03T10:00:00Z").endUser("bob").build(),
                event("acme", "e3").at("2026-03-07T10:00:00Z").endUser("cat").build(),
                event("acme", "e4").at("2026-04-05T10:00:00Z").endUser("dan").build()))
                .days(UsageTables.END_USERS.account()));

        // ann: stored in March (days 30, 31), moved to April 2
        append.landed(ANN, LastDayRow.upserted(new LastDayRow(20260331, null, 202603, 3L << 29, null, null),
                append.lastDays().get(ANN)));
        // bob: new
        append.landed(BOB, LastDayRow.upserted(null, append.lastDays().get(BOB)));
        // cat: stored in April already; the batch's March 7 is late
        append.landed(CAT, LastDayRow.upserted(new LastDayRow(20260401, 20260310, 202604, 1L, 202603, 1L << 9),
                append.lastDays().get(CAT)));
        // dan: stored April 1, the same month
        append.landed(DAN, LastDayRow.upserted(new LastDayRow(20260401, null, 202604, 1L, null, null),
                append.lastDays().get(DAN)));

        assertEquals(Map.of(monthRow(202603, "ann"), 3L << 29, monthRow(202603, "cat"), 1L << 6),
                append.monthRows(), "the month ann left, and cat's late day; nothing of bob's and dan's");
        assertEquals(Map.of(count(20260331), -1L, count(20260402), 1L, count(20260403), 1L, count(20260401), -1L,
                count(20260405), 1L), append.countChanges(), "cat's last day stays");
    }

    @Test
    void anUpsertedLastDayRowMovesForwardOnlyAndKeepsWhatItHeld() {
        LastDayRow stored = new LastDayRow(20260410, 20260331, 202604, (1L << 9) | 1L, 202603, 1L << 30);

        assertEquals(new LastDayRow(20260502, 20260410, 202605, 1L << 1, 202604, (1L << 9) | 1L),
                LastDayRow.upserted(stored, new LatestMonth(202605, 1L << 1)), "a later month replaces the days");
        assertEquals(new LastDayRow(20260412, 20260410, 202604, (1L << 11) | (1L << 9) | 1L, 202604,
                        (1L << 9) | 1L),
                LastDayRow.upserted(stored, new LatestMonth(202604, 1L << 11)), "the same month adds its days");
        LastDayRow late = LastDayRow.upserted(stored, new LatestMonth(202603, 1L));
        assertEquals(new LastDayRow(20260410, 20260410, 202604, (1L << 9) | 1L, 202604, (1L << 9) | 1L), late,
                "an earlier month leaves the row");
        assertFalse(late.changes(stored));
    }

    private static final LastDayKey ANN = new LastDayKey("acme", null, "ann");
    private static final LastDayKey BOB = new LastDayKey("acme", null, "bob");
    private static final LastDayKey CAT = new LastDayKey("acme", null, "cat");
    private static final LastDayKey DAN = new LastDayKey("acme", null, "dan");

    private static MonthRowKey monthRow(int month, String id) {
        return new MonthRowKey(UsageTables.END_USERS.account().months().table().getName(), "acme", month, null, id);
    }

    private static CountKey count(int day) {
        return new CountKey("acme", day, null);
    }

    @Test
    void sumsFailRatherThanOverflow() {
        UsageEvent huge = event("acme", "e1").tokens(UsageEvent.MAX_COUNT).build();
        Sums sums = new Sums();
        sums.add(Long.MAX_VALUE - 1, 0, 0, 0, 0, 0, 0, 0);

        assertThrows(ArithmeticException.class, () -> sums.add(huge));
    }

    private static List<Long> values(Sums sums) {
        return List.of(sums.tokens(), sums.requests());
    }
}

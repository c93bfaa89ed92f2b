package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.adapter.persistence.usage.UsageKeys.LastDayKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.SumsKey;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
    void theLastDaySeenIsTheHighestDayOfTheLatestMonth() {
        SortedMap<LastDayKey, Integer> seen = DistinctCounts.lastDaysSeen(BatchRollup.of(List.of(
                event("acme", "e1").at("2026-03-31T10:00:00Z").endUser("ann").build(),
                event("acme", "e2").at("2026-04-02T10:00:00Z").endUser("ann").build(),
                event("acme", "e3").at("2026-03-07T10:00:00Z").endUser("bob").build()))
                .days(UsageTables.END_USERS.account()));

        assertEquals(Map.of(new LastDayKey("acme", null, "ann"), 20260402, new LastDayKey("acme", null, "bob"),
                20260307), seen);
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

package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATIONS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATION_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_CONVERSATION;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_INSTANCE_END_USER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import com.hydracore.billing.adapter.persistence.sql.Times;

/**
 * Recomputes an account's rollups from its raw events and compares them with the stored rollups: they must be
 * equal, row for row, whatever order, concurrency and duplicates the events arrived with.
 */
public final class Reconciliation {

    private Reconciliation() {
    }

    /** The account's raw events as stored (every statement filtered by account, so it runs under the guard too). */
    public static List<UsageEvent> rawEvents(DSLContext dsl, String accountId) {
        return dsl.selectFrom(USAGE_EVENT).where(USAGE_EVENT.ACCOUNT_ID.eq(accountId))
                .fetch(r -> new UsageEvent(r.getAccountId(), r.getEventId(), r.getInstanceId(),
                        Times.fromDb(r.getOccurredAt()), r.getTokens(), r.getRequests(),
                        Money.ofMicros(r.getCostMicros()), r.getEndUserId(), r.getConversationId(), r.getModel(),
                        new TokenBreakdown(r.getInputTokens(), r.getOutputTokens(), r.getCachedInputTokens(),
                                r.getCacheWriteTokens(), r.getReasoningTokens()), r.getReservationId()));
    }

    /** Asserts the stored rollups of {@code accountId} equal the ones recomputed from its raw events. */
    public static void assertRollupsMatchRawEvents(DSLContext dsl, String accountId) {
        Map<String, List<Long>> expectedDaily = new TreeMap<>();
        Map<String, Long> expectedUsers = new TreeMap<>();
        Map<String, Long> expectedInstanceUsers = new TreeMap<>();
        for (UsageEvent e : rawEvents(dsl, accountId)) {
            String key = key(e.utcDay(), e.instanceId());
            List<Long> sums = expectedDaily.getOrDefault(key, List.of(0L, 0L, 0L));
            expectedDaily.put(key, List.of(sums.get(0) + e.tokens(), sums.get(1) + e.requests(),
                    sums.get(2) + e.cost().micros()));
            if (e.endUserId() != null) {
                // the days each user was seen, as the set of those days: compared with the stored bits decoded
                String month = e.utcDay().toString().substring(0, 7);
                long bit = 1L << (e.utcDay().getDayOfMonth() - 1);
                expectedUsers.merge(month + " " + e.endUserId(), bit, (a, b) -> a | b);
                expectedInstanceUsers.merge(month + " " + e.instanceId() + " " + e.endUserId(), bit, (a, b) -> a | b);
            }
        }
        Map<String, List<Long>> storedDaily = new TreeMap<>();
        dsl.selectFrom(USAGE_DAILY).where(USAGE_DAILY.ACCOUNT_ID.eq(accountId)).forEach(r -> storedDaily.put(
                key(r.getUsageDay(), r.getInstanceId()), List.of(r.getTokens(), r.getRequests(), r.getCostMicros())));
        // an id's days of a month are in its month row and, for its current month, in its last-day row (both, for
        // data carried over by V9): their union must be the days it was seen on
        Map<String, Long> storedUsers = new TreeMap<>();
        dsl.selectFrom(USAGE_MONTH_END_USER).where(USAGE_MONTH_END_USER.ACCOUNT_ID.eq(accountId)).forEach(r ->
                storedUsers.merge(month(r.getUsageMonth()) + " " + r.getEndUserId(), r.getDayBits(), (a, b) -> a | b));
        dsl.selectFrom(END_USER_LAST_DAY).where(END_USER_LAST_DAY.ACCOUNT_ID.eq(accountId)).forEach(r -> {
            assertCurrentMonthIsTheLastDays(r.getLastDay(), r.getUsageMonth(), r.getDayBits(), r.getEndUserId());
            storedUsers.merge(month(r.getUsageMonth()) + " " + r.getEndUserId(), r.getDayBits(), (a, b) -> a | b);
        });
        Map<String, Long> storedInstanceUsers = new TreeMap<>();
        dsl.selectFrom(USAGE_MONTH_INSTANCE_END_USER).where(USAGE_MONTH_INSTANCE_END_USER.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedInstanceUsers.merge(month(r.getUsageMonth()) + " " + r.getInstanceId() + " "
                        + r.getEndUserId(), r.getDayBits(), (a, b) -> a | b));
        dsl.selectFrom(INSTANCE_END_USER_LAST_DAY).where(INSTANCE_END_USER_LAST_DAY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> {
                    assertCurrentMonthIsTheLastDays(r.getLastDay(), r.getUsageMonth(), r.getDayBits(),
                            r.getInstanceId() + " " + r.getEndUserId());
                    storedInstanceUsers.merge(month(r.getUsageMonth()) + " " + r.getInstanceId() + " "
                            + r.getEndUserId(), r.getDayBits(), (a, b) -> a | b);
                });

        // the last day each user was seen on, and how many users have each last day (days as "yyyy-MM-dd")
        Map<String, String> expectedLastDays = new TreeMap<>();
        Map<String, String> expectedInstanceLastDays = new TreeMap<>();
        for (UsageEvent e : rawEvents(dsl, accountId)) {
            if (e.endUserId() != null) {
                String day = e.utcDay().toString();
                expectedLastDays.merge(e.endUserId(), day, Reconciliation::later);
                expectedInstanceLastDays.merge(e.instanceId() + " " + e.endUserId(), day, Reconciliation::later);
            }
        }
        Map<String, Long> expectedCounts = new TreeMap<>();
        expectedLastDays.values().forEach(day -> expectedCounts.merge(day, 1L, Long::sum));
        Map<String, Long> expectedInstanceCounts = new TreeMap<>();
        expectedInstanceLastDays.forEach((user, day) -> expectedInstanceCounts.merge(
                day + " " + user.substring(0, user.indexOf(' ')), 1L, Long::sum));
        Map<String, String> storedLastDays = new TreeMap<>();
        dsl.selectFrom(END_USER_LAST_DAY).where(END_USER_LAST_DAY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedLastDays.put(r.getEndUserId(), day(r.getLastDay())));
        Map<String, String> storedInstanceLastDays = new TreeMap<>();
        dsl.selectFrom(INSTANCE_END_USER_LAST_DAY).where(INSTANCE_END_USER_LAST_DAY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedInstanceLastDays.put(r.getInstanceId() + " " + r.getEndUserId(),
                        day(r.getLastDay())));
        // a day no user has as its last day any more may keep a row counting 0
        Map<String, Long> storedCounts = new TreeMap<>();
        dsl.selectFrom(END_USERS_BY_LAST_DAY).where(END_USERS_BY_LAST_DAY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedCounts.put(day(r.getLastDay()), r.getUsers()));
        storedCounts.values().removeIf(users -> users == 0);
        Map<String, Long> storedInstanceCounts = new TreeMap<>();
        dsl.selectFrom(INSTANCE_END_USERS_BY_LAST_DAY).where(INSTANCE_END_USERS_BY_LAST_DAY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedInstanceCounts.put(day(r.getLastDay()) + " " + r.getInstanceId(), r.getUsers()));
        storedInstanceCounts.values().removeIf(users -> users == 0);

        Map<String, List<Long>> expectedAccountDaily = new TreeMap<>();
        for (UsageEvent e : rawEvents(dsl, accountId)) {
            List<Long> sums = expectedAccountDaily.getOrDefault(e.utcDay().toString(), List.of(0L, 0L, 0L));
            expectedAccountDaily.put(e.utcDay().toString(), List.of(sums.get(0) + e.tokens(),
                    sums.get(1) + e.requests(), sums.get(2) + e.cost().micros()));
        }
        Map<String, List<Long>> storedAccountDaily = new TreeMap<>();
        dsl.selectFrom(USAGE_ACCOUNT_DAILY).where(USAGE_ACCOUNT_DAILY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedAccountDaily.put(r.getUsageDay().toString(),
                        List.of(r.getTokens(), r.getRequests(), r.getCostMicros())));

        Map<String, Long> expectedConversations = new TreeMap<>();
        Map<String, String> expectedConversationLastDays = new TreeMap<>();
        for (UsageEvent e : rawEvents(dsl, accountId)) {
            if (e.conversationId() != null) {
                String month = e.utcDay().toString().substring(0, 7);
                expectedConversations.merge(month + " " + e.conversationId(),
                        1L << (e.utcDay().getDayOfMonth() - 1), (a, b) -> a | b);
                expectedConversationLastDays.merge(e.conversationId(), e.utcDay().toString(), Reconciliation::later);
            }
        }
        Map<String, Long> expectedConversationCounts = new TreeMap<>();
        expectedConversationLastDays.values().forEach(day -> expectedConversationCounts.merge(day, 1L, Long::sum));
        Map<String, Long> storedConversations = new TreeMap<>();
        dsl.selectFrom(USAGE_MONTH_CONVERSATION).where(USAGE_MONTH_CONVERSATION.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedConversations.merge(month(r.getUsageMonth()) + " " + r.getConversationId(),
                        r.getDayBits(), (a, b) -> a | b));
        dsl.selectFrom(CONVERSATION_LAST_DAY).where(CONVERSATION_LAST_DAY.ACCOUNT_ID.eq(accountId)).forEach(r -> {
            assertCurrentMonthIsTheLastDays(r.getLastDay(), r.getUsageMonth(), r.getDayBits(), r.getConversationId());
            storedConversations.merge(month(r.getUsageMonth()) + " " + r.getConversationId(), r.getDayBits(),
                    (a, b) -> a | b);
        });
        Map<String, String> storedConversationLastDays = new TreeMap<>();
        dsl.selectFrom(CONVERSATION_LAST_DAY).where(CONVERSATION_LAST_DAY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedConversationLastDays.put(r.getConversationId(), day(r.getLastDay())));
        Map<String, Long> storedConversationCounts = new TreeMap<>();
        dsl.selectFrom(CONVERSATIONS_BY_LAST_DAY).where(CONVERSATIONS_BY_LAST_DAY.ACCOUNT_ID.eq(accountId))
                .forEach(r -> storedConversationCounts.put(day(r.getLastDay()), r.getConversations()));
        storedConversationCounts.values().removeIf(n -> n == 0);
        assertEquals(expectedConversations, storedConversations, "conversations' days of " + accountId);
        assertEquals(expectedConversationLastDays, storedConversationLastDays, "conversations' last days of "
                + accountId);
        assertEquals(expectedConversationCounts, storedConversationCounts, "conversations per last day of "
                + accountId);

        assertSumsTablesMatchRawEvents(dsl, accountId);

        assertEquals(expectedDaily, storedDaily, "daily rollups of " + accountId + " recomputed from raw events");
        assertEquals(expectedAccountDaily, storedAccountDaily, "the account's daily sums of " + accountId);
        assertEquals(expectedLastDays, storedLastDays, "end users' last days of " + accountId);
        assertEquals(expectedInstanceLastDays, storedInstanceLastDays, "end users' last days per instance of "
                + accountId);
        assertEquals(expectedCounts, storedCounts, "users per last day of " + accountId);
        assertEquals(expectedInstanceCounts, storedInstanceCounts, "users per last day and instance of " + accountId);
        assertEquals(expectedUsers, storedUsers, "end users' days of " + accountId + " recomputed from raw events");
        assertEquals(expectedInstanceUsers, storedInstanceUsers,
                "end users' days per instance of " + accountId + " recomputed from raw events");
    }

    /**
     * Every sums table (UTC days, quarter hours; per instance and/or model), every measure, row for row: recomputed
     * from the raw events with the buckets written out here (UTC epoch day; epoch seconds / 900, floored) and "no
     * model" as the empty key.
     */
    static void assertSumsTablesMatchRawEvents(DSLContext dsl, String accountId) {
        List<UsageEvent> events = rawEvents(dsl, accountId);
        for (UsageTables.SumsTable table : UsageTables.SUMS) {
            Map<List<Object>, List<Long>> expected = new TreeMap<>(Reconciliation::compareKeys);
            for (UsageEvent e : events) {
                TokenBreakdown b = e.breakdown();
                List<Long> add = List.of(e.tokens(), b.inputTokens(), b.outputTokens(), b.cachedInputTokens(),
                        b.cacheWriteTokens(), b.reasoningTokens(), e.requests(), e.cost().micros());
                for (Object block : blocksOf(table, e)) {
                    List<Object> key = new ArrayList<>();
                    key.add(table.day() != null ? (Object) e.utcDay().toEpochDay()
                            : (Object) Math.floorDiv(e.occurredAt().getEpochSecond(), 900L));
                    key.add(table.instanceId() != null ? e.instanceId() : "-");
                    key.add(table.model() != null ? (e.model() == null ? "" : e.model()) : "-");
                    key.add(block);
                    expected.merge(key, add, (x, y) -> {
                        List<Long> sum = new ArrayList<>();
                        for (int i = 0; i < x.size(); i++) {
                            sum.add(x.get(i) + y.get(i));
                        }
                        return sum;
                    });
                }
            }
            Map<List<Object>, List<Long>> stored = new TreeMap<>(Reconciliation::compareKeys);
            dsl.selectFrom(table.table()).where(table.accountId().eq(accountId)).forEach(r -> stored.put(
                    List.of(table.day() != null ? (Object) r.get(table.day()).toEpochDay()
                                    : (Object) r.get(table.quarterHour()),
                            table.instanceId() != null ? r.get(table.instanceId()) : "-",
                            table.model() != null ? r.get(table.model()) : "-",
                            table.blockEnd() != null ? (Object) r.get(table.blockEnd()) : "-"),
                    table.measures().stream().map(r::get).toList()));
            assertEquals(expected, stored, table.table().getName() + " of " + accountId
                    + " recomputed from raw events");
        }
    }

    /**
     * The blocks of {@code usage_day_block} an event adds to, written out here: every {@code b} from 1 to 95, and
     * 128, whose quarter hours {@code [b − (largest power of two dividing b), b)} of the UTC day hold the event's; "-"
     * for a table without blocks.
     */
    private static List<Object> blocksOf(UsageTables.SumsTable table, UsageEvent e) {
        if (table.blockEnd() == null) {
            return List.of("-");
        }
        long quarter = Math.floorMod(Math.floorDiv(e.occurredAt().getEpochSecond(), 900L), 96L);
        List<Object> blocks = new ArrayList<>();
        for (int b = 1; b <= 128; b = b == 95 ? 128 : b + 1) {
            int power = 1;
            while (b % (power * 2) == 0) {
                power *= 2;
            }
            if (b - power <= quarter && quarter < b) {
                blocks.add(b);
            }
        }
        return blocks;
    }

    private static int compareKeys(List<Object> a, List<Object> b) {
        return a.toString().compareTo(b.toString());
    }

    /**
     * A last-day row's current month is its last day's, holding that day: the month's days a read counts with the
     * month rows' (a server of an older version, which knows nothing of them, is not running here).
     */
    private static void assertCurrentMonthIsTheLastDays(int lastDay, int month, long bits, String id) {
        String day = day(lastDay);
        assertEquals(day.substring(0, 7), month(month), "the current month of " + id + ", last seen " + day);
        assertEquals(1L << (Integer.parseInt(day.substring(8)) - 1), Long.highestOneBit(bits),
                "the last day of " + id + " is the latest of its current month's days");
    }

    /** 20260331 → "2026-03-31", written independently of the adapter's own encoding. */
    private static String day(int stored) {
        return String.format("%04d-%02d-%02d", stored / 10_000, stored / 100 % 100, stored % 100);
    }

    private static String later(String a, String b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** 202603 → "2026-03", written independently of the adapter's own encoding. */
    private static String month(int stored) {
        return String.format("%04d-%02d", stored / 100, stored % 100);
    }

    private static String key(LocalDate day, String instanceId) {
        return day + " " + instanceId;
    }
}

package com.hydracore.billing.adapter.persistence;

import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USER_LAST_DAY;
import static org.jooq.impl.DSL.excluded;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The last UTC day each end user was seen, and how many users have each last day, per account and per account and
 * instance (schema V3): what lets the current period's unique end users be read from one row per day of the period
 * (per instance: per day and instance), however many users there are.
 *
 * <p>A user's last day only ever moves forward. Every user seen in a period has its last day at or after the
 * period's first day, and when no user's last day is at or after the period's end, every such user was seen in the
 * period: the period's unique users are then the counts of its days. Readers check that condition in the same
 * statement and count from the month rows otherwise (a past period; or the current one, once an event up to a few
 * minutes ahead has been seen past its end).
 *
 * <p>Days are {@code yyyymmdd} integers (20260331), as the month rows store {@code yyyymm}.
 */
final class LastDays {

    /** The account-wide tables: the overview's unique users. */
    static final LastDays ACCOUNT = new LastDays(END_USER_LAST_DAY, END_USER_LAST_DAY.ACCOUNT_ID, null,
            END_USER_LAST_DAY.END_USER_ID, END_USER_LAST_DAY.LAST_DAY, END_USER_LAST_DAY.PREV_DAY,
            END_USERS_BY_LAST_DAY, END_USERS_BY_LAST_DAY.ACCOUNT_ID, END_USERS_BY_LAST_DAY.LAST_DAY, null,
            END_USERS_BY_LAST_DAY.USERS);
    /** The per-instance tables: each instance's unique users. */
    static final LastDays INSTANCE = new LastDays(INSTANCE_END_USER_LAST_DAY, INSTANCE_END_USER_LAST_DAY.ACCOUNT_ID,
            INSTANCE_END_USER_LAST_DAY.INSTANCE_ID, INSTANCE_END_USER_LAST_DAY.END_USER_ID,
            INSTANCE_END_USER_LAST_DAY.LAST_DAY, INSTANCE_END_USER_LAST_DAY.PREV_DAY, INSTANCE_END_USERS_BY_LAST_DAY,
            INSTANCE_END_USERS_BY_LAST_DAY.ACCOUNT_ID, INSTANCE_END_USERS_BY_LAST_DAY.LAST_DAY,
            INSTANCE_END_USERS_BY_LAST_DAY.INSTANCE_ID, INSTANCE_END_USERS_BY_LAST_DAY.USERS);

    private final Table<?> users;
    private final Field<String> accountId;
    private final Field<String> instanceId;
    private final Field<String> endUserId;
    private final Field<Integer> lastDay;
    private final Field<Integer> prevDay;
    private final List<Field<?>> userKey;
    private final Table<?> counts;
    private final Field<String> countAccountId;
    private final Field<Integer> countLastDay;
    private final Field<String> countInstanceId;
    private final Field<Long> count;
    private final List<Field<?>> countKey;

    /** @param instanceId the instance columns, or null for the account-wide tables */
    private LastDays(Table<?> users, Field<String> accountId, Field<String> instanceId, Field<String> endUserId,
                     Field<Integer> lastDay, Field<Integer> prevDay, Table<?> counts, Field<String> countAccountId,
                     Field<Integer> countLastDay, Field<String> countInstanceId, Field<Long> count) {
        this.users = users;
        this.accountId = accountId;
        this.instanceId = instanceId;
        this.endUserId = endUserId;
        this.lastDay = lastDay;
        this.prevDay = prevDay;
        this.userKey = instanceId == null ? List.of(accountId, endUserId) : List.of(accountId, instanceId, endUserId);
        this.counts = counts;
        this.countAccountId = countAccountId;
        this.countLastDay = countLastDay;
        this.countInstanceId = countInstanceId;
        this.count = count;
        this.countKey = countInstanceId == null ? List.of(countAccountId, countLastDay)
                : List.of(countAccountId, countLastDay, countInstanceId);
    }

    /** {@code day} as stored: 20260331 for 31 March 2026. */
    static int dayOf(LocalDate day) {
        return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    /** The last day of a month row's days: month {@code yyyymm}, day {@code d} as bit {@code d - 1} (see MonthDays). */
    static int lastDayOf(int month, long dayBits) {
        return month * 100 + (Long.SIZE - Long.numberOfLeadingZeros(dayBits));
    }

    boolean perInstance() {
        return instanceId != null;
    }

    // ---------------------------------------------------------------- writes

    /**
     * Moves the users of {@code seen} (user → the last day a batch saw it) forward where the batch saw them later
     * than stored, and the counts with them, on PostgreSQL: one upsert of the users that says which moved and from
     * where ({@code prev_day}, set from the stored row under its lock), then one upsert of the counts' changes. Rows
     * in key order, as every other write: concurrent appends lock them in the same order.
     */
    void moveConcurrently(DSLContext tx, SortedMap<Key, Integer> seen) {
        List<Field<?>> columns = userColumns();
        Object[][] arrays = Unnest.arrays(columns, seen.entrySet(), user -> userValues(user.getKey(),
                user.getValue()));
        List<Field<?>> returned = new ArrayList<>(userKey.subList(0, userKey.size() - 1));
        returned.add(prevDay);
        returned.add(lastDay);
        Map<CountKey, Long> changes = new TreeMap<>();
        tx.insertInto(users).columns(columns)
                .select(Unnest.select(columns, arrays))
                .onConflict(userKey).doUpdate()
                .set(prevDay, lastDay)
                .set(lastDay, excluded(lastDay))
                .where(lastDay.lt(excluded(lastDay)))
                .returningResult(returned)
                .fetch()
                .forEach(r -> {
                    String account = r.get(accountId);
                    String instance = perInstance() ? r.get(instanceId) : null;
                    moved(changes, account, instance, r.get(prevDay), r.get(lastDay));
                });
        upsertCounts(tx, changes);
    }

    /**
     * The same on H2, where appends take turns: per account, read the stored last days of the batch's users, then
     * delete and re-insert the users that moved and the counts they changed.
     */
    void moveInTurn(DSLContext tx, SortedMap<Key, Integer> seen) {
        Map<String, SortedMap<Key, Integer>> byAccount = new TreeMap<>();
        seen.forEach((k, day) -> byAccount.computeIfAbsent(k.accountId(), a -> new TreeMap<>()).put(k, day));
        for (Map.Entry<String, SortedMap<Key, Integer>> account : byAccount.entrySet()) {
            Map<CountKey, Long> changes = new TreeMap<>();
            for (List<Map.Entry<Key, Integer>> chunk : JooqUsageLedger.chunks(List.copyOf(account.getValue()
                    .entrySet()))) {
                Map<Key, Integer> stored = new HashMap<>();
                tx.select(accountId, perInstance() ? instanceId : DSL.inline((String) null), endUserId, lastDay)
                        .from(users).where(usersOf(account.getKey(), chunk))
                        .forEach(r -> stored.put(new Key(r.value1(), r.value2(), r.value3()), r.value4()));
                List<Map.Entry<Key, Integer>> moves = chunk.stream()
                        .filter(e -> !stored.containsKey(e.getKey()) || stored.get(e.getKey()) < e.getValue())
                        .toList();
                if (moves.isEmpty()) {
                    continue;
                }
                tx.deleteFrom(users).where(usersOf(account.getKey(), moves)).execute();
                List<Field<?>> columns = new ArrayList<>(userColumns());
                columns.add(prevDay);
                var insert = tx.insertInto(users).columns(columns);
                for (Map.Entry<Key, Integer> move : moves) {
                    Key k = move.getKey();
                    Integer from = stored.get(k);
                    List<Object> values = userValues(k, move.getValue());
                    values.add(from);
                    insert = insert.values(values);
                    moved(changes, k.accountId(), k.instanceId(), from, move.getValue());
                }
                insert.execute();
            }
            changeCountsInTurn(tx, account.getKey(), changes);
        }
    }

    /** The rows of {@code account}'s users among {@code keys} (H2: one row-value IN list). */
    private Condition usersOf(String account, List<Map.Entry<Key, Integer>> keys) {
        return accountId.eq(account).and(DSL.row(userKey.subList(1, userKey.size())).in(keys.stream()
                .map(e -> DSL.row(keyValues(e.getKey()).subList(1, userKey.size()))).toList()));
    }

    /**
     * A user's move from {@code from} (null: first seen) to {@code to}: one less on the day left, one more on the new.
     */
    private static void moved(Map<CountKey, Long> changes, String account, String instance, Integer from, int to) {
        changes.merge(new CountKey(account, to, instance), 1L, Long::sum);
        if (from != null) {
            changes.merge(new CountKey(account, from, instance), -1L, Long::sum);
        }
    }

    private void upsertCounts(DSLContext tx, Map<CountKey, Long> changes) {
        changes.values().removeIf(c -> c == 0);
        if (changes.isEmpty()) {
            return;
        }
        List<Field<?>> columns = countColumns();
        Object[][] arrays = Unnest.arrays(columns, changes.entrySet(), change -> countValues(change.getKey(),
                change.getValue()));
        tx.insertInto(counts).columns(columns)
                .select(Unnest.select(columns, arrays))
                .onConflict(countKey).doUpdate()
                .set(count, count.plus(excluded(count)))
                .execute();
    }

    private void changeCountsInTurn(DSLContext tx, String account, Map<CountKey, Long> changes) {
        changes.values().removeIf(c -> c == 0);
        for (List<Map.Entry<CountKey, Long>> chunk : JooqUsageLedger.chunks(List.copyOf(changes.entrySet()))) {
            Condition touched = countAccountId.eq(account).and(DSL.row(countKey.subList(1, countKey.size()))
                    .in(chunk.stream().map(e -> DSL.row(countValues(e.getKey(), 0).subList(1, countKey.size())))
                            .toList()));
            Map<CountKey, Long> merged = new TreeMap<>();
            chunk.forEach(e -> merged.put(e.getKey(), e.getValue()));
            tx.select(countAccountId, countLastDay, perInstance() ? countInstanceId : DSL.inline((String) null),
                            count)
                    .from(counts).where(touched)
                    .forEach(r -> merged.merge(new CountKey(r.value1(), r.value2(), r.value3()), r.value4(),
                            Long::sum));
            tx.deleteFrom(counts).where(touched).execute();
            var insert = tx.insertInto(counts).columns(countColumns());
            for (Map.Entry<CountKey, Long> row : merged.entrySet()) {
                insert = insert.values(countValues(row.getKey(), row.getValue()));
            }
            insert.execute();
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * The users whose last day is from {@code firstDay} up to, not including, {@code endDay}, summed; as a scalar
     * subquery. Its bind values: account, first day, end day.
     */
    Field<BigDecimal> usersLastSeenIn(String account, LocalDate firstDay, LocalDate endDay) {
        return DSL.field(DSL.select(DSL.sum(count)).from(counts).where(countAccountId.eq(account),
                countLastDay.ge(dayOf(firstDay)), countLastDay.lt(dayOf(endDay))));
    }

    /**
     * How many days from {@code endDay} on are some user's last day: when not 0, a period ending at {@code endDay}
     * cannot be counted from these rows. As a scalar subquery; its bind values: account, end day, 0.
     */
    Field<Integer> daysLastSeenFrom(String account, LocalDate endDay) {
        return DSL.field(DSL.selectCount().from(counts).where(countAccountId.eq(account),
                countLastDay.ge(dayOf(endDay)), count.gt(0L)));
    }

    /**
     * Per instance with a user whose last day is from {@code firstDay} on: the users whose last day is before
     * {@code endDay}, summed (null when none), and the latest last day. Bind values: end day, account, first day, 0.
     */
    Select<Record3<String, BigDecimal, Integer>> usersByInstance(DSLContext dsl, String account, LocalDate firstDay,
                                                                  LocalDate endDay) {
        Field<String> instance = Objects.requireNonNull(countInstanceId, "the account-wide counts have no instance");
        return dsl.select(instance, DSL.sum(DSL.when(countLastDay.lt(dayOf(endDay)), count)), DSL.max(countLastDay))
                .from(counts)
                .where(countAccountId.eq(account), countLastDay.ge(dayOf(firstDay)), count.gt(0L))
                .groupBy(instance);
    }

    // ---------------------------------------------------------------- rows

    /** The user row's columns that are written: the key, then {@code last_day}. */
    private List<Field<?>> userColumns() {
        List<Field<?>> columns = new ArrayList<>(userKey);
        columns.add(lastDay);
        return columns;
    }

    /** A user row's values, in the order of {@link #userColumns()}. */
    private List<Object> userValues(Key k, int day) {
        List<Object> values = new ArrayList<>(keyValues(k));
        values.add(day);
        return values;
    }

    private List<Object> keyValues(Key k) {
        return perInstance() ? List.of(k.accountId(), k.instanceId(), k.endUserId())
                : List.of(k.accountId(), k.endUserId());
    }

    private List<Field<?>> countColumns() {
        List<Field<?>> columns = new ArrayList<>(countKey);
        columns.add(count);
        return columns;
    }

    private List<Object> countValues(CountKey k, long users) {
        List<Object> values = new ArrayList<>();
        values.add(k.accountId());
        values.add(k.day());
        if (perInstance()) {
            values.add(k.instanceId());
        }
        values.add(users);
        return values;
    }

    /** An end user of an account, or of an instance of it ({@code instanceId} null in the account-wide tables). */
    record Key(String accountId, String instanceId, String endUserId) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = accountId.compareTo(other.accountId);
            if (c == 0 && instanceId != null) {
                // keys of one table: either both or neither have an instance
                c = instanceId.compareTo(other.instanceId);
            }
            return c != 0 ? c : endUserId.compareTo(other.endUserId);
        }
    }

    /** A count row's key, ordered as its primary key: account, day, instance. */
    private record CountKey(String accountId, int day, String instanceId) implements Comparable<CountKey> {
        @Override
        public int compareTo(CountKey other) {
            int c = accountId.compareTo(other.accountId);
            if (c == 0) {
                c = Integer.compare(day, other.day);
            }
            return c != 0 || instanceId == null ? c : instanceId.compareTo(other.instanceId);
        }
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATIONS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATION_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_CONVERSATION;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_INSTANCE_END_USER;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;

import com.hydracore.billing.adapter.persistence.sql.Rows;
import com.hydracore.billing.adapter.persistence.sql.Times;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.CountKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.LastDayKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.SumsKey;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The tables usage is rolled up into, each described by its columns, so that one piece of code writes and reads
 * every table of a kind: the two sums tables, and per distinct dimension (end users, conversations) three tables per
 * scope (the account, and each instance of it where counted). A distinct dimension is a migration and one
 * {@link DistinctDimension} here; the code that writes, counts and reads it is {@link DistinctCounts}'s, shared.
 *
 * <p>An {@code instanceId} column is null in a description of an account-wide table.
 */
final class UsageTables {

    private UsageTables() {
    }

    /** Events as {@code usage_event} rows, every column. */
    static Rows<UsageEvent> eventRows(Collection<UsageEvent> events) {
        return Rows.of(events)
                .column(USAGE_EVENT.ACCOUNT_ID, UsageEvent::accountId)
                .column(USAGE_EVENT.EVENT_ID, UsageEvent::eventId)
                .column(USAGE_EVENT.INSTANCE_ID, UsageEvent::instanceId)
                .column(USAGE_EVENT.OCCURRED_AT, e -> Times.toDb(e.occurredAt()))
                .column(USAGE_EVENT.TOKENS, UsageEvent::tokens)
                .column(USAGE_EVENT.REQUESTS, UsageEvent::requests)
                .column(USAGE_EVENT.COST_MICROS, e -> e.cost().micros())
                .column(USAGE_EVENT.END_USER_ID, UsageEvent::endUserId)
                .column(USAGE_EVENT.CONVERSATION_ID, UsageEvent::conversationId)
                .column(USAGE_EVENT.RESERVATION_ID, UsageEvent::reservationId);
    }

    /** Tokens, requests and cost per account and UTC day ({@code usage_account_daily}), or per day and instance. */
    record SumsTable(Table<?> table, Field<String> accountId, Field<LocalDate> day, Field<String> instanceId,
                     Field<Long> tokens, Field<Long> requests, Field<Long> costMicros) {

        boolean perInstance() {
            return instanceId != null;
        }

        /** The primary key's columns, in order: account, day, instance. */
        List<Field<?>> key() {
            return perInstance() ? List.of(accountId, day, instanceId) : List.of(accountId, day);
        }

        /** The row {@code e} adds to. */
        SumsKey keyOf(UsageEvent e) {
            return new SumsKey(e.accountId(), e.utcDay(), perInstance() ? e.instanceId() : null);
        }

        /** {@code sums} as this table's rows: the key's columns, then the sums. */
        Rows<Map.Entry<SumsKey, Sums>> rows(Map<SumsKey, Sums> sums) {
            return Rows.of(sums.entrySet())
                    .column(accountId, row -> row.getKey().accountId())
                    .column(day, row -> row.getKey().day())
                    .optionalColumn(instanceId, row -> row.getKey().instanceId())
                    .column(tokens, row -> row.getValue().tokens())
                    .column(requests, row -> row.getValue().requests())
                    .column(costMicros, row -> row.getValue().costMicros());
        }
    }

    /** Per account and UTC day: the overview's totals and the chart without an instance read these. */
    static final SumsTable ACCOUNT_SUMS = new SumsTable(USAGE_ACCOUNT_DAILY, USAGE_ACCOUNT_DAILY.ACCOUNT_ID,
            USAGE_ACCOUNT_DAILY.USAGE_DAY, null, USAGE_ACCOUNT_DAILY.TOKENS, USAGE_ACCOUNT_DAILY.REQUESTS,
            USAGE_ACCOUNT_DAILY.COST_MICROS);
    /** Per account, UTC day and instance: the breakdown and an instance's chart read these. */
    static final SumsTable INSTANCE_SUMS = new SumsTable(USAGE_DAILY, USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY,
            USAGE_DAILY.INSTANCE_ID, USAGE_DAILY.TOKENS, USAGE_DAILY.REQUESTS, USAGE_DAILY.COST_MICROS);
    /**
     * In the order every writer takes them. Both hold the rows a live router adds to all day (today's), so both go
     * last in a write; the account's first, as its rows are the fewer and the more shared.
     */
    static final List<SumsTable> SUMS = List.of(ACCOUNT_SUMS, INSTANCE_SUMS);

    /**
     * One row per id (an end user) and calendar month ({@code yyyymm}), whose {@code day_bits} has bit d-1 set when
     * the id was seen on day d (see {@link MonthDays}): answers any period, reading ids × months rows.
     */
    record MonthRows(Table<?> table, Field<String> accountId, Field<Integer> month, Field<String> instanceId,
                     Field<String> id, Field<Long> dayBits) {

        /** The primary key's columns, in order: account, month, instance, id. */
        List<Field<?>> key() {
            return instanceId == null ? List.of(accountId, month, id) : List.of(accountId, month, instanceId, id);
        }

        /** {@code days} as this table's rows: the key's columns, then {@code day_bits}. */
        Rows<Map.Entry<MonthRowKey, Long>> rows(Map<MonthRowKey, Long> days) {
            return Rows.of(days.entrySet())
                    .column(accountId, row -> row.getKey().accountId())
                    .column(month, row -> row.getKey().month())
                    .optionalColumn(instanceId, row -> row.getKey().instanceId())
                    .column(id, row -> row.getKey().id())
                    .column(dayBits, Map.Entry::getValue);
        }
    }

    /**
     * One row per id: the last UTC day ({@code yyyymmdd}) it was seen, and the day before its latest move
     * ({@code prev_day}: PostgreSQL's RETURNING shows only the row as written). Only ever moves forward.
     */
    record LastDays(Table<?> table, Field<String> accountId, Field<String> instanceId, Field<String> id,
                    Field<Integer> lastDay, Field<Integer> prevDay) {

        /** The primary key's columns, in order: account, instance, id. */
        List<Field<?>> key() {
            return instanceId == null ? List.of(accountId, id) : List.of(accountId, instanceId, id);
        }

        /** {@code seen} (id → its last day) as this table's rows: the key's columns, then {@code last_day}. */
        Rows<Map.Entry<LastDayKey, Integer>> rows(Map<LastDayKey, Integer> seen) {
            return Rows.of(seen.entrySet())
                    .column(accountId, row -> row.getKey().accountId())
                    .optionalColumn(instanceId, row -> row.getKey().instanceId())
                    .column(id, row -> row.getKey().id())
                    .column(lastDay, Map.Entry::getValue);
        }
    }

    /** How many ids have each last day; keyed by day first, so a period is one range of the key. */
    record LastDayCounts(Table<?> table, Field<String> accountId, Field<Integer> lastDay, Field<String> instanceId,
                         Field<Long> count) {

        /** The primary key's columns, in order: account, day, instance. */
        List<Field<?>> key() {
            return instanceId == null ? List.of(accountId, lastDay) : List.of(accountId, lastDay, instanceId);
        }

        /** {@code counts} (or changes to them) as this table's rows: the key's columns, then {@code users}. */
        Rows<Map.Entry<CountKey, Long>> rows(Map<CountKey, Long> counts) {
            return Rows.of(counts.entrySet())
                    .column(accountId, row -> row.getKey().accountId())
                    .column(lastDay, row -> row.getKey().day())
                    .optionalColumn(instanceId, row -> row.getKey().instanceId())
                    .column(count, Map.Entry::getValue);
        }
    }

    /** The three tables of one distinct dimension in one scope: the account, or each instance of it. */
    record DistinctTables(MonthRows months, LastDays lastDays, LastDayCounts counts) {

        boolean perInstance() {
            return months.instanceId() != null;
        }
    }

    /**
     * What is counted distinct per period, and where: {@code idOf} gives an event's id (null: none, not counted),
     * and each scope has its own three tables; {@code instance} is null for a dimension counted per account only.
     * {@code name} is also the stem of the columns a read names after it ({@code end_users_last_seen_in}), so it is
     * lower case words.
     */
    record DistinctDimension(String name, Function<UsageEvent, String> idOf, DistinctTables account,
                             DistinctTables instance) {

        /** The scopes in the order every writer takes them: the account's, then the instances' (if counted). */
        List<DistinctTables> scopes() {
            return instance == null ? List.of(account) : List.of(account, instance);
        }

        /** The name as a column alias's stem: {@code end_users}. */
        String alias() {
            return name.replace(' ', '_');
        }
    }

    /** The overview's {@code unique_end_users}, and each instance's. */
    static final DistinctDimension END_USERS = new DistinctDimension("end users", UsageEvent::endUserId,
            new DistinctTables(
                    new MonthRows(USAGE_MONTH_END_USER, USAGE_MONTH_END_USER.ACCOUNT_ID, USAGE_MONTH_END_USER.USAGE_MONTH,
                            null, USAGE_MONTH_END_USER.END_USER_ID, USAGE_MONTH_END_USER.DAY_BITS),
                    new LastDays(END_USER_LAST_DAY, END_USER_LAST_DAY.ACCOUNT_ID, null, END_USER_LAST_DAY.END_USER_ID,
                            END_USER_LAST_DAY.LAST_DAY, END_USER_LAST_DAY.PREV_DAY),
                    new LastDayCounts(END_USERS_BY_LAST_DAY, END_USERS_BY_LAST_DAY.ACCOUNT_ID,
                            END_USERS_BY_LAST_DAY.LAST_DAY, null, END_USERS_BY_LAST_DAY.USERS)),
            new DistinctTables(
                    new MonthRows(USAGE_MONTH_INSTANCE_END_USER, USAGE_MONTH_INSTANCE_END_USER.ACCOUNT_ID,
                            USAGE_MONTH_INSTANCE_END_USER.USAGE_MONTH, USAGE_MONTH_INSTANCE_END_USER.INSTANCE_ID,
                            USAGE_MONTH_INSTANCE_END_USER.END_USER_ID, USAGE_MONTH_INSTANCE_END_USER.DAY_BITS),
                    new LastDays(INSTANCE_END_USER_LAST_DAY, INSTANCE_END_USER_LAST_DAY.ACCOUNT_ID,
                            INSTANCE_END_USER_LAST_DAY.INSTANCE_ID, INSTANCE_END_USER_LAST_DAY.END_USER_ID,
                            INSTANCE_END_USER_LAST_DAY.LAST_DAY, INSTANCE_END_USER_LAST_DAY.PREV_DAY),
                    new LastDayCounts(INSTANCE_END_USERS_BY_LAST_DAY, INSTANCE_END_USERS_BY_LAST_DAY.ACCOUNT_ID,
                            INSTANCE_END_USERS_BY_LAST_DAY.LAST_DAY, INSTANCE_END_USERS_BY_LAST_DAY.INSTANCE_ID,
                            INSTANCE_END_USERS_BY_LAST_DAY.USERS)));

    /**
     * The overview's {@code unique_conversations}: what {@code conversation_limit} limits. Per account only: nothing
     * reads conversations per instance.
     */
    static final DistinctDimension CONVERSATIONS = new DistinctDimension("conversations",
            UsageEvent::conversationId,
            new DistinctTables(
                    new MonthRows(USAGE_MONTH_CONVERSATION, USAGE_MONTH_CONVERSATION.ACCOUNT_ID,
                            USAGE_MONTH_CONVERSATION.USAGE_MONTH, null, USAGE_MONTH_CONVERSATION.CONVERSATION_ID,
                            USAGE_MONTH_CONVERSATION.DAY_BITS),
                    new LastDays(CONVERSATION_LAST_DAY, CONVERSATION_LAST_DAY.ACCOUNT_ID, null,
                            CONVERSATION_LAST_DAY.CONVERSATION_ID, CONVERSATION_LAST_DAY.LAST_DAY,
                            CONVERSATION_LAST_DAY.PREV_DAY),
                    new LastDayCounts(CONVERSATIONS_BY_LAST_DAY, CONVERSATIONS_BY_LAST_DAY.ACCOUNT_ID,
                            CONVERSATIONS_BY_LAST_DAY.LAST_DAY, null, CONVERSATIONS_BY_LAST_DAY.CONVERSATIONS)),
            null);

    /** Every distinct dimension, in the order every writer takes them. */
    static final List<DistinctDimension> DISTINCT = List.of(END_USERS, CONVERSATIONS);
}

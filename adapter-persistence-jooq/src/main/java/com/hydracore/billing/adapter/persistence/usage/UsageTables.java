package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATIONS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATION_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAY_BLOCK;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_CONVERSATION;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_INSTANCE_END_USER;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_INSTANCE_QUARTER_HOUR;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MODEL_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MODEL_QUARTER_HOUR;

import com.hydracore.billing.adapter.persistence.sql.Rows;
import com.hydracore.billing.adapter.persistence.sql.Times;
import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.LatestMonth;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.CountKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.LastDayKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.SumsKey;
import com.hydracore.billing.domain.period.QuarterHour;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Field;
import org.jooq.Table;

/**
 * The tables usage is rolled up into, each described by its columns, so that one piece of code writes and reads
 * every table of a kind: the sums tables (per UTC day, per quarter hour, with or without instance and model), and per
 * distinct dimension (end users, conversations) three tables per scope (the account, and each instance of it where
 * counted). A distinct dimension is a migration and one
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
                .column(USAGE_EVENT.MODEL, UsageEvent::model)
                .column(USAGE_EVENT.INPUT_TOKENS, e -> e.breakdown().inputTokens())
                .column(USAGE_EVENT.OUTPUT_TOKENS, e -> e.breakdown().outputTokens())
                .column(USAGE_EVENT.CACHED_INPUT_TOKENS, e -> e.breakdown().cachedInputTokens())
                .column(USAGE_EVENT.CACHE_WRITE_TOKENS, e -> e.breakdown().cacheWriteTokens())
                .column(USAGE_EVENT.REASONING_TOKENS, e -> e.breakdown().reasoningTokens())
                .column(USAGE_EVENT.RESERVATION_ID, UsageEvent::reservationId);
    }

    /**
     * The time span a sums table's rows cover: a UTC day, a 15-minute UTC bucket ({@link QuarterHour}), or a block of
     * a UTC day's quarter hours ({@link DayBlocks}).
     */
    enum Grain {
        DAY, QUARTER_HOUR, DAY_BLOCK;

        /** The bucket an instant falls in: its UTC epoch day (also a block's), or its quarter hour's index. */
        long bucketOf(java.time.Instant instant) {
            return this == QUARTER_HOUR ? QuarterHour.containing(instant).index()
                    : Math.floorDiv(instant.getEpochSecond(), 86_400L);
        }
    }

    /**
     * A sums table: tokens (all and each kind), requests and cost per account and bucket, and per instance and/or
     * model where the table has those columns. Exactly one of {@code day} and {@code quarterHour} is set, and
     * {@code blockEnd} (a block of the day, {@link DayBlocks}) only with {@code day}. A {@code model} column holds
     * {@link #NO_MODEL} for events without a model.
     *
     * @param key the primary key's columns, in the table's order
     */
    record SumsTable(Table<?> table, Field<String> accountId, Field<LocalDate> day, Field<Long> quarterHour,
                     Field<String> instanceId, Field<String> model, Field<Integer> blockEnd, List<Field<?>> key,
                     Field<Long> tokens, Field<Long> inputTokens, Field<Long> outputTokens,
                     Field<Long> cachedInputTokens, Field<Long> cacheWriteTokens, Field<Long> reasoningTokens,
                     Field<Long> requests, Field<Long> costMicros) {

        /** A table without blocks. */
        SumsTable(Table<?> table, Field<String> accountId, Field<LocalDate> day, Field<Long> quarterHour,
                  Field<String> instanceId, Field<String> model, List<Field<?>> key, Field<Long> tokens,
                  Field<Long> inputTokens, Field<Long> outputTokens, Field<Long> cachedInputTokens,
                  Field<Long> cacheWriteTokens, Field<Long> reasoningTokens, Field<Long> requests,
                  Field<Long> costMicros) {
            this(table, accountId, day, quarterHour, instanceId, model, null, key, tokens, inputTokens, outputTokens,
                    cachedInputTokens, cacheWriteTokens, reasoningTokens, requests, costMicros);
        }

        boolean perInstance() {
            return instanceId != null;
        }

        boolean perModel() {
            return model != null;
        }

        Grain grain() {
            return blockEnd != null ? Grain.DAY_BLOCK : day != null ? Grain.DAY : Grain.QUARTER_HOUR;
        }

        /** The summed columns, in the order {@link Sums#values} gives their values. */
        List<Field<Long>> measures() {
            return List.of(tokens, inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, reasoningTokens,
                    requests, costMicros);
        }

        /**
         * The rows {@code e} adds to: one, or in a table of blocks each block holding its quarter hour. {@code account},
         * {@code instance} and {@code model} are {@code e}'s, given by the caller (as one object per value, for
         * {@link UsageKeys#compare}).
         */
        List<SumsKey> keysOf(UsageEvent e, String account, String instance, String model) {
            long bucket = grain().bucketOf(e.occurredAt());
            String instanceKey = perInstance() ? instance : null;
            String modelKey = perModel() ? modelKey(model) : null;
            if (blockEnd == null) {
                return List.of(new SumsKey(account, bucket, instanceKey, modelKey));
            }
            int quarter = (int) Math.floorMod(QuarterHour.containing(e.occurredAt()).index(), DayBlocks.QUARTERS);
            List<SumsKey> keys = new ArrayList<>();
            for (int block : DayBlocks.containing(quarter)) {
                keys.add(new SumsKey(account, bucket, block, instanceKey, modelKey));
            }
            return keys;
        }

        /** {@code sums} as this table's rows: the key's columns, then the sums. */
        Rows<Map.Entry<SumsKey, Sums>> rows(Map<SumsKey, Sums> sums) {
            Rows<Map.Entry<SumsKey, Sums>> rows = Rows.of(sums.entrySet())
                    .column(accountId, row -> row.getKey().accountId())
                    .optionalColumn(blockEnd, row -> row.getKey().block())
                    .optionalColumn(day, row -> LocalDate.ofEpochDay(row.getKey().bucket()))
                    .optionalColumn(quarterHour, row -> row.getKey().bucket())
                    .optionalColumn(instanceId, row -> row.getKey().instanceId())
                    .optionalColumn(model, row -> row.getKey().model());
            List<Field<Long>> measures = measures();
            for (int i = 0; i < measures.size(); i++) {
                int m = i;
                rows.column(measures.get(i), row -> row.getValue().values()[m]);
            }
            return rows;
        }
    }

    /** How a model is kept in a key column: itself, or {@link #NO_MODEL} for none. */
    static String modelKey(String model) {
        return model == null ? NO_MODEL : model;
    }

    /** The model of a key column: {@code null} for {@link #NO_MODEL}. */
    static String modelOf(String key) {
        return NO_MODEL.equals(key) ? null : key;
    }

    /** A key column's "no model": never a model, which is 1–128 characters. */
    static final String NO_MODEL = "";

    /** Per account and UTC day: the overview's totals and the UTC chart without an instance read these. */
    static final SumsTable ACCOUNT_SUMS = new SumsTable(USAGE_ACCOUNT_DAILY, USAGE_ACCOUNT_DAILY.ACCOUNT_ID,
            USAGE_ACCOUNT_DAILY.USAGE_DAY, null, null, null,
            List.of(USAGE_ACCOUNT_DAILY.ACCOUNT_ID, USAGE_ACCOUNT_DAILY.USAGE_DAY), USAGE_ACCOUNT_DAILY.TOKENS,
            USAGE_ACCOUNT_DAILY.INPUT_TOKENS, USAGE_ACCOUNT_DAILY.OUTPUT_TOKENS,
            USAGE_ACCOUNT_DAILY.CACHED_INPUT_TOKENS, USAGE_ACCOUNT_DAILY.CACHE_WRITE_TOKENS,
            USAGE_ACCOUNT_DAILY.REASONING_TOKENS, USAGE_ACCOUNT_DAILY.REQUESTS, USAGE_ACCOUNT_DAILY.COST_MICROS);
    /** Per account, UTC day and instance: the breakdown and an instance's UTC chart read these. */
    static final SumsTable INSTANCE_SUMS = new SumsTable(USAGE_DAILY, USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY,
            null, USAGE_DAILY.INSTANCE_ID, null,
            List.of(USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY, USAGE_DAILY.INSTANCE_ID), USAGE_DAILY.TOKENS,
            USAGE_DAILY.INPUT_TOKENS, USAGE_DAILY.OUTPUT_TOKENS, USAGE_DAILY.CACHED_INPUT_TOKENS,
            USAGE_DAILY.CACHE_WRITE_TOKENS, USAGE_DAILY.REASONING_TOKENS, USAGE_DAILY.REQUESTS,
            USAGE_DAILY.COST_MICROS);
    /** Per account, UTC day and model: {@code by_model}, and a UTC chart or export of one model or by model. */
    static final SumsTable MODEL_SUMS = new SumsTable(USAGE_MODEL_DAILY, USAGE_MODEL_DAILY.ACCOUNT_ID,
            USAGE_MODEL_DAILY.USAGE_DAY, null, null, USAGE_MODEL_DAILY.MODEL,
            List.of(USAGE_MODEL_DAILY.ACCOUNT_ID, USAGE_MODEL_DAILY.USAGE_DAY, USAGE_MODEL_DAILY.MODEL),
            USAGE_MODEL_DAILY.TOKENS, USAGE_MODEL_DAILY.INPUT_TOKENS, USAGE_MODEL_DAILY.OUTPUT_TOKENS,
            USAGE_MODEL_DAILY.CACHED_INPUT_TOKENS, USAGE_MODEL_DAILY.CACHE_WRITE_TOKENS,
            USAGE_MODEL_DAILY.REASONING_TOKENS, USAGE_MODEL_DAILY.REQUESTS, USAGE_MODEL_DAILY.COST_MICROS);
    /**
     * Per account, block of a UTC day's quarter hours ({@link DayBlocks}) and UTC day: a chart or export by day of
     * all instances and models in a zone not on UTC days (a day is one row, its first k quarter hours at most 6).
     */
    static final SumsTable DAY_BLOCKS = new SumsTable(USAGE_DAY_BLOCK, USAGE_DAY_BLOCK.ACCOUNT_ID,
            USAGE_DAY_BLOCK.USAGE_DAY, null, null, null, USAGE_DAY_BLOCK.BLOCK_END,
            List.of(USAGE_DAY_BLOCK.ACCOUNT_ID, USAGE_DAY_BLOCK.BLOCK_END, USAGE_DAY_BLOCK.USAGE_DAY),
            USAGE_DAY_BLOCK.TOKENS, USAGE_DAY_BLOCK.INPUT_TOKENS, USAGE_DAY_BLOCK.OUTPUT_TOKENS,
            USAGE_DAY_BLOCK.CACHED_INPUT_TOKENS, USAGE_DAY_BLOCK.CACHE_WRITE_TOKENS, USAGE_DAY_BLOCK.REASONING_TOKENS,
            USAGE_DAY_BLOCK.REQUESTS, USAGE_DAY_BLOCK.COST_MICROS);
    /** Per account, model and quarter hour: a chart of one model, and an export by model, in such a zone. */
    static final SumsTable MODEL_QUARTER_HOURS = new SumsTable(USAGE_MODEL_QUARTER_HOUR,
            USAGE_MODEL_QUARTER_HOUR.ACCOUNT_ID, null, USAGE_MODEL_QUARTER_HOUR.QUARTER_HOUR, null,
            USAGE_MODEL_QUARTER_HOUR.MODEL, List.of(USAGE_MODEL_QUARTER_HOUR.ACCOUNT_ID,
                    USAGE_MODEL_QUARTER_HOUR.MODEL, USAGE_MODEL_QUARTER_HOUR.QUARTER_HOUR),
            USAGE_MODEL_QUARTER_HOUR.TOKENS, USAGE_MODEL_QUARTER_HOUR.INPUT_TOKENS,
            USAGE_MODEL_QUARTER_HOUR.OUTPUT_TOKENS, USAGE_MODEL_QUARTER_HOUR.CACHED_INPUT_TOKENS,
            USAGE_MODEL_QUARTER_HOUR.CACHE_WRITE_TOKENS, USAGE_MODEL_QUARTER_HOUR.REASONING_TOKENS,
            USAGE_MODEL_QUARTER_HOUR.REQUESTS, USAGE_MODEL_QUARTER_HOUR.COST_MICROS);
    /**
     * Per account, instance, quarter hour and model: a chart of one instance (and model) in such a zone, one of an
     * instance and a model in any zone, and an export by instance.
     */
    static final SumsTable INSTANCE_QUARTER_HOURS = new SumsTable(USAGE_INSTANCE_QUARTER_HOUR,
            USAGE_INSTANCE_QUARTER_HOUR.ACCOUNT_ID, null, USAGE_INSTANCE_QUARTER_HOUR.QUARTER_HOUR,
            USAGE_INSTANCE_QUARTER_HOUR.INSTANCE_ID, USAGE_INSTANCE_QUARTER_HOUR.MODEL,
            List.of(USAGE_INSTANCE_QUARTER_HOUR.ACCOUNT_ID, USAGE_INSTANCE_QUARTER_HOUR.INSTANCE_ID,
                    USAGE_INSTANCE_QUARTER_HOUR.QUARTER_HOUR, USAGE_INSTANCE_QUARTER_HOUR.MODEL),
            USAGE_INSTANCE_QUARTER_HOUR.TOKENS, USAGE_INSTANCE_QUARTER_HOUR.INPUT_TOKENS,
            USAGE_INSTANCE_QUARTER_HOUR.OUTPUT_TOKENS, USAGE_INSTANCE_QUARTER_HOUR.CACHED_INPUT_TOKENS,
            USAGE_INSTANCE_QUARTER_HOUR.CACHE_WRITE_TOKENS, USAGE_INSTANCE_QUARTER_HOUR.REASONING_TOKENS,
            USAGE_INSTANCE_QUARTER_HOUR.REQUESTS, USAGE_INSTANCE_QUARTER_HOUR.COST_MICROS);
    /**
     * In the order every writer takes them. The UTC-day sums hold the rows a live router adds to all day (today's),
     * so they go last in a write, the account's first, as its rows are the fewer and the more shared; the model and
     * quarter-hour tables and today's blocks just before them (the current quarter hour's rows are as shared, for 15
     * minutes; a block's for up to 16 hours).
     */
    static final List<SumsTable> SUMS = List.of(MODEL_SUMS, MODEL_QUARTER_HOURS, INSTANCE_QUARTER_HOURS, DAY_BLOCKS,
            ACCOUNT_SUMS, INSTANCE_SUMS);

    /**
     * One row per id (an end user) and calendar month ({@code yyyymm}), whose {@code day_bits} has bit d-1 set when
     * the id was seen on day d (see {@link MonthDays}): the months an id has left, and late days, its current month
     * being on its {@link LastDays} row (V9). With those, answers any period, reading ids × months rows.
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
     * One row per id: the last UTC day ({@code yyyymmdd}) it was seen, only ever moving forward, and the days it was
     * seen in its current month ({@code usage_month}, {@code day_bits}, as a month row holds them; V9), so that a new
     * id is one row. {@code prev_day}, {@code prev_month} and {@code prev_bits} are what the row held before the
     * upsert that last wrote it (PostgreSQL's RETURNING shows only the row as written): the day an id's count leaves,
     * and the month it left with its days, which then go to the month rows.
     */
    record LastDays(Table<?> table, Field<String> accountId, Field<String> instanceId, Field<String> id,
                    Field<Integer> lastDay, Field<Integer> prevDay, Field<Integer> month, Field<Long> dayBits,
                    Field<Integer> prevMonth, Field<Long> prevBits) {

        /** The primary key's columns, in order: account, instance, id. */
        List<Field<?>> key() {
            return instanceId == null ? List.of(accountId, id) : List.of(accountId, instanceId, id);
        }

        /** The rows' current months, read as month rows are read (one per id: not the month rows' key). */
        MonthRows currentMonths() {
            return new MonthRows(table, accountId, month, instanceId, id, dayBits);
        }

        /**
         * {@code latest} (id → its latest month in a batch) as this table's rows: the key's columns, then
         * {@code last_day}, {@code usage_month} and {@code day_bits}.
         */
        Rows<Map.Entry<LastDayKey, LatestMonth>> rows(Map<LastDayKey, LatestMonth> latest) {
            return Rows.of(latest.entrySet())
                    .column(accountId, row -> row.getKey().accountId())
                    .optionalColumn(instanceId, row -> row.getKey().instanceId())
                    .column(id, row -> row.getKey().id())
                    .column(lastDay, row -> row.getValue().lastDay())
                    .column(month, row -> row.getValue().month())
                    .column(dayBits, row -> row.getValue().bits());
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
                            END_USER_LAST_DAY.LAST_DAY, END_USER_LAST_DAY.PREV_DAY, END_USER_LAST_DAY.USAGE_MONTH,
                            END_USER_LAST_DAY.DAY_BITS, END_USER_LAST_DAY.PREV_MONTH, END_USER_LAST_DAY.PREV_BITS),
                    new LastDayCounts(END_USERS_BY_LAST_DAY, END_USERS_BY_LAST_DAY.ACCOUNT_ID,
                            END_USERS_BY_LAST_DAY.LAST_DAY, null, END_USERS_BY_LAST_DAY.USERS)),
            new DistinctTables(
                    new MonthRows(USAGE_MONTH_INSTANCE_END_USER, USAGE_MONTH_INSTANCE_END_USER.ACCOUNT_ID,
                            USAGE_MONTH_INSTANCE_END_USER.USAGE_MONTH, USAGE_MONTH_INSTANCE_END_USER.INSTANCE_ID,
                            USAGE_MONTH_INSTANCE_END_USER.END_USER_ID, USAGE_MONTH_INSTANCE_END_USER.DAY_BITS),
                    new LastDays(INSTANCE_END_USER_LAST_DAY, INSTANCE_END_USER_LAST_DAY.ACCOUNT_ID,
                            INSTANCE_END_USER_LAST_DAY.INSTANCE_ID, INSTANCE_END_USER_LAST_DAY.END_USER_ID,
                            INSTANCE_END_USER_LAST_DAY.LAST_DAY, INSTANCE_END_USER_LAST_DAY.PREV_DAY,
                            INSTANCE_END_USER_LAST_DAY.USAGE_MONTH, INSTANCE_END_USER_LAST_DAY.DAY_BITS,
                            INSTANCE_END_USER_LAST_DAY.PREV_MONTH, INSTANCE_END_USER_LAST_DAY.PREV_BITS),
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
                            CONVERSATION_LAST_DAY.PREV_DAY, CONVERSATION_LAST_DAY.USAGE_MONTH,
                            CONVERSATION_LAST_DAY.DAY_BITS, CONVERSATION_LAST_DAY.PREV_MONTH,
                            CONVERSATION_LAST_DAY.PREV_BITS),
                    new LastDayCounts(CONVERSATIONS_BY_LAST_DAY, CONVERSATIONS_BY_LAST_DAY.ACCOUNT_ID,
                            CONVERSATIONS_BY_LAST_DAY.LAST_DAY, null, CONVERSATIONS_BY_LAST_DAY.CONVERSATIONS)),
            null);

    /** Every distinct dimension, in the order every writer takes them. */
    static final List<DistinctDimension> DISTINCT = List.of(END_USERS, CONVERSATIONS);
}

package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.sql.Binds.param;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.ACCOUNT;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.END_DAY;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST_DAY;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST_MONTH;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.LAST_MONTH;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.CountKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.LastDayKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.DistinctDimension;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.DistinctTables;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.LastDays;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.LastDayCounts;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.MonthRows;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Distinct counting: how many distinct ids of a {@link DistinctDimension} (end users today) an account, and each of
 * its instances, saw in a period. This is the one place that knows the three structures kept for it per scope (see
 * {@link UsageTables}), what an append adds to them, and the one rule for choosing which answers a read:
 * <ul>
 *   <li><b>last days</b>: each id's last day seen, and the days it was seen in that day's month (V9): an append
 *       moves an id's last day forward, takes it off the count of the day it leaves, and adds its days there, so
 *       that a new id is one row.</li>
 *   <li><b>month rows</b>: one row per id and month it has left (or was seen in late), a bit per day seen. With the
 *       last days' current months they answer any period, reading ids × months rows (per instance: instance–id
 *       pairs × months).</li>
 *   <li><b>counts by last day</b>: how many ids have each last day. They answer a period from as many rows as it
 *       has days (per instance: days × instances), however many ids there are.</li>
 * </ul>
 *
 * <p><b>The rule.</b> A last day only moves forward, so every id seen in a period has its last day at or after the
 * period's first day. When no id's last day is at or after the period's end, the ids seen in the period are exactly
 * those whose last day falls in it: count them from the counts by last day. Otherwise (a past period; or the current
 * one once an event up to a few minutes ahead of the clock was seen past its end) count them over the months: the
 * month rows and the last days' current months. A read asks whether the rule holds and what the counts say in one
 * statement, and reads over the months only when it does not hold.
 *
 * <p>Days are {@code yyyymmdd} integers (20260331), as the month rows store {@code yyyymm}.
 */
final class DistinctCounts {

    /** The ids whose last day is in the period, summed (null when none). */
    static final Field<BigDecimal> IDS_LAST_SEEN_IN = DSL.field(DSL.name("ids_last_seen_in"), BigDecimal.class);
    /** How many days from the period's end on are some id's last day: the rule holds when 0. */
    static final Field<Integer> DAYS_LAST_SEEN_FROM_END = DSL.field(DSL.name("days_last_seen_from_end"),
            Integer.class);
    private static final Field<Integer> LATEST_LAST_DAY = DSL.field(DSL.name("latest_last_day"), Integer.class);
    private static final Field<Integer> IDS = DSL.field(DSL.name("ids"), Integer.class);
    /** The derived table of the ids the month rows have in a period. */
    private static final String MONTHS_SEEN = "months_seen";

    private final DSLContext dsl;
    private final RenderedReads reads;

    DistinctCounts(DSLContext dsl, RenderedReads reads) {
        this.dsl = dsl;
        this.reads = reads;
    }

    // ---------------------------------------------------------------- what an append adds

    /** {@code day} as a last day is stored: 20260331 for 31 March 2026. */
    static int dayOf(LocalDate day) {
        return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    /** The last of a month row's days: month {@code yyyymm}, day {@code d} as bit {@code d - 1} (see MonthDays). */
    static int lastDayOf(int month, long dayBits) {
        return month * 100 + (Long.SIZE - Long.numberOfLeadingZeros(dayBits));
    }

    /** An id's latest month in a batch ({@code yyyymm}) and its days there: what goes to its last-day row. */
    record LatestMonth(int month, long bits) {

        /** The last of those days, the id's last day in the batch. */
        int lastDay() {
            return lastDayOf(month, bits);
        }
    }

    /**
     * A last-day row, as stored or as an upsert wrote it ({@code prev…} null on a row just inserted).
     */
    record LastDayRow(int lastDay, Integer prevDay, int month, long bits, Integer prevMonth, Long prevBits) {

        /**
         * The row after {@code sent} is upserted onto {@code stored} (null: none). The last day moves forward only;
         * a later month replaces the row's month and days, the same month adds its days, an earlier one (late
         * events) leaves them; {@code prev…} keep what was stored. PostgreSQL does this in its upsert's SET; H2,
         * without an upsert, here.
         */
        static LastDayRow upserted(LastDayRow stored, LatestMonth sent) {
            if (stored == null) {
                return new LastDayRow(sent.lastDay(), null, sent.month(), sent.bits(), null, null);
            }
            long bits = sent.month() > stored.month ? sent.bits()
                    : sent.month() == stored.month ? stored.bits | sent.bits() : stored.bits;
            return new LastDayRow(Math.max(stored.lastDay, sent.lastDay()), stored.lastDay,
                    Math.max(stored.month, sent.month()), bits, stored.month, stored.bits);
        }

        /** Whether writing this row over {@code stored} changes what a read sees: else the write is left out. */
        boolean changes(LastDayRow stored) {
            return month != stored.month || bits != stored.bits || lastDay != stored.lastDay;
        }
    }

    /**
     * One append's days of one scope, as its writes take them, and what follows from what the last-day upsert
     * returns. Per id, the batch's latest month goes to the id's last-day row ({@link #lastDays}); its other months
     * go to the month rows directly, and so do, per returned row, the month the row left (when it moved to a later
     * one) and the batch's days of a month earlier than the row's (late events): {@link #monthRows}, once per id and
     * month. Each move of a last day is one less on the count of the day left and one more on the new
     * ({@link #countChanges}). Everything in key order.
     */
    static final class ScopeAppend {

        private final DistinctTables scope;
        private final SortedMap<LastDayKey, LatestMonth> lastDays = new TreeMap<>();
        private final SortedMap<MonthRowKey, Long> monthRows = new TreeMap<>();
        private final SortedMap<CountKey, Long> countChanges = new TreeMap<>();

        /** @param days the days each id was seen on, per month row of {@code scope} */
        ScopeAppend(DistinctTables scope, Map<MonthRowKey, Long> days) {
            this.scope = scope;
            days.forEach((row, bits) -> {
                LastDayKey id = new LastDayKey(row.accountId(), row.instanceId(), row.id());
                LatestMonth latest = lastDays.get(id);
                if (latest == null || row.month() > latest.month()) {
                    lastDays.put(id, new LatestMonth(row.month(), bits));
                    if (latest != null) {
                        addToMonthRow(id, latest.month(), latest.bits());
                    }
                } else {
                    addToMonthRow(id, row.month(), bits);
                }
            });
        }

        DistinctTables scope() {
            return scope;
        }

        /** Per id, the latest month the batch saw it in: the last-day upsert's rows. */
        SortedMap<LastDayKey, LatestMonth> lastDays() {
            return lastDays;
        }

        /**
         * What the upsert of {@link #lastDays} wrote for {@code id} ({@code written}: the row as written). A row it
         * left as it was need not be given.
         */
        void landed(LastDayKey id, LastDayRow written) {
            if (written.prevDay() == null || written.prevDay() != written.lastDay()) {
                moved(countChanges, id.accountId(), id.instanceId(), written.prevDay(), written.lastDay());
            }
            if (written.prevMonth() != null && written.prevMonth() < written.month() && written.prevBits() != 0) {
                addToMonthRow(id, written.prevMonth(), written.prevBits());
            }
            LatestMonth sent = lastDays.get(id);
            if (sent.month() < written.month()) {
                addToMonthRow(id, sent.month(), sent.bits());
            }
        }

        /** The days to OR into the month rows, once the last days are written. */
        SortedMap<MonthRowKey, Long> monthRows() {
            return monthRows;
        }

        /** How the counts by last day change, once the last days are written; rows changing by 0 left out. */
        SortedMap<CountKey, Long> countChanges() {
            countChanges.values().removeIf(c -> c == 0);
            return countChanges;
        }

        private void addToMonthRow(LastDayKey id, int month, long bits) {
            monthRows.merge(new MonthRowKey(scope.months().table().getName(), id.accountId(), month,
                    id.instanceId(), id.id()), bits, (a, b) -> a | b);
        }
    }

    /**
     * An id's last day moving from {@code from} (null: first seen) to {@code to}: one less on the day left, one more
     * on the new.
     */
    static void moved(Map<CountKey, Long> changes, String account, String instance, Integer from, int to) {
        changes.merge(new CountKey(account, to, instance), 1L, Long::sum);
        if (from != null) {
            changes.merge(new CountKey(account, from, instance), -1L, Long::sum);
        }
    }

    // ---------------------------------------------------------------- reads

    /**
     * For the account's totals statement, which reads it alongside the sums in one round trip:
     * {@code (SELECT sum(users) FROM <counts> WHERE account_id = :account AND last_day >= :first_day
     * AND last_day < :end_day) AS ids_last_seen_in}.
     */
    static Field<BigDecimal> idsLastSeenIn(DistinctDimension dimension) {
        LastDayCounts counts = dimension.account().counts();
        return DSL.field(DSL.select(DSL.sum(counts.count())).from(counts.table())
                .where(counts.accountId().eq(param(ACCOUNT)), counts.lastDay().ge(param(FIRST_DAY)),
                        counts.lastDay().lt(param(END_DAY))))
                .as(idsLastSeenInOf(dimension));
    }

    /** The column {@link #idsLastSeenIn} is read back by: {@code <dimension>_ids_last_seen_in}. */
    private static Field<BigDecimal> idsLastSeenInOf(DistinctDimension dimension) {
        return DSL.field(DSL.name(dimension.alias() + "_" + IDS_LAST_SEEN_IN.getName()), BigDecimal.class);
    }

    /** The column {@link #daysLastSeenFromEnd} is read back by: {@code <dimension>_days_last_seen_from_end}. */
    private static Field<Integer> daysLastSeenFromEndOf(DistinctDimension dimension) {
        return DSL.field(DSL.name(dimension.alias() + "_" + DAYS_LAST_SEEN_FROM_END.getName()), Integer.class);
    }

    /**
     * For the same statement, whether the rule holds: {@code (SELECT count(*) FROM <counts> WHERE account_id = :account
     * AND last_day >= :end_day AND users > 0) AS days_last_seen_from_end}.
     */
    static Field<Integer> daysLastSeenFromEnd(DistinctDimension dimension) {
        LastDayCounts counts = dimension.account().counts();
        return DSL.field(DSL.selectCount().from(counts.table())
                .where(counts.accountId().eq(param(ACCOUNT)), counts.lastDay().ge(param(END_DAY)),
                        counts.count().gt(DSL.inline(0L))))
                .as(daysLastSeenFromEndOf(dimension));
    }

    /**
     * The account's distinct ids in the period, from its totals row when the rule holds, else over the months
     * ({@link #overMonths}):
     * <pre>
     * SELECT count(*) AS ids
     * FROM &lt;last days&gt; LEFT JOIN (SELECT id FROM &lt;month rows&gt;
     *                               WHERE account_id = :account AND &lt;seen in&gt; GROUP BY id) AS months_seen
     *   ON months_seen.id = &lt;last days&gt;.id
     * WHERE &lt;last days&gt;.account_id = :account AND last_day &gt;= :first_day
     *   AND (&lt;its current month seen in&gt; OR months_seen.id IS NOT NULL)
     * </pre>
     * (Distinct ids of the month rows by grouping, which PostgreSQL hashes, where COUNT(DISTINCT) sorts its input:
     * half the time for an account of 1,000 users over two months.)
     */
    int ofAccount(DistinctDimension dimension, Record totals, String account, BillingPeriod period) {
        if (totals.get(daysLastSeenFromEndOf(dimension)) == 0) {
            return Math.toIntExact(asLong(totals.get(idsLastSeenInOf(dimension))));
        }
        MonthRows rows = dimension.account().months();
        LastDays lastDays = dimension.account().lastDays();
        SortedMap<Integer, Long> masks = MonthDays.masks(period.firstDay(), period.endDay());
        return reads.fetch(dimension.name() + " over months: " + masks.size(), () -> {
            Table<?> monthsSeen = DSL.select(rows.id()).from(rows.table())
                    .where(rows.accountId().eq(param(ACCOUNT)), seenIn(rows, masks))
                    .groupBy(rows.id())
                    .asTable(MONTHS_SEEN);
            Field<String> seenId = monthsSeen.field(rows.id());
            return dsl.select(DSL.count().as(IDS))
                    .from(lastDays.table().leftJoin(monthsSeen).on(seenId.eq(lastDays.id())))
                    .where(overMonths(lastDays, masks, seenId));
        }, monthBinds(account, period, masks)).get(0).get(IDS);
    }

    /**
     * The ids seen in a period, over the months: the month rows hold the months ids have left and late days, the
     * last-day rows each id's current month. Every id of a month row has a last-day row, at or after the period's
     * first day if the id was seen in the period; so the ids are the last-day rows from that day on whose current
     * month has a day in the period or whose id is among the month rows' that have ({@code seenId} not null), each
     * counted once.
     */
    private static Condition overMonths(LastDays lastDays, SortedMap<Integer, Long> masks, Field<String> seenId) {
        return lastDays.accountId().eq(param(ACCOUNT)).and(lastDays.lastDay().ge(param(FIRST_DAY)))
                .and(seenIn(lastDays.currentMonths(), masks).or(seenId.isNotNull()));
    }

    /** Each instance's distinct ids in the period (instances without any are left out), by the rule. */
    Map<String, Integer> byInstance(DistinctDimension dimension, String account, BillingPeriod period) {
        LastDayCounts counts = dimension.instance().counts();
        int end = dayOf(period.endDay());
        Map<String, Integer> ids = new HashMap<>();
        boolean ruleHolds = true;
        // SELECT instance_id, sum(CASE WHEN last_day < :end_day THEN users END) AS ids_last_seen_in,
        //        max(last_day) AS latest_last_day
        // FROM <counts> WHERE account_id = :account AND last_day >= :first_day AND users > 0 GROUP BY instance_id
        for (Record r : reads.fetch(dimension.name() + " by instance by last day", () -> dsl
                        .select(counts.instanceId(), lastSeenBeforeEnd(counts).as(IDS_LAST_SEEN_IN),
                                DSL.max(counts.lastDay()).as(LATEST_LAST_DAY))
                        .from(counts.table())
                        .where(counts.accountId().eq(param(ACCOUNT)), counts.lastDay().ge(param(FIRST_DAY)),
                                counts.count().gt(DSL.inline(0L)))
                        .groupBy(counts.instanceId()),
                new Binds().with(ACCOUNT, account).with(FIRST_DAY, dayOf(period.firstDay())).with(END_DAY, end))) {
            ids.put(r.get(counts.instanceId()), Math.toIntExact(asLong(r.get(IDS_LAST_SEEN_IN))));
            ruleHolds &= r.get(LATEST_LAST_DAY) < end;
        }
        return ruleHolds ? ids : byInstanceOverMonths(dimension, account, period);
    }

    /**
     * The ids whose last day is in the period, summed from counts by last day ({@code last_day >= :first_day} being
     * the caller's filter): {@code sum(CASE WHEN last_day < :end_day THEN <count> END)}. Exact while no id of the rows
     * summed has its last day at or after the period's end (the rule); the page reads sum it too.
     */
    static Field<BigDecimal> lastSeenBeforeEnd(LastDayCounts counts) {
        return DSL.sum(DSL.when(counts.lastDay().lt(param(END_DAY)), counts.count()));
    }

    /**
     * Each instance's distinct ids over the months, as {@link #ofAccount} counts them (when the rule does not hold):
     * <pre>
     * SELECT &lt;last days&gt;.instance_id, count(*) AS ids
     * FROM &lt;last days&gt; LEFT JOIN (SELECT instance_id, id FROM &lt;month rows&gt; WHERE account_id = :account
     *                               AND &lt;seen in&gt; GROUP BY instance_id, id) AS months_seen
     *   ON months_seen.instance_id = &lt;last days&gt;.instance_id AND months_seen.id = &lt;last days&gt;.id
     * WHERE &lt;last days&gt;.account_id = :account AND last_day &gt;= :first_day
     *   AND (&lt;its current month seen in&gt; OR months_seen.id IS NOT NULL)
     * GROUP BY &lt;last days&gt;.instance_id
     * </pre>
     */
    Map<String, Integer> byInstanceOverMonths(DistinctDimension dimension, String account,
                                              BillingPeriod period) {
        MonthRows rows = dimension.instance().months();
        LastDays lastDays = dimension.instance().lastDays();
        SortedMap<Integer, Long> masks = MonthDays.masks(period.firstDay(), period.endDay());
        Map<String, Integer> ids = new HashMap<>();
        reads.fetch(dimension.name() + " by instance over months: " + masks.size(), () -> {
            Table<?> monthsSeen = DSL.select(rows.instanceId(), rows.id()).from(rows.table())
                    .where(rows.accountId().eq(param(ACCOUNT)), seenIn(rows, masks))
                    .groupBy(rows.instanceId(), rows.id())
                    .asTable(MONTHS_SEEN);
            Field<String> seenId = monthsSeen.field(rows.id());
            return dsl.select(lastDays.instanceId(), DSL.count().as(IDS))
                    .from(lastDays.table().leftJoin(monthsSeen)
                            .on(monthsSeen.field(rows.instanceId()).eq(lastDays.instanceId()),
                                    seenId.eq(lastDays.id())))
                    .where(overMonths(lastDays, masks, seenId))
                    .groupBy(lastDays.instanceId());
        }, monthBinds(account, period, masks))
                .forEach(r -> ids.put(r.get(lastDays.instanceId()), r.get(IDS)));
        return ids;
    }

    /**
     * Month rows with a day in the period: {@code usage_month BETWEEN :first_month AND :last_month AND
     * ((usage_month = :month_0 AND day_bits & :mask_0 <> 0) OR …)}, one mask per month the period touches (the
     * range first, so the primary key narrows the scan to these months). An id seen in two of the period's months has
     * a row in each, so the reads count ids distinct.
     */
    private static Condition seenIn(MonthRows rows, SortedMap<Integer, Long> masks) {
        if (masks.isEmpty()) {
            return DSL.falseCondition();
        }
        List<Condition> anyDay = new ArrayList<>();
        for (int i = 0; i < masks.size(); i++) {
            anyDay.add(rows.month().eq(param(ReadBinds.month(i)))
                    .and(DSL.bitAnd(rows.dayBits(), param(ReadBinds.mask(i))).ne(DSL.inline(0L))));
        }
        return rows.month().between(param(FIRST_MONTH), param(LAST_MONTH)).and(DSL.or(anyDay));
    }

    /** The values of a read over months: the account, the first day, and the months and masks of {@link #seenIn}. */
    private static Binds monthBinds(String account, BillingPeriod period, SortedMap<Integer, Long> masks) {
        Binds binds = new Binds().with(ACCOUNT, account).with(FIRST_DAY, dayOf(period.firstDay()));
        if (!masks.isEmpty()) {
            binds.with(FIRST_MONTH, masks.firstKey()).with(LAST_MONTH, masks.lastKey());
            int i = 0;
            for (Map.Entry<Integer, Long> month : masks.entrySet()) {
                binds.with(ReadBinds.month(i), month.getKey()).with(ReadBinds.mask(i), month.getValue());
                i++;
            }
        }
        return binds;
    }

    /** SUM over no rows is NULL; over BIGINT it is NUMERIC, read back exactly or not at all. */
    static long asLong(BigDecimal value) {
        return value == null ? 0 : value.longValueExact();
    }
}

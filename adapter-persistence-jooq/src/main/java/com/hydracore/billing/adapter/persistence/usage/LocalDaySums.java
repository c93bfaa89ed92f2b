package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAY_BLOCK;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_INSTANCE_QUARTER_HOUR;
import static com.hydracore.billing.adapter.persistence.sql.Binds.param;
import static com.hydracore.billing.adapter.persistence.usage.DistinctCounts.asLong;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.ACCOUNT;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.INSTANCE;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.LAST;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.ACCOUNT_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.DAY_BLOCKS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.INSTANCE_QUARTER_HOURS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.INSTANCE_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.MODEL_QUARTER_HOURS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.MODEL_SUMS;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.application.port.out.UsageSums.LocalDayQuery;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.LocalDay;
import com.hydracore.billing.domain.period.QuarterHour;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageGrouping;
import com.hydracore.billing.domain.usage.UsageMeasures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The sums per local day of a zone (the chart's and the export's one read), from rollup rows only. A range of days
 * that are exactly UTC days is read from the UTC-day sums; any other zone, without filter or grouping, from blocks
 * of each UTC day's quarter hours: the whole day and the part before each local midnight ({@link DayBlocks}); with
 * one, from every quarter hour of the range, each given its local date in SQL by {@link DaySegments}' arithmetic.
 * Rows grow with days and groups, never with events. The tables, by the filter or grouping (the key that has it as a
 * prefix):
 * <table>
 *   <caption>Which table answers</caption>
 *   <tr><th>filter or grouping</th><th>UTC days</th><th>other zones</th></tr>
 *   <tr><td>none</td><td>usage_account_daily</td><td>usage_day_block</td></tr>
 *   <tr><td>instance</td><td>usage_daily</td><td>usage_instance_quarter_hour</td></tr>
 *   <tr><td>model</td><td>usage_model_daily</td><td>usage_model_quarter_hour</td></tr>
 *   <tr><td>instance and model</td><td colspan="2">usage_instance_quarter_hour</td></tr>
 * </table>
 */
final class LocalDaySums {

    private static final Field<Long> DAY_NUMBER = DSL.field(DSL.name("t", "day"), Long.class);
    private static final Field<String> GROUP = DSL.field(DSL.name("t", "group_key"), String.class);
    /** A UTC-day row's group, aliased. */
    private static final Field<String> ROW_GROUP = DSL.field(DSL.name("group_key"), String.class);
    /** The quarter-hour read's sums, by the measures' names. */
    private static final List<Field<Long>> SUMS = DAY_BLOCKS.measures().stream()
            .map(m -> DSL.field(DSL.name(m.getName()), Long.class)).toList();
    /** The first and the end (exclusive) bucket of the range. */
    private static final Binds.Name<Long> FROM_BUCKET = name("from_bucket");
    private static final Binds.Name<Long> END_BUCKET = name("end_bucket");
    private static final Binds.Name<String> MODEL = Binds.Name.of("model", USAGE_INSTANCE_QUARTER_HOUR.MODEL);

    private final DSLContext dsl;
    private final RenderedReads reads;

    LocalDaySums(DSLContext dsl, RenderedReads reads) {
        this.dsl = dsl;
        this.reads = reads;
    }

    /** The table that answers {@code query} (see the class's table). */
    static SumsTable tableFor(LocalDayQuery query, boolean utcDays) {
        boolean byInstance = query.instanceId().isPresent() || query.grouping() == UsageGrouping.DAY_INSTANCE;
        boolean byModel = query.model().isPresent() || query.grouping() == UsageGrouping.DAY_MODEL;
        if (byInstance && byModel) {
            return INSTANCE_QUARTER_HOURS;
        }
        if (utcDays) {
            return byInstance ? INSTANCE_SUMS : byModel ? MODEL_SUMS : ACCOUNT_SUMS;
        }
        return byInstance ? INSTANCE_QUARTER_HOURS : byModel ? MODEL_QUARTER_HOURS : DAY_BLOCKS;
    }

    /**
     * Hands {@code rows} the query's rows in {@link DayUsage#ORDER} (a day, or a group of it, only when its sums are
     * not all zero). Three reads, by what answers the query:
     * <ul>
     *   <li>UTC days ({@link #utcDays}): the UTC-day sums' rows as they are, one per day (and group);</li>
     *   <li>another zone, all instances and models by day: each UTC day's block and, per local midnight, the blocks
     *       of its UTC day's quarter hours before it ({@link #dayBlocks});</li>
     *   <li>another zone, of an instance or a model or grouped by them: every quarter hour of the range
     *       ({@link #quarterHours}).</li>
     * </ul>
     * A grouped read (the export's {@code day,instance} and {@code day,model}) is streamed ({@link
     * RenderedReads#stream}: a cursor in a read transaction); one row per day at most (the chart, the export by day)
     * is a plain read of at most 366 rows, with no transaction to open and commit.
     */
    void read(LocalDayQuery query, Consumer<DayUsage> rows) {
        boolean utcDays = DaySegments.areUtcDays(query.days(), query.zone());
        SumsTable table = tableFor(query, utcDays);
        Binds binds = new Binds().with(ACCOUNT, query.accountId());
        query.instanceId().ifPresent(id -> binds.with(INSTANCE, id));
        query.model().ifPresent(model -> binds.with(MODEL, model));
        String filters = (query.instanceId().isPresent() ? " of an instance" : "")
                + (query.model().isPresent() ? " of a model" : "");
        switch (table.grain()) {
            case DAY -> utcDays(query, table, binds, filters, rows);
            case DAY_BLOCK -> dayBlocks(query, binds, rows);
            case QUARTER_HOUR -> quarterHours(query, table, binds, filters, rows);
        }
    }

    /**
     * Days that are UTC days, from the UTC-day sums, whose key makes each row one day (and group):
     * <pre>
     * SELECT usage_day, [instance_id | model AS group_key,] tokens, …, cost_micros FROM &lt;table&gt;
     * WHERE account_id = :account AND usage_day BETWEEN :first AND :last [AND instance_id = :instance]
     *   [AND model = :model]
     * ORDER BY usage_day
     * </pre>
     */
    private void utcDays(LocalDayQuery query, SumsTable table, Binds binds, String filters,
                         Consumer<DayUsage> rows) {
        Field<String> groupColumn = groupColumn(table, query.grouping());
        List<Condition> where = new ArrayList<>(List.of(table.accountId().eq(param(ACCOUNT)),
                table.day().between(param(FIRST), param(LAST))));
        where.addAll(filters(table, query));
        binds.with(FIRST, query.days().from()).with(LAST, query.days().to());
        List<SelectField<?>> fields = new ArrayList<>(List.of(table.day()));
        if (groupColumn != null) {
            fields.add(groupColumn.as(ROW_GROUP.getName()));
        }
        fields.addAll(table.measures());
        DayGroups groups = new DayGroups(groupColumn != null, query.grouping(), rows,
                r -> r.get(table.day()), ROW_GROUP, table.measures());
        run("local days of " + table.table().getName() + " by " + query.grouping() + filters,
                () -> dsl.select(fields).from(table.table()).where(where).orderBy(table.day()), binds,
                query.grouping(), groups);
        groups.flush();
    }

    /**
     * A zone not on UTC days, all instances and models by day. With {@code S(m)} the usage from the range's first UTC
     * day up to the instant {@code m}, a local day {@code [m, m')} holds {@code S(m') − S(m)}, and {@code S(m)} is
     * the UTC days before {@code m}'s (each its {@link DayBlocks#WHOLE_DAY} block) plus the first {@code k} quarter
     * hours of {@code m}'s ({@code m} at quarter {@code k} of its UTC day: at most 6 blocks). The midnights of a
     * range fall at one or two {@code k} (a zone's standard and daylight-saving offsets; a few more where it changed
     * them), so each UTC day is read as one row: the day, and its first {@code k} quarter hours for each such
     * {@code k}:
     * <pre>
     * SELECT usage_day,
     *        CAST(sum(CASE WHEN block_end = 128 THEN tokens END) AS BIGINT) AS day_tokens, …,
     *        CAST(sum(CASE WHEN block_end IN (:k0_block_0, …) THEN tokens END) AS BIGINT) AS before_0_tokens, …, …
     * FROM usage_day_block
     * WHERE account_id = :account AND block_end IN (:block_0, …) AND usage_day BETWEEN :first AND :last
     * GROUP BY usage_day
     * </pre>
     * where {@code :first} and {@code :last} are the UTC days of the range's first and last midnight (the end of its
     * last day) and {@code :block_i} every block the statement sums. Asia/Kolkata, 90 days: 91 rows from 4 × 91
     * block rows in four index descents; no join, and an aggregate of a few hundred rows, so the plan PostgreSQL
     * keeps for the prepared statement costs what the plan for the values would. Exact for every zone: a 23-hour day
     * may start and end inside one UTC day (two midnights' {@code k} in one row), a skipped date has no midnight of
     * its own.
     */
    private void dayBlocks(LocalDayQuery query, Binds binds, Consumer<DayUsage> rows) {
        List<LocalDate> dates = new ArrayList<>();
        List<Long> midnights = new ArrayList<>(); // quarter-hour indexes: each day's start, then the last day's end
        for (LocalDay day : query.days().localDays(query.zone())) {
            if (!day.isSkipped()) {
                dates.add(day.date());
                midnights.add(QuarterHour.containing(day.start()).index());
            }
        }
        if (dates.isEmpty()) {
            return; // only skipped dates: no instant belongs to them
        }
        midnights.add(QuarterHour.containing(LocalDay.of(dates.get(dates.size() - 1), query.zone()).end()).index());
        List<Integer> offsets = midnights.stream().map(LocalDaySums::quarterOfDay).filter(k -> k > 0).distinct()
                .sorted().toList(); // the k of the midnights not at a UTC midnight, each summed as one column set
        long firstDay = utcDay(midnights.get(0));
        binds.with(FIRST, LocalDate.ofEpochDay(firstDay))
                .with(LAST, LocalDate.ofEpochDay(utcDay(midnights.get(midnights.size() - 1))));
        SumsTable table = DAY_BLOCKS;
        List<SelectField<?>> fields = new ArrayList<>(List.of(table.day()));
        for (Field<Long> m : table.measures()) {
            fields.add(DSL.sum(DSL.when(table.blockEnd().eq(DSL.inline(DayBlocks.WHOLE_DAY)), m))
                    .cast(SQLDataType.BIGINT).as("day_" + m.getName()));
        }
        TreeSet<Integer> read = new TreeSet<>(List.of(DayBlocks.WHOLE_DAY));
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < offsets.size(); i++) {
            List<Field<Integer>> blocks = new ArrayList<>();
            for (int block : DayBlocks.firstQuarters(offsets.get(i))) {
                Binds.Name<Integer> name = Binds.Name.of("k" + i + "_block_" + blocks.size(),
                        USAGE_DAY_BLOCK.BLOCK_END);
                binds.with(name, block);
                blocks.add(param(name));
                read.add(block);
            }
            sizes.add(blocks.size());
            for (Field<Long> m : table.measures()) {
                fields.add(DSL.sum(DSL.when(table.blockEnd().in(blocks), m)).cast(SQLDataType.BIGINT)
                        .as("before_" + i + "_" + m.getName()));
            }
        }
        List<Field<Integer>> readParams = new ArrayList<>();
        for (int block : read) {
            Binds.Name<Integer> name = Binds.Name.of("block_" + readParams.size(), USAGE_DAY_BLOCK.BLOCK_END);
            binds.with(name, block);
            readParams.add(param(name));
        }
        Map<Long, long[]> byDay = new HashMap<>(); // UTC day → the day's sums, then each offset's first quarter hours
        int width = SUMS.size() * (1 + offsets.size());
        reads.fetch("local days of usage_day_block, blocks " + read.size() + " before midnights " + sizes,
                () -> dsl.select(fields).from(table.table())
                        .where(table.accountId().eq(param(ACCOUNT)), table.blockEnd().in(readParams),
                                table.day().between(param(FIRST), param(LAST)))
                        .groupBy(table.day()),
                binds).forEach(r -> {
                    // by position, as selected: a jOOQ record's get(field) compares names
                    long[] sums = new long[width];
                    for (int i = 0; i < width; i++) {
                        Object sum = r.get(1 + i);
                        sums[i] = sum == null ? 0 : ((Number) sum).longValue();
                    }
                    byDay.put(((LocalDate) r.get(0)).toEpochDay(), sums);
                });
        long[] utcDaysBefore = new long[SUMS.size()]; // the UTC days from the first up to the midnight's, excluded
        long nextUtcDay = firstDay;
        long[] atPrevious = null;
        for (int i = 0; i < midnights.size(); i++) {
            long midnight = midnights.get(i);
            for (; nextUtcDay < utcDay(midnight); nextUtcDay++) {
                add(utcDaysBefore, byDay.get(nextUtcDay), 0);
            }
            long[] at = utcDaysBefore.clone();
            int k = quarterOfDay(midnight);
            if (k > 0) {
                add(at, byDay.get(utcDay(midnight)), SUMS.size() * (1 + offsets.indexOf(k)));
            }
            if (atPrevious != null) {
                long[] day = at.clone();
                for (int m = 0; m < day.length; m++) {
                    day[m] = Math.subtractExact(day[m], atPrevious[m]);
                }
                UsageMeasures sums = new UsageMeasures(day[0], day[1], day[2], day[3], day[4], day[5], day[6],
                        Money.ofMicros(day[7]));
                if (!sums.isZero()) {
                    rows.accept(new DayUsage(dates.get(i - 1), null, sums));
                }
            }
            atPrevious = at;
        }
    }

    private static long utcDay(long quarterHour) {
        return Math.floorDiv(quarterHour, DayBlocks.QUARTERS);
    }

    private static int quarterOfDay(long quarterHour) {
        return (int) Math.floorMod(quarterHour, DayBlocks.QUARTERS);
    }

    /** {@code into} plus the measures of a day's row from column {@code from} on (no row: nothing), exactly. */
    private static void add(long[] into, long[] row, int from) {
        if (row != null) {
            for (int i = 0; i < into.length; i++) {
                into[i] = Math.addExact(into[i], row[from + i]);
            }
        }
    }

    /**
     * Every quarter hour of the range, each given its local date in SQL ({@link DaySegments}) and summed there:
     * <pre>
     * SELECT t.day, [t.group_key,] CAST(sum(t.tokens) AS BIGINT) AS tokens, …
     * FROM (SELECT &lt;day&gt; AS day, [instance_id | model AS group_key,] tokens, …, cost_micros
     *       FROM &lt;table&gt;
     *       WHERE account_id = :account AND quarter_hour &gt;= :from_bucket AND quarter_hour &lt; :end_bucket
     *         [AND instance_id = :instance] [AND model = :model]) AS t
     * GROUP BY t.day [, t.group_key] ORDER BY t.day
     * </pre>
     * where {@code <day>} is the epoch day {@code CASE WHEN quarter_hour < :seg_end_0 THEN :seg_day_0 +
     * (quarter_hour − :seg_start_0) / :seg_length_0 WHEN … END} over the range's {@link DaySegments}.
     */
    private void quarterHours(LocalDayQuery query, SumsTable table, Binds binds, String filters,
                              Consumer<DayUsage> rows) {
        List<DaySegments> segments = DaySegments.of(query.days(), query.zone());
        if (segments.isEmpty()) {
            return; // only skipped dates: no instant belongs to them
        }
        Field<String> groupColumn = groupColumn(table, query.grouping());
        List<Condition> where = new ArrayList<>(List.of(table.accountId().eq(param(ACCOUNT))));
        Field<?> day = dayOfBucket(table.quarterHour(), segments, binds);
        where.add(table.quarterHour().ge(bigint(FROM_BUCKET)));
        where.add(table.quarterHour().lt(bigint(END_BUCKET)));
        where.addAll(filters(table, query));
        binds.with(FROM_BUCKET, segments.get(0).start())
                .with(END_BUCKET, segments.get(segments.size() - 1).end());
        DayGroups groups = new DayGroups(groupColumn != null, query.grouping(), rows,
                r -> LocalDate.ofEpochDay(r.get(DAY_NUMBER)), GROUP, SUMS);
        run("local days of " + table.table().getName() + " by " + query.grouping() + " segments "
                        + segments.size() + filters,
                () -> statement(table, day, groupColumn, where), binds, query.grouping(), groups);
        groups.flush();
    }

    /** Streams a grouped read; reads one of at most a row per day whole (no cursor, so no transaction). */
    private void run(String shape, Supplier<? extends ResultQuery<?>> statement, Binds binds, UsageGrouping grouping,
                     Consumer<Record> rows) {
        if (grouping.isGrouped()) {
            reads.stream(shape, statement, binds, rows);
        } else {
            reads.fetch(shape, statement, binds).forEach(rows);
        }
    }

    private static Field<String> groupColumn(SumsTable table, UsageGrouping grouping) {
        return switch (grouping) {
            case DAY -> null;
            case DAY_INSTANCE -> table.instanceId();
            case DAY_MODEL -> table.model();
        };
    }

    private static List<Condition> filters(SumsTable table, LocalDayQuery query) {
        List<Condition> filters = new ArrayList<>();
        if (query.instanceId().isPresent()) {
            filters.add(table.instanceId().eq(param(INSTANCE)));
        }
        if (query.model().isPresent()) {
            filters.add(table.model().eq(param(MODEL)));
        }
        return filters;
    }

    private ResultQuery<Record> statement(SumsTable table, Field<?> day, Field<String> groupColumn,
                                          List<Condition> where) {
        List<SelectField<?>> inner = new ArrayList<>();
        inner.add(day.as("day"));
        if (groupColumn != null) {
            inner.add(groupColumn.as("group_key"));
        }
        inner.addAll(table.measures());
        List<SelectField<?>> outer = new ArrayList<>(List.of(DAY_NUMBER));
        List<Field<?>> groupBy = new ArrayList<>(List.of(DAY_NUMBER));
        if (groupColumn != null) {
            outer.add(GROUP);
            groupBy.add(GROUP);
        }
        for (Field<Long> measure : table.measures()) {
            outer.add(DSL.sum(DSL.field(DSL.name("t", measure.getName()), Long.class)).cast(SQLDataType.BIGINT)
                    .as(measure.getName()));
        }
        return dsl.select(outer)
                .from(dsl.select(inner).from(table.table()).where(where).asTable("t"))
                .groupBy(groupBy)
                .orderBy(DAY_NUMBER);
    }

    /** The epoch day of each bucket: {@code CASE WHEN q < :seg_end_i THEN :seg_day_i + (q − :seg_start_i) / …}. */
    private static Field<Long> dayOfBucket(Field<Long> bucket, List<DaySegments> segments, Binds binds) {
        CaseConditionStep<Long> choose = null;
        Field<Long> last = null;
        for (int i = 0; i < segments.size(); i++) {
            DaySegments segment = segments.get(i);
            Binds.Name<Long> start = name("seg_start_" + i);
            Binds.Name<Long> end = name("seg_end_" + i);
            Binds.Name<Long> firstDay = name("seg_day_" + i);
            Binds.Name<Long> length = name("seg_length_" + i);
            binds.with(start, segment.start()).with(firstDay, segment.firstDay()).with(length, segment.length());
            Field<Long> dayOf = bigint(firstDay).plus(bucket.minus(bigint(start)).div(bigint(length)));
            if (i == segments.size() - 1) {
                last = dayOf; // the range's end bounds the last segment
            } else {
                binds.with(end, segment.end());
                Condition inSegment = bucket.lt(bigint(end));
                choose = choose == null ? DSL.when(inSegment, dayOf) : choose.when(inSegment, dayOf);
            }
        }
        return choose == null ? last : choose.otherwise(last);
    }

    private static Binds.Name<Long> name(String name) {
        return Binds.Name.of(name, USAGE_INSTANCE_QUARTER_HOUR.QUARTER_HOUR);
    }

    /** A named BIGINT value, cast so that both engines do integer arithmetic with it. */
    private static Field<Long> bigint(Binds.Name<Long> name) {
        return DSL.cast(param(name), SQLDataType.BIGINT);
    }

    /** Collects one day's groups, then hands them over in key order (the model's "no model" last, as null). */
    private static final class DayGroups implements Consumer<Record> {

        private final boolean grouped;
        private final UsageGrouping grouping;
        private final Consumer<DayUsage> rows;
        private final Function<Record, LocalDate> dateOf;
        private final Field<String> key;
        private final List<Field<Long>> measures;
        private final List<DayUsage> day = new ArrayList<>();

        DayGroups(boolean grouped, UsageGrouping grouping, Consumer<DayUsage> rows,
                  Function<Record, LocalDate> dateOf, Field<String> key, List<Field<Long>> measures) {
            this.grouped = grouped;
            this.grouping = grouping;
            this.rows = rows;
            this.dateOf = dateOf;
            this.key = key;
            this.measures = measures;
        }

        @Override
        public void accept(Record r) {
            LocalDate date = dateOf.apply(r);
            if (!day.isEmpty() && !day.get(0).date().equals(date)) {
                flush();
            }
            String group = grouped ? r.get(key) : null;
            if (grouping == UsageGrouping.DAY_MODEL) {
                group = UsageTables.modelOf(group);
            }
            UsageMeasures sums = new UsageMeasures(r.get(measures.get(0)), r.get(measures.get(1)),
                    r.get(measures.get(2)), r.get(measures.get(3)), r.get(measures.get(4)), r.get(measures.get(5)),
                    r.get(measures.get(6)), Money.ofMicros(r.get(measures.get(7))));
            if (!sums.isZero()) {
                day.add(new DayUsage(date, group, sums));
            }
            if (!grouped) {
                flush();
            }
        }

        void flush() {
            day.sort(DayUsage.ORDER);
            day.forEach(rows);
            day.clear();
        }
    }

    /** A row's sums, by the measures' names. */
    static UsageMeasures measures(Record r) {
        return new UsageMeasures(sum(r, "tokens"), sum(r, "input_tokens"), sum(r, "output_tokens"),
                sum(r, "cached_input_tokens"), sum(r, "cache_write_tokens"), sum(r, "reasoning_tokens"),
                sum(r, "requests"), Money.ofMicros(sum(r, "cost_micros")));
    }

    private static long sum(Record r, String name) {
        return asLong(r.get(DSL.field(DSL.name(name), BigDecimal.class)));
    }
}

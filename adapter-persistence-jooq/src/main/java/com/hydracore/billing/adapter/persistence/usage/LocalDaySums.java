package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_QUARTER_HOUR;
import static com.hydracore.billing.adapter.persistence.sql.Binds.param;
import static com.hydracore.billing.adapter.persistence.usage.DistinctCounts.asLong;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.ACCOUNT;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.INSTANCE;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.LAST;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.ACCOUNT_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.INSTANCE_QUARTER_HOURS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.INSTANCE_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.MODEL_QUARTER_HOURS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.MODEL_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.QUARTER_HOURS;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.Grain;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.application.port.out.UsageSums.LocalDayQuery;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageGrouping;
import com.hydracore.billing.domain.usage.UsageMeasures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
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
 * that are exactly UTC days is read from the UTC-day sums; any other zone from the quarter-hour sums, each bucket
 * given its local date in SQL by {@link DaySegments}' arithmetic, and summed there, so the database answers one row
 * per day (and group) and reads 96 rows per day and grouping key whatever the number of events. The table is the one
 * whose key has the filter as a prefix:
 * <table>
 *   <caption>Which table answers</caption>
 *   <tr><th>filter or grouping</th><th>UTC days</th><th>other zones</th></tr>
 *   <tr><td>none</td><td>usage_account_daily</td><td>usage_quarter_hour</td></tr>
 *   <tr><td>instance</td><td>usage_daily</td><td>usage_instance_quarter_hour</td></tr>
 *   <tr><td>model</td><td>usage_model_daily</td><td>usage_model_quarter_hour</td></tr>
 *   <tr><td>instance and model</td><td colspan="2">usage_instance_quarter_hour</td></tr>
 * </table>
 */
final class LocalDaySums {

    private static final Field<LocalDate> DATE = DSL.field(DSL.name("t", "day"), LocalDate.class);
    private static final Field<Long> DAY_NUMBER = DSL.field(DSL.name("t", "day"), Long.class);
    private static final Field<String> GROUP = DSL.field(DSL.name("t", "group_key"), String.class);
    /** The first and the end (exclusive) bucket of the range. */
    private static final Binds.Name<Long> FROM_BUCKET = Binds.Name.of("from_bucket", USAGE_QUARTER_HOUR.QUARTER_HOUR);
    private static final Binds.Name<Long> END_BUCKET = Binds.Name.of("end_bucket", USAGE_QUARTER_HOUR.QUARTER_HOUR);
    private static final Binds.Name<String> MODEL = Binds.Name.of("model", USAGE_QUARTER_HOUR.ACCOUNT_ID);

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
        return byInstance ? INSTANCE_QUARTER_HOURS : byModel ? MODEL_QUARTER_HOURS : QUARTER_HOURS;
    }

    /**
     * Hands {@code rows} the query's rows in {@link DayUsage#ORDER}, streamed ({@link RenderedReads#stream}): the
     * database orders by day, and the groups of one day (its instances or models) are put in key order here, one day
     * at a time, so the order is Java's whatever the database's collation.
     * <pre>
     * SELECT t.day, [t.group_key,] sum(t.tokens) AS tokens, …, sum(t.cost_micros) AS cost_micros
     * FROM (SELECT &lt;day&gt; AS day, [instance_id | model AS group_key,] tokens, …, cost_micros
     *       FROM &lt;table&gt;
     *       WHERE account_id = :account AND &lt;bucket in the range&gt;
     *         [AND instance_id = :instance] [AND model = :model]) AS t
     * GROUP BY t.day [, t.group_key] ORDER BY t.day
     * </pre>
     * where, on UTC days, {@code <day>} is {@code usage_day} and the range {@code usage_day BETWEEN :first AND
     * :last}; on quarter hours, the range is {@code quarter_hour >= :from_bucket AND quarter_hour < :end_bucket} and
     * {@code <day>} the epoch day {@code CASE WHEN quarter_hour < :seg_end_0 THEN :seg_day_0 + (quarter_hour −
     * :seg_start_0) / :seg_length_0 WHEN … END} over the range's {@link DaySegments}.
     */
    void read(LocalDayQuery query, Consumer<DayUsage> rows) {
        boolean utcDays = DaySegments.areUtcDays(query.days(), query.zone());
        SumsTable table = tableFor(query, utcDays);
        List<DaySegments> segments = table.grain() == Grain.DAY ? List.of()
                : DaySegments.of(query.days(), query.zone());
        if (table.grain() == Grain.QUARTER_HOUR && segments.isEmpty()) {
            return; // only skipped dates: no instant belongs to them
        }
        Field<String> groupColumn = switch (query.grouping()) {
            case DAY -> null;
            case DAY_INSTANCE -> table.instanceId();
            case DAY_MODEL -> table.model();
        };
        Binds binds = new Binds().with(ACCOUNT, query.accountId());
        List<Condition> where = new ArrayList<>(List.of(table.accountId().eq(param(ACCOUNT))));
        Field<?> day;
        if (table.grain() == Grain.DAY) {
            day = table.day();
            where.add(table.day().between(param(FIRST), param(LAST)));
            binds.with(FIRST, query.days().from()).with(LAST, query.days().to());
        } else {
            day = dayOfBucket(table.quarterHour(), segments, binds);
            where.add(table.quarterHour().ge(bigint(FROM_BUCKET)));
            where.add(table.quarterHour().lt(bigint(END_BUCKET)));
            binds.with(FROM_BUCKET, segments.get(0).start())
                    .with(END_BUCKET, segments.get(segments.size() - 1).end());
        }
        if (query.instanceId().isPresent()) {
            where.add(table.instanceId().eq(param(INSTANCE)));
            binds.with(INSTANCE, query.instanceId().get());
        }
        if (query.model().isPresent()) {
            where.add(table.model().eq(param(MODEL)));
            binds.with(MODEL, query.model().get());
        }
        String shape = "local days of " + table.table().getName() + " by " + query.grouping() + " segments "
                + segments.size() + (query.instanceId().isPresent() ? " of an instance" : "")
                + (query.model().isPresent() ? " of a model" : "");
        Field<?> dayField = day;
        DayGroups groups = new DayGroups(table.grain(), groupColumn != null, query.grouping(), rows);
        reads.stream(shape, () -> statement(table, dayField, groupColumn, where), binds, groups);
        groups.flush();
    }

    private ResultQuery<Record> statement(SumsTable table, Field<?> day, Field<String> groupColumn,
                                          List<Condition> where) {
        List<SelectField<?>> inner = new ArrayList<>();
        inner.add(day.as("day"));
        if (groupColumn != null) {
            inner.add(groupColumn.as("group_key"));
        }
        inner.addAll(table.measures());
        List<SelectField<?>> outer = new ArrayList<>();
        Field<?> dayOut = table.grain() == Grain.DAY ? DATE : DAY_NUMBER;
        outer.add(dayOut);
        List<Field<?>> groupBy = new ArrayList<>(List.of(dayOut));
        if (groupColumn != null) {
            outer.add(GROUP);
            groupBy.add(GROUP);
        }
        for (Field<Long> measure : table.measures()) {
            outer.add(DSL.sum(DSL.field(DSL.name("t", measure.getName()), Long.class)).as(measure.getName()));
        }
        return dsl.select(outer)
                .from(dsl.select(inner).from(table.table()).where(where).asTable("t"))
                .groupBy(groupBy)
                .orderBy(dayOut);
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
        return Binds.Name.of(name, USAGE_QUARTER_HOUR.QUARTER_HOUR);
    }

    /** A named BIGINT value, cast so that both engines do integer arithmetic with it. */
    private static Field<Long> bigint(Binds.Name<Long> name) {
        return DSL.cast(param(name), SQLDataType.BIGINT);
    }

    /** Collects one day's groups, then hands them over in key order (the model's "no model" last, as null). */
    private static final class DayGroups implements Consumer<Record> {

        private final Grain grain;
        private final boolean grouped;
        private final UsageGrouping grouping;
        private final Consumer<DayUsage> rows;
        private final List<DayUsage> day = new ArrayList<>();

        DayGroups(Grain grain, boolean grouped, UsageGrouping grouping, Consumer<DayUsage> rows) {
            this.grain = grain;
            this.grouped = grouped;
            this.grouping = grouping;
            this.rows = rows;
        }

        @Override
        public void accept(Record r) {
            LocalDate date = grain == Grain.DAY ? r.get(DATE) : LocalDate.ofEpochDay(r.get(DAY_NUMBER));
            if (!day.isEmpty() && !day.get(0).date().equals(date)) {
                flush();
            }
            String key = grouped ? r.get(GROUP) : null;
            if (grouping == UsageGrouping.DAY_MODEL) {
                key = UsageTables.modelOf(key);
            }
            day.add(new DayUsage(date, key, measures(r)));
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

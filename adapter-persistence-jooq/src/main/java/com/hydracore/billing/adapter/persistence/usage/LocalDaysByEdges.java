package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.sql.Binds.param;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.ACCOUNT;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.INSTANCE;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.LAST;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.Unnest;
import com.hydracore.billing.adapter.persistence.usage.LocalMidnights.Midnight;
import com.hydracore.billing.adapter.persistence.usage.LocalMidnights.Side;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageGrouping;
import com.hydracore.billing.domain.usage.UsageMeasures;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The local days of a zone not on UTC days, read from the UTC-day sums plus the quarter hours on the short side of
 * each local midnight ({@link LocalMidnights}): for a 90-day chart in Asia/Kolkata, 91 daily rows and 91 × 22
 * quarter hours instead of 90 × 96. One statement, so both come from one snapshot; the local days are put together
 * here, one UTC day at a time, with each group's running sums (so memory grows with the groups, never the range).
 * A group is handed over for a day when its sums there are not all zero (rollup rows keep sums, not event counts).
 */
final class LocalDaysByEdges {

    /** Each edge: its midnight's bucket, its UTC day (epoch day), and the quarter hours read, {@code [from, end)}. */
    static final Binds.Name<Long[]> EDGE_ID = new Binds.Name<>("edge_id", Unnest.bigintArray());
    static final Binds.Name<Long[]> EDGE_DAY = new Binds.Name<>("edge_day", Unnest.bigintArray());
    static final Binds.Name<Long[]> EDGE_FROM = new Binds.Name<>("edge_from", Unnest.bigintArray());
    static final Binds.Name<Long[]> EDGE_END = new Binds.Name<>("edge_end", Unnest.bigintArray());
    private static final Field<Long> E_ID = DSL.field(DSL.name("e", "id"), Long.class);
    private static final Field<Long> E_DAY = DSL.field(DSL.name("e", "utc_day"), Long.class);
    private static final Field<Long> E_FROM = DSL.field(DSL.name("e", "from_bucket"), Long.class);
    private static final Field<Long> E_END = DSL.field(DSL.name("e", "end_bucket"), Long.class);
    private static final Field<Long> X_ID = DSL.field(DSL.name("x", "edge_id"), Long.class);
    private static final Field<LocalDate> X_DAY = DSL.field(DSL.name("x", "edge_day"), LocalDate.class);
    private static final Field<String> X_KEY = DSL.field(DSL.name("x", "edge_key"), String.class);
    private static final Field<String> GROUP = DSL.field(DSL.name("group_key"), String.class);
    private static final Binds.Name<String> MODEL = LocalDaySums.MODEL;
    private static final int MEASURES = 8;

    private LocalDaysByEdges() {
    }

    /**
     * The statement: each UTC day's row of {@code daily} (per group), with the sums of the quarter hours of each edge
     * in that day, if any, of the same group.
     * <pre>
     * SELECT d.usage_day, [d.&lt;group&gt; AS group_key,] d.tokens, …, d.cost_micros,
     *        x.edge_id, x.edge_tokens, …, x.edge_cost_micros
     * FROM &lt;daily&gt; d LEFT JOIN (
     *     SELECT e.id AS edge_id, DATE '1970-01-01' + CAST(e.utc_day AS INTEGER) AS edge_day, [q.&lt;group&gt; AS edge_key,]
     *            CAST(sum(q.tokens) AS BIGINT) AS edge_tokens, …
     *     FROM unnest(:edge_id, :edge_day, :edge_from, :edge_end) AS e(id, utc_day, from_bucket, end_bucket),
     *          &lt;quarter hours&gt; q
     *     WHERE q.account_id = :account AND q.quarter_hour &gt;= e.from_bucket AND q.quarter_hour &lt; e.end_bucket
     *       [AND q.instance_id = :instance] [AND q.model = :model]
     *     GROUP BY e.id, e.utc_day [, q.&lt;group&gt;]) x
     *   ON x.edge_day = d.usage_day [AND x.edge_key = d.&lt;group&gt;]
     * WHERE d.account_id = :account AND d.usage_day BETWEEN :first AND :last
     *   [AND d.instance_id = :instance] [AND d.model = :model]
     * ORDER BY d.usage_day
     * </pre>
     * An edge's quarter hours lie in one UTC day, and its groups are among that day's, so the left join loses
     * nothing; a UTC day with two edges (a 23-hour day) comes twice, once per edge.
     */
    static ResultQuery<Record> statement(DSLContext dsl, SumsTable daily, SumsTable quarters,
                                         UsageGrouping grouping, boolean ofInstance, boolean ofModel) {
        Field<String> dailyKey = keyOf(daily, grouping);
        Field<String> quarterKey = keyOf(quarters, grouping);
        Table<?> edges = DSL.table("unnest({0}, {1}, {2}, {3})", param(EDGE_ID), param(EDGE_DAY), param(EDGE_FROM),
                param(EDGE_END)).as("e", "id", "utc_day", "from_bucket", "end_bucket");
        List<SelectField<?>> edgeFields = new ArrayList<>(List.of(E_ID.as("edge_id"),
                DSL.localDateAdd(DSL.inline(LocalDate.EPOCH), E_DAY.cast(SQLDataType.INTEGER)).as("edge_day")));
        List<Field<?>> edgeGroups = new ArrayList<>(List.of(E_ID, E_DAY));
        if (quarterKey != null) {
            edgeFields.add(quarterKey.as("edge_key"));
            edgeGroups.add(quarterKey);
        }
        for (Field<Long> m : quarters.measures()) {
            edgeFields.add(DSL.sum(m).cast(SQLDataType.BIGINT).as("edge_" + m.getName()));
        }
        List<Condition> edgeWhere = new ArrayList<>(List.of(quarters.accountId().eq(param(ACCOUNT)),
                quarters.quarterHour().ge(E_FROM), quarters.quarterHour().lt(E_END)));
        List<Condition> where = new ArrayList<>(List.of(daily.accountId().eq(param(ACCOUNT)),
                daily.day().between(param(FIRST), param(LAST))));
        if (ofInstance) {
            edgeWhere.add(quarters.instanceId().eq(param(INSTANCE)));
            where.add(daily.instanceId().eq(param(INSTANCE)));
        }
        if (ofModel) {
            edgeWhere.add(quarters.model().eq(param(MODEL)));
            where.add(daily.model().eq(param(MODEL)));
        }
        Table<?> x = dsl.select(edgeFields).from(edges, quarters.table()).where(edgeWhere).groupBy(edgeGroups)
                .asTable("x");
        Condition on = X_DAY.eq(daily.day());
        List<SelectField<?>> fields = new ArrayList<>(List.of(daily.day()));
        if (dailyKey != null) {
            fields.add(dailyKey.as(GROUP.getName()));
            on = on.and(X_KEY.eq(dailyKey));
        }
        fields.addAll(daily.measures());
        fields.add(X_ID);
        fields.addAll(edgeMeasures(daily));
        return dsl.select(fields).from(daily.table().leftJoin(x).on(on)).where(where).orderBy(daily.day());
    }

    /** The edges' values: {@code :edge_id}, {@code :edge_day}, {@code :edge_from}, {@code :edge_end}. */
    static void bind(Binds binds, LocalMidnights midnights) {
        List<Midnight> edges = midnights.edges();
        binds.with(EDGE_ID, edges.stream().map(Midnight::bucket).toArray(Long[]::new))
                .with(EDGE_DAY, edges.stream().map(Midnight::utcDay).toArray(Long[]::new))
                .with(EDGE_FROM, edges.stream().map(Midnight::from).toArray(Long[]::new))
                .with(EDGE_END, edges.stream().map(Midnight::end).toArray(Long[]::new))
                .with(FIRST, midnights.firstUtcDay()).with(LAST, midnights.lastUtcDay());
    }

    private static Field<String> keyOf(SumsTable table, UsageGrouping grouping) {
        return switch (grouping) {
            case DAY -> null;
            case DAY_INSTANCE -> table.instanceId();
            case DAY_MODEL -> table.model();
        };
    }

    private static List<Field<Long>> edgeMeasures(SumsTable table) {
        return table.measures().stream()
                .map(m -> DSL.field(DSL.name("x", "edge_" + m.getName()), Long.class)).toList();
    }

    /**
     * Puts the local days together from the statement's rows, as they come: per UTC day (in order, days without rows
     * too), the midnights early in it ({@link Side#NONE}, {@link Side#PREFIX}) are reached before its sums are added
     * to the running ones, those late in it ({@link Side#SUFFIX}) after; reaching midnight {@code i} hands over the
     * day ending there, {@code S(i) − S(i − 1)} per group.
     */
    static final class Assembly implements Consumer<Record> {

        private final LocalMidnights midnights;
        private final SumsTable daily;
        private final List<Field<Long>> dailyMeasures;
        private final List<Field<Long>> edgeMeasures;
        private final UsageGrouping grouping;
        private final Consumer<DayUsage> rows;
        private final Map<String, long[]> running = new HashMap<>();
        private Map<String, long[]> atLastMidnight = new HashMap<>();
        private final Map<String, long[]> dayRows = new HashMap<>();
        private final Map<Long, Map<String, long[]>> edgeRows = new HashMap<>();
        private long bufferedDay = Long.MIN_VALUE;
        private long nextDay;
        private int nextMidnight;

        Assembly(LocalMidnights midnights, SumsTable daily, UsageGrouping grouping, Consumer<DayUsage> rows) {
            this.midnights = midnights;
            this.daily = daily;
            this.dailyMeasures = daily.measures();
            this.edgeMeasures = edgeMeasures(daily);
            this.grouping = grouping;
            this.rows = rows;
            this.nextDay = midnights.firstUtcDay().toEpochDay();
        }

        @Override
        public void accept(Record r) {
            long day = r.get(daily.day()).toEpochDay();
            if (day != bufferedDay) {
                advanceTo(day);
                bufferedDay = day;
            }
            String key = grouping == UsageGrouping.DAY ? null : r.get(GROUP);
            dayRows.put(key, values(r, dailyMeasures));
            Long edge = r.get(X_ID);
            if (edge != null) {
                edgeRows.computeIfAbsent(edge, e -> new HashMap<>()).put(key, values(r, edgeMeasures));
            }
        }

        /** Reaches the range's last midnight. */
        void finish() {
            advanceTo(midnights.lastUtcDay().toEpochDay() + 1);
        }

        /** Takes every UTC day before {@code day}, the buffered one with its rows, the others without. */
        private void advanceTo(long day) {
            for (; nextDay < day; nextDay++) {
                boolean withRows = nextDay == bufferedDay;
                while (reached(nextDay, Side.SUFFIX, false)) {
                    reach(withRows, 1);
                }
                if (withRows) {
                    dayRows.forEach((key, sums) -> add(running.computeIfAbsent(key, k -> new long[MEASURES]), sums,
                            1));
                }
                while (reached(nextDay, Side.SUFFIX, true)) {
                    reach(withRows, -1);
                }
            }
            dayRows.clear();
            edgeRows.clear();
        }

        /** Whether the next midnight is in {@code day} and on the given side of the day's sums. */
        private boolean reached(long day, Side side, boolean onThatSide) {
            if (nextMidnight >= midnights.midnights().size()) {
                return false;
            }
            Midnight m = midnights.midnights().get(nextMidnight);
            return m.utcDay() == day && (m.side() == side) == onThatSide;
        }

        /** {@code S} at the next midnight: the running sums, plus its prefix or minus its suffix ({@code sign}). */
        private void reach(boolean withRows, int sign) {
            Midnight m = midnights.midnights().get(nextMidnight);
            Map<String, long[]> edge = withRows ? edgeRows.getOrDefault(m.bucket(), Map.of()) : Map.of();
            Map<String, long[]> here = new HashMap<>();
            running.forEach((key, sums) -> here.put(key, sums.clone()));
            edge.forEach((key, sums) -> add(here.computeIfAbsent(key, k -> new long[MEASURES]), sums, sign));
            if (nextMidnight > 0) {
                handOver(midnights.dates().get(nextMidnight - 1), here);
            }
            atLastMidnight = here;
            nextMidnight++;
        }

        private void handOver(LocalDate date, Map<String, long[]> here) {
            Set<String> keys = new HashSet<>(here.keySet());
            keys.addAll(atLastMidnight.keySet());
            List<DayUsage> day = new ArrayList<>();
            for (String key : keys) {
                long[] sums = here.getOrDefault(key, new long[MEASURES]).clone();
                add(sums, atLastMidnight.getOrDefault(key, new long[MEASURES]), -1);
                UsageMeasures measures = new UsageMeasures(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5],
                        sums[6], Money.ofMicros(sums[7]));
                if (!measures.isZero()) {
                    day.add(new DayUsage(date, grouping == UsageGrouping.DAY_MODEL ? UsageTables.modelOf(key) : key,
                            measures));
                }
            }
            day.sort(DayUsage.ORDER);
            day.forEach(rows);
        }

        private static long[] values(Record r, List<Field<Long>> fields) {
            long[] values = new long[MEASURES];
            for (int i = 0; i < MEASURES; i++) {
                values[i] = r.get(fields.get(i));
            }
            return values;
        }

        private static void add(long[] into, long[] sums, int sign) {
            for (int i = 0; i < MEASURES; i++) {
                into[i] = Math.addExact(into[i], sign * sums[i]);
            }
        }
    }
}

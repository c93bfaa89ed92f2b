package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOST_NODE;
import static com.hydracore.billing.adapter.persistence.sql.Binds.param;
import static com.hydracore.billing.adapter.persistence.usage.DistinctCounts.asLong;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.ACCOUNT;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.END;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.END_DAY;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST_DAY;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.ACCOUNT_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.CONVERSATIONS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.END_USERS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.INSTANCE_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.MODEL_SUMS;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.Engine;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.LastDayCounts;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.application.port.out.BillingPageReads;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.UsageMeasures;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The billing page's usage reads, each in one statement: one round trip, one pooled connection and one snapshot
 * instead of four (the breakdown) or two (the overview). Each part is the statement of {@link JooqUsageSums} or
 * {@link com.hydracore.billing.adapter.persistence.store.JooqInventory} that answers it alone, so the parts read the
 * same rows as before (a number bounded by instances × days, whatever the number of events); the page reads'
 * contract ({@code BillingPageReadsContract}) holds both to the same answers. The month rows of {@link DistinctCounts}
 * are read, by a second statement, only when its rule does not hold, as the totals do. On PostgreSQL each answer is
 * kept while the page's rows are unchanged ({@link RowVersions}): a page loaded again costs one cheap statement.
 */
public final class PageReads implements BillingPageReads {

    private static final Field<String> PART = DSL.field(DSL.name("part"), String.class);
    private static final Field<String> KEY = DSL.field(DSL.name("key"), String.class);
    private static final Field<String> NAME = DSL.field(DSL.name("name"), String.class);
    private static final Field<String> STATUS = DSL.field(DSL.name("status"), String.class);
    private static final Field<BigDecimal> TOKENS = DSL.field(DSL.name("tokens"), BigDecimal.class);
    private static final Field<BigDecimal> REQUESTS = DSL.field(DSL.name("requests"), BigDecimal.class);
    private static final Field<BigDecimal> COST_MICROS = DSL.field(DSL.name("cost_micros"), BigDecimal.class);
    private static final Field<Integer> ACTIVE_INSTANCES = DSL.field(DSL.name("active_instances"), Integer.class);
    private static final Field<Integer> NODES = DSL.field(DSL.name("nodes"), Integer.class);
    private static final Field<BigDecimal> HOSTED_SITES = DSL.field(DSL.name("hosted_sites"), BigDecimal.class);
    private static final Binds.Name<String> ACTIVE = Binds.Name.of("active", INSTANCE.STATUS);

    /** The parts of the breakdown statement, as its {@code part} column names them. */
    private static final String TOTALS = "totals";
    private static final String INSTANCE_SUMS_PART = "instance sums";
    private static final String INSTANCE_USERS = "instance users";
    private static final String MODEL = "model";
    private static final String INVENTORY = "inventory";

    private final DSLContext dsl;
    private final RenderedReads reads;
    private final DistinctCounts distinct;
    private final KeptAnswers<PeriodUsage> breakdowns;
    private final KeptAnswers<OverviewUsage> overviews;

    /** The page reads of {@code dsl}'s database, which runs on {@code engine}; versioned and kept on PostgreSQL. */
    public PageReads(DSLContext dsl, Engine engine) {
        this.dsl = dsl;
        this.reads = new RenderedReads(dsl);
        this.distinct = new DistinctCounts(dsl, reads);
        this.breakdowns = new KeptAnswers<>(dsl, reads, engine == Engine.POSTGRES, this::read,
                usage -> usage.instances().size() + usage.byInstance().size() + usage.byModel().size(),
                KeptAnswers.KEPT_BYTES);
        this.overviews = new KeptAnswers<>(dsl, reads, engine == Engine.POSTGRES, this::readOverview,
                overview -> 0, KeptAnswers.KEPT_BYTES);
    }

    /**
     * The breakdown: the five parts of the page as one {@code UNION ALL}, each row tagged with its part, every column
     * a part does not use NULL (the totals' columns keep their names, so {@link DistinctCounts} reads its rule from the
     * totals row as from the totals statement's):
     * <pre>
     * SELECT 'totals' AS part, NULL AS key, NULL AS name, NULL AS status,
     *        sum(tokens) AS tokens, NULL AS input_tokens, …, sum(requests) AS requests, sum(cost_micros) …,
     *        (…end users by last day, as JooqUsageSums#totals…) AS end_users_ids_last_seen_in,
     *        (…) AS end_users_days_last_seen_from_end, (…the same of conversations…),
     *        (…the versions of RowVersions…)   -- PostgreSQL; NULL on H2
     * FROM usage_account_daily WHERE account_id = :account AND usage_day &gt;= :first AND usage_day &lt; :end
     * UNION ALL
     * SELECT 'instance sums', instance_id, NULL, NULL, sum(tokens), NULL, …, sum(requests), sum(cost_micros), NULL, …
     * FROM usage_daily WHERE (the account and period, as above) GROUP BY instance_id
     * UNION ALL
     * SELECT 'instance users', instance_id, NULL, NULL, NULL, …,
     *        sum(CASE WHEN last_day &lt; :end_day THEN users END), count(CASE WHEN last_day &gt;= :end_day THEN 1 END),
     *        NULL, NULL
     * FROM instance_end_users_by_last_day
     * WHERE account_id = :account AND last_day &gt;= :first_day AND users &gt; 0 GROUP BY instance_id
     * UNION ALL
     * SELECT 'model', model, NULL, NULL, sum(tokens), sum(input_tokens), …, sum(cost_micros), NULL, …
     * FROM usage_model_daily WHERE (the account and period, as above) GROUP BY model
     * UNION ALL
     * SELECT 'inventory', instance_id, name, status, NULL, … FROM instance WHERE account_id = :account
     * </pre>
     * Per instance, the rule of {@link DistinctCounts} is judged as its {@code byInstance} judges it (no instance has
     * users whose last day is at or after the period's end); when it does not hold, the users per instance come from
     * {@link DistinctCounts#byInstance} (the month rows).
     *
     * <p>On PostgreSQL the last breakdown of each account and period is kept with the versions of the page's rows,
     * read in the same statement; the next one for them first reads those versions alone (one cheap statement, see
     * {@link RowVersions} for why that is exact whatever replica wrote) and, if none changed, answers what it kept:
     * the statement above aggregates about 1,100 rollup rows per request for a month of 20 instances.
     */
    @Override
    public PeriodUsage breakdown(String accountId, BillingPeriod period) {
        return breakdowns.get(accountId, period);
    }

    /** The breakdown, read from the database, with the versions of its rows (null on H2). */
    private KeptAnswers.Known<PeriodUsage> read(String accountId, BillingPeriod period) {
        Record totalsRow = null;
        List<Instance> instances = new ArrayList<>();
        Map<String, Record> sumsByInstance = new LinkedHashMap<>();
        Map<String, Integer> users = new HashMap<>();
        boolean ruleHolds = true;
        List<ModelUsage> models = new ArrayList<>();
        boolean versioned = breakdowns.versioned();
        for (Record row : reads.fetch("page breakdown", () -> breakdownStatement(versioned),
                binds(accountId, period))) {
            String key = text(row, KEY);
            switch (text(row, PART)) {
                case TOTALS -> totalsRow = row;
                case INSTANCE_SUMS_PART -> sumsByInstance.put(key, row);
                case INSTANCE_USERS -> {
                    users.put(key, Math.toIntExact(sum(row, USERS_LAST_SEEN_IN)));
                    ruleHolds &= sum(row, USERS_DAYS_FROM_END) == 0;
                }
                case MODEL -> models.add(new ModelUsage(UsageTables.modelOf(key), new UsageMeasures(
                        sum(row, TOKENS), sum(row, "input_tokens"), sum(row, "output_tokens"),
                        sum(row, "cached_input_tokens"), sum(row, "cache_write_tokens"),
                        sum(row, "reasoning_tokens"), sum(row, REQUESTS), Money.ofMicros(sum(row, COST_MICROS)))));
                case INVENTORY -> instances.add(new Instance(accountId, key, text(row, NAME),
                        InstanceStatus.fromWireName(text(row, STATUS)).orElseThrow(() -> new IllegalStateException(
                                "unknown instance status in database: " + text(row, STATUS)))));
                default -> throw new IllegalStateException("unknown part " + text(row, PART));
            }
        }
        UsageTotals totals = totalsOf(totalsRow, accountId, period);
        // the counts by last day were read above: when the rule fails, only the months are left to read
        Map<String, Integer> instanceUsers = ruleHolds ? users
                : distinct.byInstanceOverMonths(END_USERS, accountId, period);
        List<InstanceUsage> byInstance = new ArrayList<>();
        sumsByInstance.forEach((id, r) -> byInstance.add(new InstanceUsage(id, new UsageTotals(sum(r, TOKENS),
                sum(r, REQUESTS), Money.ofMicros(sum(r, COST_MICROS)), instanceUsers.getOrDefault(id, 0)))));
        // The inventory's order (String#compareTo), whatever the database's collation; the models' own order.
        instances.sort(Comparator.comparing(Instance::instanceId));
        models.sort(ModelUsage.ORDER);
        return new KeptAnswers.Known<>(versioned ? RowVersions.of(totalsRow) : null,
                new PeriodUsage(totals, instances, byInstance, models));
    }

    /**
     * The overview: the totals statement of {@link JooqUsageSums#totals} with the inventory's counts as three more
     * scalar subqueries:
     * <pre>
     * SELECT sum(tokens) AS tokens, sum(requests) AS requests, sum(cost_micros) AS cost_micros,
     *        (…end users and conversations by last day, as the totals…),
     *        (SELECT count(*) FROM instance WHERE account_id = :account AND status = :active) AS active_instances,
     *        (SELECT count(*) FROM webhost_node WHERE account_id = :account) AS nodes,
     *        (SELECT sum(hosted_sites) FROM webhost_node WHERE account_id = :account) AS hosted_sites,
     *        (…the versions of RowVersions…)   -- PostgreSQL; NULL on H2
     * FROM usage_account_daily WHERE account_id = :account AND usage_day &gt;= :first AND usage_day &lt; :end
     * </pre>
     * Kept on PostgreSQL like the breakdown.
     */
    @Override
    public OverviewUsage overview(String accountId, BillingPeriod period) {
        return overviews.get(accountId, period);
    }

    private KeptAnswers.Known<OverviewUsage> readOverview(String accountId, BillingPeriod period) {
        boolean versioned = overviews.versioned();
        Record row = reads.fetch("page overview", () -> {
            SumsTable sums = ACCOUNT_SUMS;
            List<SelectField<?>> fields = new ArrayList<>(List.of(DSL.sum(sums.tokens()).as(TOKENS),
                    DSL.sum(sums.requests()).as(REQUESTS), DSL.sum(sums.costMicros()).as(COST_MICROS),
                    DistinctCounts.idsLastSeenIn(END_USERS), DistinctCounts.daysLastSeenFromEnd(END_USERS),
                    DistinctCounts.idsLastSeenIn(CONVERSATIONS), DistinctCounts.daysLastSeenFromEnd(CONVERSATIONS),
                    DSL.field(DSL.selectCount().from(INSTANCE).where(INSTANCE.ACCOUNT_ID.eq(param(ACCOUNT)),
                            INSTANCE.STATUS.eq(param(ACTIVE)))).as(ACTIVE_INSTANCES),
                    DSL.field(DSL.selectCount().from(WEBHOST_NODE)
                            .where(WEBHOST_NODE.ACCOUNT_ID.eq(param(ACCOUNT)))).as(NODES),
                    DSL.field(DSL.select(DSL.sum(WEBHOST_NODE.HOSTED_SITES)).from(WEBHOST_NODE)
                            .where(WEBHOST_NODE.ACCOUNT_ID.eq(param(ACCOUNT)))).as(HOSTED_SITES)));
            fields.addAll(RowVersions.columns(versioned));
            return dsl.select(fields)
                    .from(sums.table())
                    .where(sums.accountId().eq(param(ACCOUNT)), sums.day().ge(param(FIRST)),
                            sums.day().lt(param(END)));
        }, binds(accountId, period).with(ACTIVE, InstanceStatus.ACTIVE.wireName())).get(0);
        return new KeptAnswers.Known<>(versioned ? RowVersions.of(row) : null, new OverviewUsage(
                totalsOf(row, accountId, period),
                new InventorySummary(sum(row, ACTIVE_INSTANCES), sum(row, NODES), sum(row, HOSTED_SITES))));
    }

    /** The period's totals from a row with the totals statement's columns ({@link JooqUsageSums#totals}). */
    private UsageTotals totalsOf(Record row, String accountId, BillingPeriod period) {
        return new UsageTotals(sum(row, TOKENS), sum(row, REQUESTS), Money.ofMicros(sum(row, COST_MICROS)),
                distinct.ofAccount(END_USERS, row, accountId, period),
                distinct.ofAccount(CONVERSATIONS, row, accountId, period));
    }

    /**
     * Columns are read by name: a record finds a Field by identity at once, any other only after comparing it with
     * each of its own, which jOOQ may do by rendering both to SQL (over half a breakdown's Java time, JFR).
     */
    private static String text(Record row, Field<String> column) {
        return row.get(column.getName(), String.class);
    }

    /** A sum or count, by name; NULL (SUM over no rows, or a column the row's part leaves out) as 0. */
    private static long sum(Record row, Field<?> column) {
        return sum(row, column.getName());
    }

    private static long sum(Record row, String column) {
        return asLong(row.get(column, BigDecimal.class));
    }

    private static Binds binds(String accountId, BillingPeriod period) {
        return new Binds().with(ACCOUNT, accountId).with(FIRST, period.firstDay()).with(END, period.endDay())
                .with(FIRST_DAY, DistinctCounts.dayOf(period.firstDay()))
                .with(END_DAY, DistinctCounts.dayOf(period.endDay()));
    }

    /** See {@link #breakdown}: the columns of every part, in one order; with the row versions when asked. */
    private Select<Record> breakdownStatement(boolean versioned) {
        SumsTable account = ACCOUNT_SUMS;
        SumsTable instance = INSTANCE_SUMS;
        SumsTable model = MODEL_SUMS;
        LastDayCounts counts = END_USERS.instance().counts();
        Columns totals = new Columns(TOTALS, DSL.castNull(SQLDataType.VARCHAR), DSL.castNull(SQLDataType.VARCHAR),
                DSL.castNull(SQLDataType.VARCHAR));
        totals.measures(account, false);
        totals.distinct(DistinctCounts.idsLastSeenIn(END_USERS), DistinctCounts.daysLastSeenFromEnd(END_USERS),
                DistinctCounts.idsLastSeenIn(CONVERSATIONS), DistinctCounts.daysLastSeenFromEnd(CONVERSATIONS));
        totals.fields.addAll(RowVersions.columns(versioned));
        Columns sums = new Columns(INSTANCE_SUMS_PART, instance.instanceId(), DSL.castNull(SQLDataType.VARCHAR),
                DSL.castNull(SQLDataType.VARCHAR));
        sums.measures(instance, false);
        sums.distinct(null, null, null, null);
        sums.fields.addAll(RowVersions.columns(false));
        Columns instanceUsers = new Columns(INSTANCE_USERS, counts.instanceId(), DSL.castNull(SQLDataType.VARCHAR),
                DSL.castNull(SQLDataType.VARCHAR));
        instanceUsers.measures(null, false);
        instanceUsers.distinct(DistinctCounts.lastSeenBeforeEnd(counts).as(idsLastSeenIn()),
                DSL.count(DSL.when(counts.lastDay().ge(param(END_DAY)), DSL.inline(1))).as(daysLastSeenFromEnd()),
                null, null);
        instanceUsers.fields.addAll(RowVersions.columns(false));
        Columns models = new Columns(MODEL, model.model(), DSL.castNull(SQLDataType.VARCHAR),
                DSL.castNull(SQLDataType.VARCHAR));
        models.measures(model, true);
        models.distinct(null, null, null, null);
        models.fields.addAll(RowVersions.columns(false));
        Columns inventory = new Columns(INVENTORY, INSTANCE.INSTANCE_ID, INSTANCE.NAME, INSTANCE.STATUS);
        inventory.measures(null, false);
        inventory.distinct(null, null, null, null);
        inventory.fields.addAll(RowVersions.columns(false));
        return dsl.select(totals.fields)
                .from(account.table())
                .where(account.accountId().eq(param(ACCOUNT)), account.day().ge(param(FIRST)),
                        account.day().lt(param(END)))
                .unionAll(DSL.select(sums.fields)
                        .from(instance.table())
                        .where(instance.accountId().eq(param(ACCOUNT)), instance.day().ge(param(FIRST)),
                                instance.day().lt(param(END)))
                        .groupBy(instance.instanceId()))
                .unionAll(DSL.select(instanceUsers.fields)
                        .from(counts.table())
                        .where(counts.accountId().eq(param(ACCOUNT)), counts.lastDay().ge(param(FIRST_DAY)),
                                counts.count().gt(DSL.inline(0L)))
                        .groupBy(counts.instanceId()))
                .unionAll(DSL.select(models.fields)
                        .from(model.table())
                        .where(model.accountId().eq(param(ACCOUNT)), model.day().ge(param(FIRST)),
                                model.day().lt(param(END)))
                        .groupBy(model.model()))
                .unionAll(DSL.select(inventory.fields)
                        .from(INSTANCE)
                        .where(INSTANCE.ACCOUNT_ID.eq(param(ACCOUNT))));
    }

    /** The instance users' columns, named as the totals' end-user columns. */
    private static final Field<BigDecimal> USERS_LAST_SEEN_IN = idsLastSeenIn();
    private static final Field<Integer> USERS_DAYS_FROM_END = daysLastSeenFromEnd();

    private static Field<BigDecimal> idsLastSeenIn() {
        return DSL.field(DSL.name(END_USERS.alias() + "_" + DistinctCounts.IDS_LAST_SEEN_IN.getName()),
                BigDecimal.class);
    }

    private static Field<Integer> daysLastSeenFromEnd() {
        return DSL.field(DSL.name(END_USERS.alias() + "_" + DistinctCounts.DAYS_LAST_SEEN_FROM_END.getName()),
                Integer.class);
    }

    /** One part's select list, in the statement's column order; what a part lacks is a typed NULL. */
    private static final class Columns {

        private final List<SelectField<?>> fields = new ArrayList<>();

        Columns(String part, Field<String> key, Field<String> name, Field<String> status) {
            fields.add(DSL.inline(part).as(PART));
            fields.add(key.as(KEY));
            fields.add(name.as(NAME));
            fields.add(status.as(STATUS));
        }

        /** The eight measures, summed; with {@code kinds} false only tokens, requests and cost, the others NULL. */
        void measures(SumsTable table, boolean kinds) {
            List<Field<Long>> all = (table == null ? MODEL_SUMS : table).measures();
            for (Field<Long> m : all) {
                boolean summed = table != null && (kinds || m.getName().equals(TOKENS.getName())
                        || m.getName().equals(REQUESTS.getName()) || m.getName().equals(COST_MICROS.getName()));
                fields.add((summed ? DSL.sum(m) : DSL.castNull(SQLDataType.NUMERIC)).as(m.getName()));
            }
        }

        /**
         * The distinct counts' four columns, named as the totals statement names them (the fields given are named so
         * already); null: NULL.
         */
        void distinct(Field<?> users, Field<?> usersFromEnd, Field<?> conversations, Field<?> conversationsFromEnd) {
            fields.add(orNull(users, SQLDataType.NUMERIC, END_USERS.alias() + "_ids_last_seen_in"));
            fields.add(orNull(usersFromEnd, SQLDataType.BIGINT, END_USERS.alias() + "_days_last_seen_from_end"));
            fields.add(orNull(conversations, SQLDataType.NUMERIC, CONVERSATIONS.alias() + "_ids_last_seen_in"));
            fields.add(orNull(conversationsFromEnd, SQLDataType.BIGINT,
                    CONVERSATIONS.alias() + "_days_last_seen_from_end"));
        }

        private static Field<?> orNull(Field<?> field, org.jooq.DataType<?> type, String name) {
            return field == null ? DSL.castNull(type).as(name) : field;
        }
    }
}

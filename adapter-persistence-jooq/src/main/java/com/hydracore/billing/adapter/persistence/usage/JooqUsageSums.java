package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.sql.Binds.param;
import static com.hydracore.billing.adapter.persistence.usage.DistinctCounts.asLong;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.ACCOUNT;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.END;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.END_DAY;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST_DAY;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.INSTANCE;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.LAST;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.ACCOUNT_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.CONVERSATIONS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.END_USERS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.INSTANCE_SUMS;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.MODEL_SUMS;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The sums of the usage, as the billing reads ask for them: read from the rollups only, never the raw events, so their
 * cost grows with days × instances (and the unique end users with what {@link DistinctCounts} reads), never with the
 * number of events. Every statement is rendered once per shape ({@link RenderedReads}): the overview is read on every
 * page view.
 */
public final class JooqUsageSums implements UsageSums {

    private static final Field<BigDecimal> TOKENS = DSL.field(DSL.name("tokens"), BigDecimal.class);
    private static final Field<BigDecimal> REQUESTS = DSL.field(DSL.name("requests"), BigDecimal.class);
    private static final Field<BigDecimal> COST_MICROS = DSL.field(DSL.name("cost_micros"), BigDecimal.class);
    private static final Field<BigDecimal> USED_TOKENS = DSL.field(DSL.name("used_tokens"), BigDecimal.class);
    private static final Field<BigDecimal> USED_REQUESTS = DSL.field(DSL.name("used_requests"), BigDecimal.class);

    private final DSLContext dsl;
    private final RenderedReads reads;
    private final DistinctCounts distinct;
    private final LocalDaySums localDays;

    /** The sums of the usage in {@code dsl}'s database. */
    public JooqUsageSums(DSLContext dsl) {
        this(dsl, new RenderedReads(dsl));
    }

    private JooqUsageSums(DSLContext dsl, RenderedReads reads) {
        this.dsl = dsl;
        this.reads = reads;
        this.distinct = new DistinctCounts(dsl, reads);
        this.localDays = new LocalDaySums(dsl, reads);
    }

    /**
     * The same sums read inside a transaction of the caller's ({@code tx}: a transaction's own context), sharing the
     * statements already rendered: a hold reads what its account used under the lock its transaction holds.
     */
    public JooqUsageSums inTransaction(DSLContext tx) {
        return new JooqUsageSums(tx, reads.on(tx));
    }

    /**
     * The account's sums in the period and, for its unique end users and conversations, what the counts by last day
     * say (one round trip; the month rows only when {@link DistinctCounts}' rule does not hold):
     * <pre>
     * SELECT sum(tokens) AS tokens, sum(requests) AS requests, sum(cost_micros) AS cost_micros,
     *        (SELECT sum(users) FROM end_users_by_last_day WHERE account_id = :account
     *           AND last_day &gt;= :first_day AND last_day &lt; :end_day) AS end_users_ids_last_seen_in,
     *        (SELECT count(*) FROM end_users_by_last_day WHERE account_id = :account
     *           AND last_day &gt;= :end_day AND users &gt; 0) AS end_users_days_last_seen_from_end,
     *        (the same two of conversations_by_last_day) AS conversations_ids_last_seen_in, …
     * FROM usage_account_daily
     * WHERE account_id = :account AND usage_day &gt;= :first AND usage_day &lt; :end
     * </pre>
     */
    @Override
    public UsageTotals totals(String accountId, BillingPeriod period) {
        SumsTable sums = ACCOUNT_SUMS;
        Record row = reads.fetch("totals", () -> dsl
                        .select(DSL.sum(sums.tokens()).as(TOKENS), DSL.sum(sums.requests()).as(REQUESTS),
                                DSL.sum(sums.costMicros()).as(COST_MICROS),
                                DistinctCounts.idsLastSeenIn(END_USERS),
                                DistinctCounts.daysLastSeenFromEnd(END_USERS),
                                DistinctCounts.idsLastSeenIn(CONVERSATIONS),
                                DistinctCounts.daysLastSeenFromEnd(CONVERSATIONS))
                        .from(sums.table())
                        .where(sums.accountId().eq(param(ACCOUNT)), sums.day().ge(param(FIRST)),
                                sums.day().lt(param(END))),
                new Binds().with(ACCOUNT, accountId).with(FIRST, period.firstDay()).with(END, period.endDay())
                        .with(FIRST_DAY, DistinctCounts.dayOf(period.firstDay()))
                        .with(END_DAY, DistinctCounts.dayOf(period.endDay()))).get(0);
        return new UsageTotals(asLong(row.get(TOKENS)), asLong(row.get(REQUESTS)),
                Money.ofMicros(asLong(row.get(COST_MICROS))), distinct.ofAccount(END_USERS, row, accountId, period),
                distinct.ofAccount(CONVERSATIONS, row, accountId, period));
    }

    /**
     * What a quota counts of the period's usage, as a derived table for a statement that reads it with other things
     * in one round trip (the quota read, {@code JooqQuotaHolds#usage}): the totals statement's tokens, requests and
     * conversations, without what a quota does not count (cost, end users). Its values are named as
     * {@link #quotaSumsBinds} gives them; its row is read back by {@link #quotaSumsOf}.
     * <pre>
     * (SELECT sum(tokens) AS used_tokens, sum(requests) AS used_requests,
     *         (SELECT sum(conversations) FROM conversations_by_last_day WHERE account_id = :account
     *            AND last_day &gt;= :first_day AND last_day &lt; :end_day) AS conversations_ids_last_seen_in,
     *         (SELECT count(*) FROM conversations_by_last_day WHERE account_id = :account
     *            AND last_day &gt;= :end_day AND conversations &gt; 0) AS conversations_days_last_seen_from_end
     *  FROM usage_account_daily
     *  WHERE account_id = :account AND usage_day &gt;= :first AND usage_day &lt; :end) AS period_usage
     * </pre>
     */
    public static Table<?> quotaSums() {
        SumsTable sums = ACCOUNT_SUMS;
        return DSL.select(DSL.sum(sums.tokens()).as(USED_TOKENS), DSL.sum(sums.requests()).as(USED_REQUESTS),
                        DistinctCounts.idsLastSeenIn(CONVERSATIONS),
                        DistinctCounts.daysLastSeenFromEnd(CONVERSATIONS))
                .from(sums.table())
                .where(sums.accountId().eq(param(ACCOUNT)), sums.day().ge(param(FIRST)), sums.day().lt(param(END)))
                .asTable("period_usage");
    }

    /** The values {@link #quotaSums} is run with, added to {@code binds}. */
    public static Binds quotaSumsBinds(Binds binds, String accountId, BillingPeriod period) {
        return binds.with(ACCOUNT, accountId).with(FIRST, period.firstDay()).with(END, period.endDay())
                .with(FIRST_DAY, DistinctCounts.dayOf(period.firstDay()))
                .with(END_DAY, DistinctCounts.dayOf(period.endDay()));
    }

    /**
     * The usage a quota counts, from a row holding {@link #quotaSums}' columns under their own names; the unique
     * conversations from the month rows (a second statement) only when the distinct-counting rule does not hold.
     */
    public QuotaUsage quotaSumsOf(Record row, String accountId, BillingPeriod period, long activeInstances) {
        return new QuotaUsage(asLong(row.get(USED_TOKENS)), asLong(row.get(USED_REQUESTS)),
                distinct.ofAccount(CONVERSATIONS, row, accountId, period), activeInstances);
    }

    /**
     * Each instance's sums in the period, with its unique end users ({@link DistinctCounts#byInstance}):
     * <pre>
     * SELECT instance_id, sum(tokens) AS tokens, sum(requests) AS requests, sum(cost_micros) AS cost_micros
     * FROM usage_daily WHERE account_id = :account AND usage_day &gt;= :first AND usage_day &lt; :end
     * GROUP BY instance_id ORDER BY instance_id
     * </pre>
     */
    @Override
    public List<InstanceUsage> byInstance(String accountId, BillingPeriod period) {
        Map<String, Integer> users = distinct.byInstance(END_USERS, accountId, period);
        SumsTable sums = INSTANCE_SUMS;
        return reads.fetch("sums by instance", () -> dsl
                        .select(sums.instanceId(), DSL.sum(sums.tokens()).as(TOKENS),
                                DSL.sum(sums.requests()).as(REQUESTS), DSL.sum(sums.costMicros()).as(COST_MICROS))
                        .from(sums.table())
                        .where(sums.accountId().eq(param(ACCOUNT)), sums.day().ge(param(FIRST)),
                                sums.day().lt(param(END)))
                        .groupBy(sums.instanceId())
                        .orderBy(sums.instanceId()),
                new Binds().with(ACCOUNT, accountId).with(FIRST, period.firstDay()).with(END, period.endDay()))
                .stream().map(r -> {
                    String instanceId = r.get(sums.instanceId());
                    return new InstanceUsage(instanceId, new UsageTotals(asLong(r.get(TOKENS)),
                            asLong(r.get(REQUESTS)), Money.ofMicros(asLong(r.get(COST_MICROS))),
                            users.getOrDefault(instanceId, 0)));
                }).toList();
    }

    /**
     * The account's days (a row per day, from {@code usage_account_daily}) or one instance's (from
     * {@code usage_daily}):
     * <pre>
     * SELECT usage_day, tokens, requests, cost_micros FROM usage_account_daily
     * WHERE account_id = :account AND usage_day BETWEEN :first AND :last [AND instance_id = :instance]
     * ORDER BY usage_day
     * </pre>
     */
    @Override
    public List<DailyUsage> daily(String accountId, LocalDate firstDay, LocalDate lastDay,
                                  Optional<String> instanceId) {
        SumsTable sums = instanceId.isPresent() ? INSTANCE_SUMS : ACCOUNT_SUMS;
        Binds binds = new Binds().with(ACCOUNT, accountId).with(FIRST, firstDay).with(LAST, lastDay);
        instanceId.ifPresent(id -> binds.with(INSTANCE, id));
        return reads.fetch(instanceId.isPresent() ? "daily sums of an instance" : "daily sums", () -> dsl
                        .select(sums.day(), sums.tokens(), sums.requests(), sums.costMicros())
                        .from(sums.table())
                        .where(sums.accountId().eq(param(ACCOUNT)), sums.day().between(param(FIRST), param(LAST)),
                                sums.perInstance() ? sums.instanceId().eq(param(INSTANCE)) : DSL.noCondition())
                        .orderBy(sums.day()),
                binds)
                .stream().map(r -> new DailyUsage(r.get(sums.day()), r.get(sums.tokens()), r.get(sums.requests()),
                        Money.ofMicros(r.get(sums.costMicros()))))
                .toList();
    }

    /**
     * Each model's sums in the period, from the UTC-day sums per model ({@code model = ''} is "no model"):
     * <pre>
     * SELECT model, sum(tokens) AS tokens, sum(input_tokens) AS input_tokens, …, sum(cost_micros) AS cost_micros
     * FROM usage_model_daily WHERE account_id = :account AND usage_day &gt;= :first AND usage_day &lt; :end
     * GROUP BY model
     * </pre>
     */
    @Override
    public List<ModelUsage> byModel(String accountId, BillingPeriod period) {
        SumsTable sums = MODEL_SUMS;
        List<SelectField<?>> fields = new ArrayList<>(List.of(sums.model()));
        sums.measures().forEach(m -> fields.add(DSL.sum(m).as(m.getName())));
        return reads.fetch("sums by model", () -> dsl
                        .select(fields)
                        .from(sums.table())
                        .where(sums.accountId().eq(param(ACCOUNT)), sums.day().ge(param(FIRST)),
                                sums.day().lt(param(END)))
                        .groupBy(sums.model()),
                new Binds().with(ACCOUNT, accountId).with(FIRST, period.firstDay()).with(END, period.endDay()))
                .stream()
                .map(r -> new ModelUsage(UsageTables.modelOf(r.get(sums.model())), LocalDaySums.measures(r)))
                .sorted(ModelUsage.ORDER)
                .toList();
    }

    /** Read by {@link LocalDaySums}, which says which rollup answers which query and how. */
    @Override
    public void byLocalDay(LocalDayQuery query, Consumer<DayUsage> rows) {
        localDays.read(query, rows);
    }
}

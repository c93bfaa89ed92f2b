package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static org.jooq.impl.DSL.bitOr;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.when;

import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.Engine;
import com.hydracore.billing.adapter.persistence.sql.Rows;
import com.hydracore.billing.adapter.persistence.sql.Transactions;
import com.hydracore.billing.adapter.persistence.sql.Unnest;
import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.LastDayRow;
import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.ScopeAppend;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.CountKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.EventKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.LastDayKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import com.hydracore.billing.adapter.persistence.usage.UsageKeys.SumsKey;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.DistinctDimension;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.DistinctTables;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.LastDayCounts;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.LastDays;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.MonthRows;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateSetStep;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;

/**
 * Appends on PostgreSQL, which arbitrates concurrent ones: {@code INSERT … ON CONFLICT DO NOTHING RETURNING} makes a
 * transaction that meets a key another one is inserting wait for it, and skip the key if that one commits; rollups
 * are upserts that add to what is stored. One statement per table written whatever the append's size (at most
 * sixteen: events, three per distinct scope, six sums tables), each passing its rows as one array per column
 * ({@link Unnest}), plus one lookup of the duplicates' stored originals when there are any. A lost race or
 * deadlock is retried whole ({@link ConflictRetry}).
 */
final class PostgresUsageWriter implements UsageWriter {

    private final DSLContext dsl;
    private final ThresholdAlerts thresholdAlerts;
    /**
     * Days each id's month is known to hold (on its month row or, for its current month, its last-day row), per
     * scope, from appends this process committed. A live router reports the same users all day, and asking the
     * database whether their rows already hold today was most of the end-user statements' cost; ids known to hold it
     * are not sent. Days are only ever added to an id's month (a last-day row moving on hands its month's days to the
     * month row), so what is known stays true (another replica's additions only make it incomplete, and the database
     * still checks what is sent); it is learnt only after the commit, so a rolled-back append teaches nothing.
     */
    private final Map<DistinctTables, KnownDays> knownDays = new IdentityHashMap<>();

    private final Settlements settlements;

    PostgresUsageWriter(DSLContext dsl, Settlements settlements) {
        this.dsl = dsl;
        this.settlements = settlements;
        this.thresholdAlerts = new ThresholdAlerts(Engine.POSTGRES, new JooqUsageSums(dsl));
        UsageTables.DISTINCT.forEach(dimension -> dimension.scopes().forEach(
                scope -> knownDays.put(scope, new KnownDays())));
    }

    @Override
    public Map<EventKey, String> write(List<UsageEvent> candidates, AlertPlan alerts) {
        Map<DistinctTables, Map<MonthRowKey, Long>> sent = new IdentityHashMap<>();
        Map<EventKey, String> originals = ConflictRetry.run(() -> Transactions.result(dsl, tx -> {
            sent.clear(); // a retried attempt sends its own rows
            return append(tx.dsl(), candidates, sent, alerts);
        }));
        // committed: every month row sent now holds at least the days it was sent with
        sent.forEach((scope, rows) -> {
            KnownDays known = knownDays.get(scope);
            rows.forEach(known::learn);
        });
        return originals;
    }

    private Map<EventKey, String> append(DSLContext tx, List<UsageEvent> candidates,
                                         Map<DistinctTables, Map<MonthRowKey, Long>> sent,
                                         AlertPlan alerts) {
        Set<EventKey> fresh = insertEvents(tx, candidates);
        List<UsageEvent> inserted = new ArrayList<>(fresh.size());
        List<UsageEvent> repeated = new ArrayList<>();
        candidates.forEach(e -> (fresh.contains(EventKey.of(e)) ? inserted : repeated).add(e));
        Map<EventKey, String> originals = originalInstances(tx, repeated);
        if (inserted.isEmpty()) {
            return originals;
        }
        settlements.settle(tx, inserted);
        BatchRollup rollup = BatchRollup.of(inserted);
        // Built before the first end-user statement, on whose row locks other appends of the account may wait until
        // this one commits: everything a statement sends that no earlier statement's answer decides (each id's
        // latest month, the sums), arrays and all, so that little Java runs between the statements.
        List<List<ScopeStatement>> dimensions = new ArrayList<>();
        for (DistinctDimension dimension : UsageTables.DISTINCT) {
            List<ScopeStatement> scopes = new ArrayList<>();
            for (DistinctTables scope : dimension.scopes()) {
                // an id known to hold its days needs no last day either: the append that added them moved it there
                // or later
                Map<MonthRowKey, Long> days = notKnownToHold(knownDays.get(scope), rollup.days(scope));
                sent.put(scope, days);
                ScopeAppend append = new ScopeAppend(scope, days);
                scopes.add(new ScopeStatement(append,
                        append.lastDays().isEmpty() ? null : moveLastDays(tx, scope.lastDays(), append)));
            }
            dimensions.add(scopes);
        }
        List<Query> sums = new ArrayList<>();
        for (SumsTable table : UsageTables.SUMS) {
            if (!rollup.sums(table).isEmpty()) {
                sums.add(addSums(tx, table, rollup.sums(table)));
            }
        }

        // Per dimension, the last days of each scope, then their month rows (which the last days' upserts decide);
        // then the counts by last day of every dimension, whose rows (today's) every append of the account adds to.
        for (List<ScopeStatement> scopes : dimensions) {
            for (ScopeStatement scope : scopes) {
                if (scope.lastDays() != null) {
                    landed(scope.lastDays(), scope.append());
                }
            }
            for (ScopeStatement scope : scopes) {
                if (!scope.append().monthRows().isEmpty()) {
                    addDays(tx, scope.append().scope().months(), scope.append().monthRows());
                }
            }
        }
        for (List<ScopeStatement> scopes : dimensions) {
            for (ScopeStatement scope : scopes) {
                addCounts(tx, scope.append().scope().counts(), scope.append().countChanges());
            }
        }
        // Last, just before the commit: every group of a live router adds to the same rows (today's sums), so a
        // concurrent group waits for these row locks until this transaction commits. Taken last, they are held for
        // these statements and the commit, not for the end users' statements too.
        sums.forEach(Query::execute);
        // After every rollup: the alerts read the period's sums with this append's in them.
        thresholdAlerts.raise(tx, inserted, alerts);
        return originals;
    }

    /** One scope's part of an append, and its last-day upsert (null when the scope has no id to send). */
    private record ScopeStatement(ScopeAppend append, ResultQuery<Record> lastDays) {
    }

    /**
     * The rows of {@code days} that may add a day to what is stored, as far as this process knows, in key order (as
     * {@code days} iterates).
     */
    private static Map<MonthRowKey, Long> notKnownToHold(KnownDays known, Map<MonthRowKey, Long> days) {
        Map<MonthRowKey, Long> unknown = new LinkedHashMap<>();
        days.forEach((row, bits) -> {
            if (!known.holds(row, bits)) {
                unknown.put(row, bits);
            }
        });
        return unknown;
    }

    /**
     * The candidates the database does not hold yet, inserted; answers their keys.
     * <pre>
     * INSERT INTO usage_event (account_id, event_id, instance_id, occurred_at, tokens, requests, cost_micros,
     *                          end_user_id, conversation_id)
     * SELECT r.* FROM unnest(…) AS r(…)
     * ON CONFLICT DO NOTHING RETURNING account_id, event_id
     * </pre>
     */
    private static Set<EventKey> insertEvents(DSLContext tx, List<UsageEvent> candidates) {
        Rows<UsageEvent> rows = UsageTables.eventRows(candidates);
        Set<EventKey> fresh = new HashSet<>(candidates.size() * 2);
        ResultQuery<?> insert = tx.insertInto(USAGE_EVENT).columns(rows.columns())
                .select(Unnest.select(rows))
                .onConflictDoNothing()
                .returningResult(USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID);
        readRows(insert, rs -> fresh.add(new EventKey(rs.getString(1), rs.getString(2))));
        return fresh;
    }

    /** One returned row, read off the driver's result set. */
    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code query} (through jOOQ, its listeners included) and reads each row it returns straight off the JDBC
     * result set: a jOOQ record per returned row (one per event inserted) was a tenth of what an append allocated.
     */
    private static void readRows(ResultQuery<?> query, RowReader reader) {
        try (ResultSet rs = query.fetchResultSet()) {
            while (rs.next()) {
                reader.read(rs);
            }
        } catch (SQLException e) {
            throw new DataAccessException("cannot read the rows an upsert returned", e);
        }
    }

    /**
     * The instance of the stored event behind each of {@code repeated}'s keys (all stored): the keys as bound arrays
     * joined to the primary key, one index probe each. (A row-value IN list was planned as a scan of the accounts'
     * events, 16 ms for 28 keys after a few seconds of ingestion.)
     * <pre>
     * SELECT usage_event.account_id, usage_event.event_id, usage_event.instance_id
     * FROM unnest(…) AS r(account_id, event_id), usage_event
     * WHERE usage_event.account_id IN (…) AND usage_event.account_id = r.account_id
     *   AND usage_event.event_id = r.event_id
     * </pre>
     */
    private static Map<EventKey, String> originalInstances(DSLContext tx, List<UsageEvent> repeated) {
        Map<EventKey, String> instances = new HashMap<>();
        if (repeated.isEmpty()) {
            return instances;
        }
        Rows<UsageEvent> keys = Rows.of(repeated)
                .column(USAGE_EVENT.ACCOUNT_ID, UsageEvent::accountId)
                .column(USAGE_EVENT.EVENT_ID, UsageEvent::eventId);
        tx.select(USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID, USAGE_EVENT.INSTANCE_ID).from(Unnest.table(keys), USAGE_EVENT)
                .where(USAGE_EVENT.ACCOUNT_ID.in(repeated.stream().map(UsageEvent::accountId).distinct().toList()),
                        USAGE_EVENT.ACCOUNT_ID.eq(Unnest.column(USAGE_EVENT.ACCOUNT_ID)),
                        USAGE_EVENT.EVENT_ID.eq(Unnest.column(USAGE_EVENT.EVENT_ID)))
                .forEach(r -> instances.put(new EventKey(r.get(USAGE_EVENT.ACCOUNT_ID), r.get(USAGE_EVENT.EVENT_ID)),
                        r.get(USAGE_EVENT.INSTANCE_ID)));
        return instances;
    }

    /**
     * Adds the days to the month rows: new rows are inserted, stored ones OR-ed where that adds a day. The rows
     * known to hold their days were left out before, so what is sent is mostly new. (A {@code WHERE NOT EXISTS} probe
     * for stored rows already holding the days, kept from before that cache, made this the costliest statement of a
     * group in {@code pg_stat_statements}.)
     * <pre>
     * INSERT INTO usage_month_end_user (account_id, usage_month, [instance_id,] end_user_id, day_bits)
     * SELECT … FROM unnest(…) AS r(…)
     * ON CONFLICT (account_id, usage_month, [instance_id,] end_user_id) DO UPDATE
     *   SET day_bits = usage_month_end_user.day_bits | excluded.day_bits
     *   WHERE (usage_month_end_user.day_bits | excluded.day_bits) &lt;&gt; usage_month_end_user.day_bits
     * </pre>
     */
    private static void addDays(DSLContext tx, MonthRows months, Map<MonthRowKey, Long> days) {
        Field<Long> merged = bitOr(months.dayBits(), excluded(months.dayBits()));
        upsert(tx, months.table(), months.rows(days), months.key())
                .set(months.dayBits(), merged)
                .where(merged.ne(months.dayBits()))
                .execute();
    }

    /**
     * The upsert of each id's latest month in the batch onto its last-day row ({@link #landed} runs it). The last
     * day moves forward only; a later month replaces the row's month and days, and the month left is returned with
     * its days ({@code prev_month}, {@code prev_bits}: set from the stored row under its lock, so
     * exact whatever runs concurrently) for the month rows; the same month adds its days; an earlier month (late
     * events) leaves the row as it is but, the writer not knowing beforehand that the stored month is later, is
     * still returned, so that its days go to the month rows: a CASE keeping every column rather than a WHERE
     * skipping the row. Only rows the batch changes nothing of are skipped.
     * <pre>
     * INSERT INTO end_user_last_day (account_id, [instance_id,] end_user_id, last_day, usage_month, day_bits)
     * SELECT … FROM unnest(…) AS r(…)
     * ON CONFLICT (account_id, [instance_id,] end_user_id) DO UPDATE
     *   SET prev_day = t.last_day,
     *       last_day = CASE WHEN t.last_day &lt; excluded.last_day THEN excluded.last_day ELSE t.last_day END,
     *       prev_month = t.usage_month, prev_bits = t.day_bits,
     *       usage_month = CASE WHEN t.usage_month &lt; excluded.usage_month THEN excluded.usage_month
     *                          ELSE t.usage_month END,
     *       day_bits = CASE WHEN t.usage_month &lt; excluded.usage_month THEN excluded.day_bits
     *                       WHEN t.usage_month = excluded.usage_month THEN t.day_bits | excluded.day_bits
     *                       ELSE t.day_bits END
     *   WHERE t.usage_month &lt;&gt; excluded.usage_month OR (t.day_bits | excluded.day_bits) &lt;&gt; t.day_bits
     * RETURNING account_id, [instance_id,] end_user_id, last_day, prev_day, usage_month, day_bits, prev_month,
     *           prev_bits
     * </pre>
     * ({@code t} stands for the table's name. Every right-hand side reads the row as it was stored.)
     */
    private static ResultQuery<Record> moveLastDays(DSLContext tx, LastDays lastDays, ScopeAppend append) {
        List<Field<?>> returned = new ArrayList<>(List.of(lastDays.accountId(), lastDays.id(), lastDays.lastDay(),
                lastDays.prevDay(), lastDays.month(), lastDays.dayBits(), lastDays.prevMonth(), lastDays.prevBits()));
        if (lastDays.instanceId() != null) {
            returned.add(1, lastDays.instanceId());
        }
        Field<Integer> month = lastDays.month();
        Field<Long> bits = lastDays.dayBits();
        Field<Long> merged = bitOr(bits, excluded(bits));
        return upsert(tx, lastDays.table(), lastDays.rows(append.lastDays()), lastDays.key())
                .set(lastDays.prevDay(), lastDays.lastDay())
                .set(lastDays.lastDay(), when(lastDays.lastDay().lt(excluded(lastDays.lastDay())),
                        excluded(lastDays.lastDay())).otherwise(lastDays.lastDay()))
                .set(lastDays.prevMonth(), month)
                .set(lastDays.prevBits(), bits)
                .set(month, when(month.lt(excluded(month)), excluded(month)).otherwise(month))
                .set(bits, when(month.lt(excluded(month)), excluded(bits))
                        .when(month.eq(excluded(month)), merged)
                        .otherwise(bits))
                .where(month.ne(excluded(month)).or(merged.ne(bits)))
                .returningResult(returned);
    }

    /** Runs {@code upsert} ({@link #moveLastDays}) and tells {@code append} what each row it wrote became. */
    private static void landed(ResultQuery<Record> upsert, ScopeAppend append) {
        LastDays lastDays = append.scope().lastDays();
        readRows(upsert, rs -> append.landed(
                new LastDayKey(rs.getString(lastDays.accountId().getName()),
                        lastDays.instanceId() == null ? null : rs.getString(lastDays.instanceId().getName()),
                        rs.getString(lastDays.id().getName())),
                new LastDayRow(rs.getInt(lastDays.lastDay().getName()),
                        rs.getObject(lastDays.prevDay().getName(), Integer.class),
                        rs.getInt(lastDays.month().getName()), rs.getLong(lastDays.dayBits().getName()),
                        rs.getObject(lastDays.prevMonth().getName(), Integer.class),
                        rs.getObject(lastDays.prevBits().getName(), Long.class))));
    }

    /**
     * Adds the changes to the counts by last day.
     * <pre>
     * INSERT INTO end_users_by_last_day (account_id, last_day, [instance_id,] users) SELECT … FROM unnest(…) AS r(…)
     * ON CONFLICT (account_id, last_day, [instance_id]) DO UPDATE
     *   SET users = end_users_by_last_day.users + excluded.users
     * </pre>
     */
    private static void addCounts(DSLContext tx, LastDayCounts counts, Map<CountKey, Long> changes) {
        if (!changes.isEmpty()) {
            upsert(tx, counts.table(), counts.rows(changes), counts.key())
                    .set(counts.count(), counts.count().plus(excluded(counts.count())))
                    .execute();
        }
    }

    /**
     * The statement adding the sums to their rows: new rows are inserted, stored ones added to. The same for every
     * sums table (UTC days, quarter hours; per instance, per model), each measure added alike.
     * <pre>
     * INSERT INTO usage_daily (account_id, usage_day, [instance_id,] tokens, input_tokens, …, requests, cost_micros)
     * SELECT … FROM unnest(…) AS r(…)
     * ON CONFLICT (account_id, usage_day, [instance_id]) DO UPDATE
     *   SET tokens = usage_daily.tokens + excluded.tokens, input_tokens = usage_daily.input_tokens
     *       + excluded.input_tokens, …, cost_micros = usage_daily.cost_micros + excluded.cost_micros
     * </pre>
     */
    private static Query addSums(DSLContext tx, SumsTable table, Map<SumsKey, Sums> sums) {
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Field<Long> measure : table.measures()) {
            set.put(measure, measure.plus(excluded(measure)));
        }
        return upsert(tx, table.table(), table.rows(sums), table.key()).set(set);
    }

    /** {@code INSERT INTO <table> (<rows' columns>) SELECT … FROM unnest(…) AS r(…) ON CONFLICT (<key>) DO UPDATE}. */
    private static InsertOnDuplicateSetStep<?> upsert(DSLContext tx, Table<?> table, Rows<?> rows,
                                                      List<Field<?>> key) {
        return tx.insertInto(table).columns(rows.columns()).select(Unnest.select(rows)).onConflict(key).doUpdate();
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;

import com.hydracore.billing.adapter.persistence.sql.Engine;
import com.hydracore.billing.adapter.persistence.sql.Rows;
import com.hydracore.billing.adapter.persistence.sql.Transactions;
import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.LastDayRow;
import com.hydracore.billing.adapter.persistence.usage.DistinctCounts.LatestMonth;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Appends on the embedded H2, which has neither {@code ON CONFLICT} nor a usable upsert: jOOQ emulates both with
 * {@code MERGE … USING (SELECT … UNION ALL SELECT …)}, which H2 took seconds to run for 300 rows and failed with an
 * internal error for 1000, and whose {@code FINAL TABLE} answered "no rows inserted" for rows it had inserted when 8
 * threads appended overlapping batches. An H2 file belongs to one process, so here appends to one database take
 * turns under a lock and use plain statements: look up which keys are stored and insert the others; read, delete
 * and re-insert the rollup rows the batch touches, per account. One insert, plus per account one lookup and three
 * statements per rollup table written (at most 46).
 */
final class H2UsageWriter implements UsageWriter {

    /** Rows per multi-row statement: 1000 events, the API's largest batch, in one statement. */
    static final int ROWS_PER_STATEMENT = 1000;

    /** How long an append waits for its turn before giving up. */
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

    private final DSLContext dsl;
    private final Lock turns;
    private final ThresholdAlerts thresholdAlerts;
    private final Settlements settlements;

    /** @param turns the lock every append to this database takes */
    H2UsageWriter(DSLContext dsl, Lock turns, Settlements settlements) {
        this.dsl = dsl;
        this.turns = turns;
        this.settlements = settlements;
        this.thresholdAlerts = new ThresholdAlerts(Engine.H2, new JooqUsageSums(dsl));
    }

    @Override
    public Map<EventKey, String> write(List<UsageEvent> candidates, AlertPlan alerts) {
        return inTurn(() -> Transactions.result(dsl, tx -> {
            List<UsageEvent> inserted = new ArrayList<>();
            Map<EventKey, String> originals = append(tx.dsl(), candidates, inserted);
            // After every rollup, still in turn: the alerts read the period's sums with this append's in them.
            thresholdAlerts.raise(tx.dsl(), inserted, alerts);
            return originals;
        }));
    }

    private <T> T inTurn(Supplier<T> append) {
        try {
            if (!turns.tryLock(TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no turn to append usage within " + TURN_TIMEOUT.toSeconds()
                        + " s: the embedded database is overloaded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to append usage", e);
        }
        try {
            return append.get();
        } finally {
            turns.unlock();
        }
    }

    /** With no concurrent append possible: insert the candidates not stored yet, then add them to the rollups. */
    private Map<EventKey, String> append(DSLContext tx, List<UsageEvent> candidates, List<UsageEvent> inserted) {
        Map<String, List<UsageEvent>> byAccount = new TreeMap<>();
        candidates.forEach(e -> byAccount.computeIfAbsent(e.accountId(), a -> new ArrayList<>()).add(e));
        Map<EventKey, String> originals = new HashMap<>();
        byAccount.forEach((account, events) -> {
            Set<String> stored = new HashSet<>();
            for (List<UsageEvent> chunk : chunks(events)) {
                // SELECT event_id, instance_id FROM usage_event WHERE account_id = ? AND event_id IN (…)
                tx.select(USAGE_EVENT.EVENT_ID, USAGE_EVENT.INSTANCE_ID).from(USAGE_EVENT)
                        .where(USAGE_EVENT.ACCOUNT_ID.eq(account),
                                USAGE_EVENT.EVENT_ID.in(chunk.stream().map(UsageEvent::eventId).toList()))
                        .forEach(r -> {
                            stored.add(r.get(USAGE_EVENT.EVENT_ID));
                            originals.put(new EventKey(account, r.get(USAGE_EVENT.EVENT_ID)),
                                    r.get(USAGE_EVENT.INSTANCE_ID));
                        });
            }
            events.stream().filter(e -> !stored.contains(e.eventId())).forEach(inserted::add);
        });
        for (List<UsageEvent> chunk : chunks(inserted)) {
            insertEvents(tx, chunk);
        }
        settlements.settle(tx, inserted);

        BatchRollup rollup = BatchRollup.of(inserted);
        for (SumsTable table : UsageTables.SUMS) {
            BatchRollup.byAccount(rollup.sums(table), SumsKey::accountId)
                    .forEach((account, rows) -> addSums(tx, table, account, rows));
        }
        // As on PostgreSQL: per dimension the last days of each scope, then their month rows; then the counts.
        List<ScopeAppend> appends = new ArrayList<>();
        for (DistinctDimension dimension : UsageTables.DISTINCT) {
            List<ScopeAppend> scopes = new ArrayList<>();
            for (DistinctTables scope : dimension.scopes()) {
                ScopeAppend append = new ScopeAppend(scope, rollup.days(scope));
                BatchRollup.byAccount(append.lastDays(), LastDayKey::accountId)
                        .forEach((account, latest) -> moveLastDays(tx, scope.lastDays(), account, latest, append));
                scopes.add(append);
            }
            for (ScopeAppend append : scopes) {
                BatchRollup.byAccount(append.monthRows(), MonthRowKey::accountId)
                        .forEach((account, rows) -> addDays(tx, append.scope().months(), account, rows));
            }
            appends.addAll(scopes);
        }
        for (ScopeAppend append : appends) {
            BatchRollup.byAccount(append.countChanges(), CountKey::accountId)
                    .forEach((account, changes) -> addCounts(tx, append.scope().counts(), account, changes));
        }
        return originals;
    }

    /** {@code INSERT INTO usage_event (account_id, event_id, …, conversation_id) VALUES (…), (…), …} */
    private static void insertEvents(DSLContext tx, List<UsageEvent> events) {
        Rows<UsageEvent> rows = UsageTables.eventRows(events);
        tx.insertInto(USAGE_EVENT).columns(rows.columns()).valuesOfRecords(rows.records(tx)).execute();
    }

    /** Adds one account's sums to its rows: stored ones read, added to, deleted and inserted again with the new. */
    private static void addSums(DSLContext tx, SumsTable table, String account, Map<SumsKey, Sums> sums) {
        rewrite(tx, table.table(), table.key(), account, table.rows(sums).records(tx), (row, stored) -> {
            if (stored != null) {
                for (Field<Long> measure : table.measures()) {
                    row.set(measure, Math.addExact(row.get(measure), stored.get(measure)));
                }
            }
            return row;
        });
    }

    /** Adds one account's days to its month rows: stored ones read, OR-ed, deleted and inserted again with the new. */
    private static void addDays(DSLContext tx, MonthRows months, String account, Map<MonthRowKey, Long> days) {
        rewrite(tx, months.table(), months.key(), account, months.rows(days).records(tx), (row, stored) -> {
            if (stored != null) {
                row.set(months.dayBits(), row.get(months.dayBits()) | stored.get(months.dayBits()));
            }
            return row;
        });
    }

    /**
     * Upserts one account's ids' latest months onto their last-day rows as PostgreSQL's upsert does
     * ({@link LastDayRow#upserted}), and tells {@code append} what each row became; rows the batch changes nothing
     * of are left as they are.
     */
    private static void moveLastDays(DSLContext tx, LastDays lastDays, String account,
                                     Map<LastDayKey, LatestMonth> latest, ScopeAppend append) {
        rewrite(tx, lastDays.table(), lastDays.key(), account,
                lastDays.rows(latest).records(tx, lastDays.prevDay(), lastDays.prevMonth(), lastDays.prevBits()),
                (row, stored) -> {
                    LastDayKey id = new LastDayKey(account, lastDays.instanceId() == null ? null
                            : row.get(lastDays.instanceId()), row.get(lastDays.id()));
                    LastDayRow before = stored == null ? null : new LastDayRow(stored.get(lastDays.lastDay()),
                            stored.get(lastDays.prevDay()), stored.get(lastDays.month()),
                            stored.get(lastDays.dayBits()), stored.get(lastDays.prevMonth()),
                            stored.get(lastDays.prevBits()));
                    LastDayRow written = LastDayRow.upserted(before, latest.get(id));
                    append.landed(id, written); // also when the row stays: a late month's days go to the month rows
                    if (before != null && !written.changes(before)) {
                        return null;
                    }
                    row.set(lastDays.lastDay(), written.lastDay());
                    row.set(lastDays.prevDay(), written.prevDay());
                    row.set(lastDays.month(), written.month());
                    row.set(lastDays.dayBits(), written.bits());
                    row.set(lastDays.prevMonth(), written.prevMonth());
                    row.set(lastDays.prevBits(), written.prevBits());
                    return row;
                });
    }

    /** Adds one account's changes to its counts by last day: stored ones read, summed, deleted and inserted again. */
    private static void addCounts(DSLContext tx, LastDayCounts counts, String account, Map<CountKey, Long> changes) {
        rewrite(tx, counts.table(), counts.key(), account, counts.rows(changes).records(tx), (row, stored) -> {
            if (stored != null) {
                row.set(counts.count(), row.get(counts.count()) + stored.get(counts.count()));
            }
            return row;
        });
    }

    /**
     * Writes one account's {@code rows} of {@code table}, a chunk at a time: reads the stored rows with the same keys,
     * lets {@code merge} make the row to write of each and the stored one (null when there is none; a null answer
     * leaves the stored row alone), deletes the stored rows that are rewritten and inserts the rows written.
     * <pre>
     * SELECT … FROM &lt;table&gt; WHERE account_id = ? AND (&lt;rest of the key&gt;) IN ((…), …)
     * DELETE FROM &lt;table&gt; WHERE account_id = ? AND (&lt;rest of the key&gt;) IN ((…), …)
     * INSERT INTO &lt;table&gt; (…) VALUES (…), …
     * </pre>
     *
     * @param key the primary key's columns, account_id first
     */
    private static void rewrite(DSLContext tx, Table<?> table, List<Field<?>> key, String account, List<Record> rows,
                                BinaryOperator<Record> merge) {
        for (List<Record> chunk : chunks(rows)) {
            Map<List<Object>, Record> stored = new HashMap<>();
            tx.select(chunk.get(0).fields()).from(table).where(withKeys(key, account, chunk))
                    .forEach(r -> stored.put(keyOf(r, key), r));
            List<Record> written = new ArrayList<>(chunk.size());
            for (Record row : chunk) {
                Record merged = merge.apply(row, stored.get(keyOf(row, key)));
                if (merged != null) {
                    written.add(merged);
                }
            }
            if (written.isEmpty()) {
                continue;
            }
            tx.deleteFrom(table).where(withKeys(key, account, written)).execute();
            tx.insertInto(table).columns(chunk.get(0).fields()).valuesOfRecords(written).execute();
        }
    }

    /** {@code account_id = account AND (<rest of the key>) IN (<the rows' keys>)}: H2 plans it as key lookups. */
    private static Condition withKeys(List<Field<?>> key, String account, List<Record> rows) {
        @SuppressWarnings("unchecked")
        Field<String> accountId = (Field<String>) key.get(0);
        List<Field<?>> rest = key.subList(1, key.size());
        return accountId.eq(account).and(DSL.row(rest).in(rows.stream()
                .map(r -> DSL.row(rest.stream().map(f -> value(r, f)).toList())).toList()));
    }

    private static <T> Field<T> value(Record row, Field<T> column) {
        return DSL.val(row.get(column), column);
    }

    private static List<Object> keyOf(Record row, List<Field<?>> key) {
        return key.stream().<Object>map(row::get).toList();
    }

    private static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }
}

package com.hydracore.billing.adapter.persistence;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_INSTANCE_END_USER;
import static org.jooq.impl.DSL.bitAnd;
import static org.jooq.impl.DSL.bitOr;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.sum;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hydracore.billing.adapter.persistence.generated.tables.records.UsageEventRecord;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Table;
import org.jooq.Field;
import org.jooq.InsertValuesStep9;
import org.jooq.Record;

/**
 * The usage ledger. Raw events go to {@code usage_event} (append-only, unique on account and event id); in the same
 * transaction the events that were actually new are summed in memory into one row per account, UTC day and
 * instance ({@code usage_daily}) and one per account and UTC day ({@code usage_account_daily}), and their end users
 * into one row per end user and month holding a bit per day the user was seen, per account
 * ({@code usage_month_end_user}) and per instance
 * ({@code usage_month_instance_end_user}), and their last days and the counts per last day ({@link LastDays}); each
 * of those rows is written once per append (one batch, or the batches {@link #appendAll} gets together). Reads only
 * ever touch these, so their cost grows with days × instances (and, for the unique users of a period some user was
 * seen after, with end users × months), never with the number of events.
 * Rows are always written in key order, so concurrent batches take their row locks in the same order and cannot
 * deadlock one another.
 *
 * <p>Two ways to write, one per kind of database:
 * <ul>
 *   <li>PostgreSQL, appends run concurrently: {@code INSERT … ON CONFLICT DO NOTHING RETURNING} makes a transaction
 *       that meets a key another one is inserting wait for it, and skip the key if that one commits; rollups are
 *       {@code INSERT … ON CONFLICT (key) DO UPDATE SET tokens = tokens + excluded.tokens, …} and
 *       {@code … SET day_bits = day_bits | excluded.day_bits}. At most nine statements per append whatever its
 *       size (each row set is one array per column; end-user rows known to hold their days are not sent), plus one
 *       lookup of the duplicates' stored originals when there are any.</li>
 *   <li>H2 has neither. jOOQ emulates both with {@code MERGE … USING (SELECT … UNION ALL SELECT …)}, which H2 took
 *       seconds to run for 300 rows and failed with an internal error for 1000, and whose {@code FINAL TABLE}
 *       answered "no rows inserted" for rows it had inserted when 8 threads appended overlapping batches. So on H2,
 *       whose file belongs to one process anyway, appends to one database take turns under {@link #serialAppends}
 *       and use plain statements: look up which keys are stored and insert the others; read, delete and re-insert
 *       the rollup and end-user rows the batch touches.</li>
 * </ul>
 */
final class JooqUsageLedger implements UsageLedger, UsageSums {

    /**
     * Rows per multi-row statement on H2 (PostgreSQL's statements take arrays, whatever their length): 1000 events,
     * the API's largest batch, in one statement.
     */
    static final int ROWS_PER_STATEMENT = 1000;

    /** How long an append waits for its turn on H2 before giving up. */
    private static final Duration APPEND_TURN_TIMEOUT = Duration.ofSeconds(60);
    /** End-user rows whose stored days this process remembers: about 250 bytes each, so some 25 MB at most. */
    static final long KNOWN_DAYS_KEPT = 100_000;

    private final DSLContext dsl;
    private final Optional<Lock> serialAppends;
    private final RenderedReads reads;
    /**
     * Days each end-user row is known to hold, from appends this process committed (PostgreSQL only). A live router
     * reports the same users all day, and asking the database whether their row already holds today was most of the
     * end-user statements' cost; rows known to hold it are not sent. Days are only ever added to a row, so what is
     * known stays true (another replica's additions only make it incomplete, and the database still checks what is
     * sent); it is learnt only after the commit, so a rolled-back append teaches nothing.
     */
    private final Cache<EndUserKey, Long> knownDays = Caffeine.newBuilder().maximumSize(KNOWN_DAYS_KEPT).build();

    /**
     * A ledger on {@code dsl}.
     *
     * @param serialAppends empty where the database resolves concurrent inserts of one key itself (PostgreSQL);
     *                      else the lock every append to this database takes, which lets it write with plain
     *                      statements (H2)
     */
    JooqUsageLedger(DSLContext dsl, Optional<Lock> serialAppends) {
        this.dsl = dsl;
        this.serialAppends = serialAppends;
        this.reads = new RenderedReads(dsl);
    }

    @Override
    public List<AppendResult> appendAll(List<List<UsageEvent>> batches) {
        // The first occurrence of a key, in batch order, wins; later ones are duplicates whatever they carry.
        Map<EventKey, UsageEvent> firstByKey = new HashMap<>();
        batches.forEach(batch -> batch.forEach(e -> firstByKey.putIfAbsent(EventKey.of(e), e)));
        List<UsageEvent> candidates = new ArrayList<>(firstByKey.values());
        candidates.sort(JooqUsageLedger::inKeyOrder);
        // the instance of the stored event behind each candidate the database already held; the others were inserted
        Map<EventKey, String> originals;
        if (serialAppends.isEmpty()) {
            Map<EndUserKey, Long> sent = new HashMap<>();
            originals = ConflictRetry.run(() -> Transactions.result(dsl, tx -> {
                sent.clear(); // a retried attempt sends its own rows
                return appendConcurrently(tx.dsl(), candidates, sent);
            }));
            // committed: every end-user row sent now holds at least the days it was sent with
            sent.forEach((row, days) -> knownDays.asMap().merge(row, days, (a, b) -> a | b));
        } else {
            originals = inTurn(serialAppends.get(),
                    () -> Transactions.result(dsl, tx -> appendInTurn(tx.dsl(), candidates)));
        }
        Set<EventKey> claimed = new HashSet<>();
        List<AppendResult> results = new ArrayList<>(batches.size());
        for (List<UsageEvent> batch : batches) {
            int accepted = 0;
            Map<String, Set<String>> instances = new HashMap<>();
            for (UsageEvent e : batch) {
                EventKey key = EventKey.of(e);
                String instance = originals.get(key);
                if (instance == null) {
                    instance = firstByKey.get(key).instanceId();
                    if (claimed.add(key)) {
                        accepted++;
                    }
                }
                instances.computeIfAbsent(e.accountId(), a -> new HashSet<>()).add(instance);
            }
            results.add(new AppendResult(accepted, batch.size() - accepted, instances));
        }
        return results;
    }

    // Spelled out: the same with Comparator.comparing(…).thenComparing(…) was a tenth of a grouped write's CPU.
    private static int inKeyOrder(UsageEvent a, UsageEvent b) {
        int c = a.accountId().compareTo(b.accountId());
        return c != 0 ? c : a.eventId().compareTo(b.eventId());
    }

    // ---------------------------------------------------------------- PostgreSQL: the database arbitrates

    /**
     * Inserts the candidates the database does not hold yet and adds exactly those to the rollups.
     *
     * <p>Each statement passes its rows as one array per column and unpacks them with {@code unnest}: three
     * statements of a few bind values each, however large the batch, instead of thousands of bind values that jOOQ
     * and the driver would have to render and bind one by one (that was most of an append's time).
     */
    private Map<EventKey, String> appendConcurrently(DSLContext tx, List<UsageEvent> candidates,
                                                     Map<EndUserKey, Long> sent) {
        Set<EventKey> fresh = new HashSet<>();
        int n = candidates.size();
        String[] accounts = new String[n];
        String[] ids = new String[n];
        String[] instances = new String[n];
        OffsetDateTime[] occurred = new OffsetDateTime[n];
        Long[] tokens = new Long[n];
        Long[] requests = new Long[n];
        Long[] costs = new Long[n];
        String[] endUsers = new String[n];
        String[] conversations = new String[n];
        for (int i = 0; i < n; i++) {
            UsageEvent e = candidates.get(i);
            accounts[i] = e.accountId();
            ids[i] = e.eventId();
            instances[i] = e.instanceId();
            occurred[i] = Times.toDb(e.occurredAt());
            tokens[i] = e.tokens();
            requests[i] = e.requests();
            costs[i] = e.cost().micros();
            endUsers[i] = e.endUserId();
            conversations[i] = e.conversationId();
        }
        List<Field<?>> columns = List.of(USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID, USAGE_EVENT.INSTANCE_ID,
                USAGE_EVENT.OCCURRED_AT, USAGE_EVENT.TOKENS, USAGE_EVENT.REQUESTS, USAGE_EVENT.COST_MICROS,
                USAGE_EVENT.END_USER_ID, USAGE_EVENT.CONVERSATION_ID);
        tx.insertInto(USAGE_EVENT).columns(columns)
                .select(Unnest.select(columns, accounts, ids, instances, occurred, tokens, requests, costs, endUsers,
                        conversations))
                .onConflictDoNothing()
                .returningResult(USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID)
                .fetch()
                .forEach(r -> fresh.add(new EventKey(r.value1(), r.value2())));
        List<UsageEvent> inserted = new ArrayList<>(fresh.size());
        List<UsageEvent> repeated = new ArrayList<>();
        candidates.forEach(e -> (fresh.contains(EventKey.of(e)) ? inserted : repeated).add(e));
        Map<EventKey, String> originals = originalInstances(tx, repeated);
        if (inserted.isEmpty()) {
            return originals;
        }
        Rollups rollups = Rollups.of(inserted);
        Map<EndUserTable<?>, Map<EndUserKey, Long>> added = new HashMap<>();
        for (EndUserTable<?> table : EndUserTable.BOTH) {
            Map<EndUserKey, Long> days = notKnownToHold(rollups.endUsers(table));
            if (!days.isEmpty()) {
                addDaysConcurrently(tx, table, days);
                sent.putAll(days);
            }
            added.put(table, days);
        }
        // a row known to hold its days needs no last day either: the append that added them moved it there or later
        for (EndUserTable<?> table : EndUserTable.BOTH) {
            SortedMap<LastDays.Key, Integer> seen = lastDaysSeen(added.get(table));
            if (!seen.isEmpty()) {
                table.lastDays().moveConcurrently(tx, seen);
            }
        }
        // Last, just before the commit: every group of a live router adds to the same rows (today's sums), so a
        // concurrent group waits for these row locks until this transaction commits. Taken last, they are held for
        // these two statements and the commit, not for the end users' statements too. Every writer takes the tables
        // in the same order (events, end users, last days, sums), each in key order: no deadlock.
        for (SumsTable table : SumsTable.BOTH) {
            upsertSums(tx, table, rollups.sums(table));
        }
        return originals;
    }

    /** The last day each end user was seen on in {@code days} (rows of one end-user table), in key order. */
    private static SortedMap<LastDays.Key, Integer> lastDaysSeen(Map<EndUserKey, Long> days) {
        SortedMap<LastDays.Key, Integer> seen = new TreeMap<>();
        days.forEach((row, bits) -> seen.merge(new LastDays.Key(row.accountId(), row.instanceId(), row.endUserId()),
                LastDays.lastDayOf(row.month(), bits), Math::max));
        return seen;
    }

    /** The rows of {@code days} that may add a day to what is stored, as far as this process knows, in key order. */
    private Map<EndUserKey, Long> notKnownToHold(Map<EndUserKey, Long> days) {
        Map<EndUserKey, Long> unknown = new TreeMap<>();
        days.forEach((row, bits) -> {
            Long known = knownDays.getIfPresent(row);
            if (known == null || (known | bits) != known) {
                unknown.put(row, bits);
            }
        });
        return unknown;
    }

    /**
     * The instance of the stored event behind each of {@code repeated}'s keys (all stored): the keys as bound arrays
     * joined to the primary key, one index probe each. (A row-value IN list was planned as a scan of the accounts'
     * events, 16 ms for 28 keys after a few seconds of ingestion.)
     */
    private static Map<EventKey, String> originalInstances(DSLContext tx, List<UsageEvent> repeated) {
        Map<EventKey, String> instances = new HashMap<>();
        if (repeated.isEmpty()) {
            return instances;
        }
        List<Field<?>> key = List.of(USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID);
        Table<?> keys = Unnest.table(key, repeated.stream().map(UsageEvent::accountId).toArray(String[]::new),
                repeated.stream().map(UsageEvent::eventId).toArray(String[]::new));
        tx.select(USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID, USAGE_EVENT.INSTANCE_ID).from(keys, USAGE_EVENT)
                .where(USAGE_EVENT.ACCOUNT_ID.in(repeated.stream().map(UsageEvent::accountId).distinct().toList()),
                        USAGE_EVENT.ACCOUNT_ID.eq(Unnest.column(USAGE_EVENT.ACCOUNT_ID)),
                        USAGE_EVENT.EVENT_ID.eq(Unnest.column(USAGE_EVENT.EVENT_ID)))
                .forEach(r -> instances.put(new EventKey(r.value1(), r.value2()), r.value3()));
        return instances;
    }

    /** Adds the sums to their rows: new rows are inserted, stored ones added to, in one statement. */
    private static void upsertSums(DSLContext tx, SumsTable table, Map<RollupKey, Sums> rows) {
        List<Field<?>> columns = table.columns();
        Object[][] arrays = Unnest.arrays(columns, rows.entrySet(), row -> table.values(row.getKey(), row.getValue()));
        tx.insertInto(table.table()).columns(columns)
                .select(Unnest.select(columns, arrays))
                .onConflict(table.key()).doUpdate()
                .set(table.tokens(), table.tokens().plus(excluded(table.tokens())))
                .set(table.requests(), table.requests().plus(excluded(table.requests())))
                .set(table.costMicros(), table.costMicros().plus(excluded(table.costMicros())))
                .execute();
    }

    /**
     * Adds the days to the end users' rows: new rows are inserted, stored ones OR-ed where that adds a day. The rows
     * known to hold their days are left out before (see {@link #notKnownToHold}), so what is sent is mostly new.
     * (A {@code WHERE NOT EXISTS} probe for stored rows already holding the days, kept from before that cache, made
     * this statement 49 ms per group of ~4,500 live events, mean over a 30 s run, where the upsert of the same users
     * into the last-days table took 3.4; without the probe it takes 4.2, and ingestion went from ~55,000 to ~76,000
     * events/s.)
     */
    private static <R extends Record> void addDaysConcurrently(DSLContext tx, EndUserTable<R> table,
                                                               Map<EndUserKey, Long> days) {
        List<Field<?>> columns = table.columns();
        Object[][] arrays = Unnest.arrays(columns, days.entrySet(), row -> table.values(row.getKey(), row.getValue()));
        Field<Long> bits = table.dayBits();
        Field<Long> merged = bitOr(bits, excluded(bits));
        tx.insertInto(table.table()).columns(columns)
                .select(Unnest.select(columns, arrays))
                .onConflict(table.key()).doUpdate()
                .set(bits, merged)
                .where(merged.ne(bits))
                .execute();
    }

    // ---------------------------------------------------------------- H2: appends take turns

    private static <T> T inTurn(Lock lock, Supplier<T> append) {
        try {
            if (!lock.tryLock(APPEND_TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no turn to append usage within " + APPEND_TURN_TIMEOUT.toSeconds()
                        + " s: the embedded database is overloaded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to append usage", e);
        }
        try {
            return append.get();
        } finally {
            lock.unlock();
        }
    }

    /** With no concurrent append possible: insert the candidates not stored yet, then add them to the rollups. */
    private static Map<EventKey, String> appendInTurn(DSLContext tx, List<UsageEvent> candidates) {
        Map<String, List<UsageEvent>> byAccount = new TreeMap<>();
        candidates.forEach(e -> byAccount.computeIfAbsent(e.accountId(), a -> new ArrayList<>()).add(e));
        List<UsageEvent> inserted = new ArrayList<>();
        Map<EventKey, String> originalInstances = new HashMap<>();
        byAccount.forEach((account, accountEvents) -> {
            Set<String> stored = new HashSet<>();
            for (List<UsageEvent> chunk : chunks(accountEvents)) {
                tx.select(USAGE_EVENT.EVENT_ID, USAGE_EVENT.INSTANCE_ID).from(USAGE_EVENT)
                        .where(USAGE_EVENT.ACCOUNT_ID.eq(account),
                                USAGE_EVENT.EVENT_ID.in(chunk.stream().map(UsageEvent::eventId).toList()))
                        .forEach(r -> {
                            stored.add(r.value1());
                            originalInstances.put(new EventKey(account, r.value1()), r.value2());
                        });
            }
            accountEvents.stream().filter(e -> !stored.contains(e.eventId())).forEach(inserted::add);
        });
        for (List<UsageEvent> chunk : chunks(inserted)) {
            eventInsert(tx, chunk).execute();
        }

        Rollups rollups = Rollups.of(inserted);
        for (SumsTable table : SumsTable.BOTH) {
            for (Map.Entry<String, Map<RollupKey, Sums>> account : rollups.sumsByAccount(table).entrySet()) {
                addToRollupsInTurn(tx, table, account.getKey(), account.getValue());
            }
        }
        for (EndUserTable<?> table : EndUserTable.BOTH) {
            for (Map<EndUserKey, Long> account : rollups.endUsersByAccount(table).values()) {
                addDaysInTurn(tx, table, account);
            }
            table.lastDays().moveInTurn(tx, lastDaysSeen(rollups.endUsers(table)));
        }
        return originalInstances;
    }

    /**
     * Adds one account's sums to its rollup rows in three statements whatever their number: read the rows the batch
     * touches, delete them, insert them back with the batch added (and the new ones).
     */
    private static void addToRollupsInTurn(DSLContext tx, SumsTable table, String accountId,
                                           Map<RollupKey, Sums> batch) {
        List<Field<?>> key = table.key();
        for (List<Map.Entry<RollupKey, Sums>> chunk : chunks(List.copyOf(batch.entrySet()))) {
            Condition touched = table.accountId().eq(accountId).and(DSL.row(key.subList(1, key.size())).in(chunk
                    .stream().map(e -> DSL.row(table.keyValues(e.getKey()).subList(1, key.size()))).toList()));
            Map<RollupKey, Sums> merged = new TreeMap<>();
            chunk.forEach(e -> merged.put(e.getKey(), e.getValue().copy()));
            tx.select(table.columns()).from(table.table()).where(touched).forEach(r -> merged.get(table.keyOf(r))
                    .add(r.get(table.tokens()), r.get(table.requests()), r.get(table.costMicros())));
            tx.deleteFrom(table.table()).where(touched).execute();
            var insert = tx.insertInto(table.table()).columns(table.columns());
            for (Map.Entry<RollupKey, Sums> row : merged.entrySet()) {
                insert = insert.values(table.values(row.getKey(), row.getValue()));
            }
            insert.execute();
        }
    }

    /** Adds one account's end-user days the same way: read the rows the batch touches, delete, insert them merged. */
    private static <R extends Record> void addDaysInTurn(DSLContext tx, EndUserTable<R> table,
                                                         Map<EndUserKey, Long> batch) {
        for (List<Map.Entry<EndUserKey, Long>> chunk : chunks(List.copyOf(batch.entrySet()))) {
            String accountId = chunk.get(0).getKey().accountId();
            List<Field<?>> key = table.key();
            Condition touched = table.accountId().eq(accountId).and(DSL.row(key.subList(1, key.size())).in(chunk
                    .stream().map(e -> DSL.row(table.keyValues(e.getKey()).subList(1, key.size()))).toList()));
            Map<EndUserKey, Long> merged = new TreeMap<>();
            chunk.forEach(e -> merged.put(e.getKey(), e.getValue()));
            tx.select(table.columns()).from(table.table()).where(touched)
                    .forEach(r -> merged.merge(table.keyOf(r), r.get(table.dayBits()), (a, b) -> a | b));
            tx.deleteFrom(table.table()).where(touched).execute();
            var insert = tx.insertInto(table.table()).columns(table.columns());
            for (Map.Entry<EndUserKey, Long> row : merged.entrySet()) {
                insert = insert.values(table.values(row.getKey(), row.getValue()));
            }
            insert.execute();
        }
    }

    // ---------------------------------------------------------------- statements both paths share

    private static InsertValuesStep9<UsageEventRecord, String, String, String, OffsetDateTime, Long, Long, Long,
            String, String> eventInsert(DSLContext tx, List<UsageEvent> events) {
        var insert = tx.insertInto(USAGE_EVENT, USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID, USAGE_EVENT.INSTANCE_ID,
                USAGE_EVENT.OCCURRED_AT, USAGE_EVENT.TOKENS, USAGE_EVENT.REQUESTS, USAGE_EVENT.COST_MICROS,
                USAGE_EVENT.END_USER_ID, USAGE_EVENT.CONVERSATION_ID);
        for (UsageEvent e : events) {
            insert = insert.values(e.accountId(), e.eventId(), e.instanceId(), Times.toDb(e.occurredAt()), e.tokens(),
                    e.requests(), e.cost().micros(), e.endUserId(), e.conversationId());
        }
        return insert;
    }

    // ---------------------------------------------------------------- reads: rollups only

    @Override
    public UsageTotals totals(String accountId, BillingPeriod period) {
        LocalDate first = period.firstDay();
        LocalDate end = period.endDay();
        // every page view reads this: rendered once (see RenderedReads)
        Record sums = reads.fetch("totals", () -> dsl
                        .select(sum(USAGE_ACCOUNT_DAILY.TOKENS), sum(USAGE_ACCOUNT_DAILY.REQUESTS),
                                sum(USAGE_ACCOUNT_DAILY.COST_MICROS),
                                LastDays.ACCOUNT.usersLastSeenIn(accountId, first, end),
                                LastDays.ACCOUNT.daysLastSeenFrom(accountId, end))
                        .from(USAGE_ACCOUNT_DAILY)
                        .where(USAGE_ACCOUNT_DAILY.ACCOUNT_ID.eq(accountId),
                                inPeriod(USAGE_ACCOUNT_DAILY.USAGE_DAY, period)),
                accountId, LastDays.dayOf(first), LastDays.dayOf(end), accountId, LastDays.dayOf(end), 0L,
                accountId, first, end).get(0);
        int users = sums.get(4, Integer.class) == 0 ? Math.toIntExact(asLong(sums.get(3, BigDecimal.class)))
                : usersFromMonths(accountId, period);
        return new UsageTotals(asLong(sums.get(0, BigDecimal.class)), asLong(sums.get(1, BigDecimal.class)),
                Money.ofMicros(asLong(sums.get(2, BigDecimal.class))), users);
    }

    /**
     * The account's unique users in any period, from the month rows: users × months rows, where the last days
     * answer the current period from days rows (see {@link LastDays}).
     */
    private int usersFromMonths(String accountId, BillingPeriod period) {
        SortedMap<Integer, Long> masks = MonthDays.masks(period.firstDay(), period.endDay());
        return reads.fetch("users over months: " + masks.size(), () -> dsl
                        // distinct users by grouping, which PostgreSQL hashes, where COUNT(DISTINCT) sorts its
                        // input: half the time for an account of 1,000 users over two months
                        .selectCount().from(DSL.select(USAGE_MONTH_END_USER.END_USER_ID)
                                .from(USAGE_MONTH_END_USER)
                                .where(USAGE_MONTH_END_USER.ACCOUNT_ID.eq(accountId),
                                        seenIn(EndUserTable.ACCOUNT, masks))
                                .groupBy(USAGE_MONTH_END_USER.END_USER_ID)),
                seenByBinds(accountId, masks).toArray()).get(0).get(0, Integer.class);
    }

    @Override
    public List<InstanceUsage> byInstance(String accountId, BillingPeriod period) {
        Map<String, Integer> users = new HashMap<>();
        int end = LastDays.dayOf(period.endDay());
        boolean countable = true;
        // rendered once per shape (see RenderedReads), as the overview's reads
        for (Record r : reads.fetch("users by instance by last day", () -> LastDays.INSTANCE.usersByInstance(dsl,
                accountId, period.firstDay(), period.endDay()), end, accountId, LastDays.dayOf(period.firstDay()),
                0L)) {
            users.put(r.get(0, String.class), Math.toIntExact(asLong(r.get(1, BigDecimal.class))));
            countable &= r.get(2, Integer.class) < end;
        }
        if (!countable) {
            users.clear();
            SortedMap<Integer, Long> masks = MonthDays.masks(period.firstDay(), period.endDay());
            reads.fetch("users by instance over months: " + masks.size(), () -> dsl
                            .select(USAGE_MONTH_INSTANCE_END_USER.INSTANCE_ID,
                                    countDistinct(USAGE_MONTH_INSTANCE_END_USER.END_USER_ID))
                            .from(USAGE_MONTH_INSTANCE_END_USER)
                            .where(USAGE_MONTH_INSTANCE_END_USER.ACCOUNT_ID.eq(accountId),
                                    seenIn(EndUserTable.INSTANCE, masks))
                            .groupBy(USAGE_MONTH_INSTANCE_END_USER.INSTANCE_ID),
                            seenByBinds(accountId, masks).toArray())
                    .forEach(r -> users.put(r.get(0, String.class), r.get(1, Integer.class)));
        }
        return reads.fetch("sums by instance", () -> dsl
                        .select(USAGE_DAILY.INSTANCE_ID, sum(USAGE_DAILY.TOKENS), sum(USAGE_DAILY.REQUESTS),
                                sum(USAGE_DAILY.COST_MICROS))
                        .from(USAGE_DAILY)
                        .where(USAGE_DAILY.ACCOUNT_ID.eq(accountId), inPeriod(USAGE_DAILY.USAGE_DAY, period))
                        .groupBy(USAGE_DAILY.INSTANCE_ID)
                        .orderBy(USAGE_DAILY.INSTANCE_ID), accountId, period.firstDay(), period.endDay())
                .stream().map(r -> {
                    String instanceId = r.get(0, String.class);
                    return new InstanceUsage(instanceId, new UsageTotals(asLong(r.get(1, BigDecimal.class)),
                            asLong(r.get(2, BigDecimal.class)), Money.ofMicros(asLong(r.get(3, BigDecimal.class))),
                            users.getOrDefault(instanceId, 0)));
                }).toList();
    }

    @Override
    public List<DailyUsage> daily(String accountId, LocalDate firstDay, LocalDate lastDay,
                                  Optional<String> instanceId) {
        // the account's own day rows when no instance is asked for: a row per day instead of one per day and instance
        List<Object> binds = new ArrayList<>(List.of(accountId, firstDay, lastDay));
        instanceId.ifPresent(binds::add);
        // rendered once per shape (see RenderedReads), as the overview's reads
        return reads.fetch(instanceId.isPresent() ? "daily sums of an instance" : "daily sums", () -> {
                    if (instanceId.isEmpty()) {
                        return dsl.select(USAGE_ACCOUNT_DAILY.USAGE_DAY, USAGE_ACCOUNT_DAILY.TOKENS,
                                        USAGE_ACCOUNT_DAILY.REQUESTS, USAGE_ACCOUNT_DAILY.COST_MICROS)
                                .from(USAGE_ACCOUNT_DAILY)
                                .where(USAGE_ACCOUNT_DAILY.ACCOUNT_ID.eq(accountId),
                                        USAGE_ACCOUNT_DAILY.USAGE_DAY.between(firstDay, lastDay))
                                .orderBy(USAGE_ACCOUNT_DAILY.USAGE_DAY);
                    }
                    return dsl.select(USAGE_DAILY.USAGE_DAY, USAGE_DAILY.TOKENS, USAGE_DAILY.REQUESTS,
                                    USAGE_DAILY.COST_MICROS)
                            .from(USAGE_DAILY)
                            .where(USAGE_DAILY.ACCOUNT_ID.eq(accountId),
                                    USAGE_DAILY.USAGE_DAY.between(firstDay, lastDay),
                                    USAGE_DAILY.INSTANCE_ID.eq(instanceId.get()))
                            .orderBy(USAGE_DAILY.USAGE_DAY);
                }, binds.toArray())
                .stream().map(r -> new DailyUsage(r.get(0, LocalDate.class), r.get(1, Long.class),
                        r.get(2, Long.class), Money.ofMicros(r.get(3, Long.class))))
                .toList();
    }

    /** Periods are whole UTC days, so a period is exactly the rollup days from its first day to its end day. */
    private static Condition inPeriod(Field<LocalDate> day, BillingPeriod period) {
        return day.ge(period.firstDay()).and(day.lt(period.endDay()));
    }

    /**
     * End-user rows with a day in the period: the period's mask for each month it touches. A user seen in two of the
     * period's months has a row in each, so users are counted distinct: per instance with {@code COUNT(DISTINCT)}
     * (grouping by instance and user in a derived table, which EXPLAIN ANALYZE preferred on a hand-made table, was
     * slower in the benchmark once PostgreSQL had statistics: 35 ms against 16 for the usage read at 10^6 events);
     * for the whole account by grouping by user, which PostgreSQL hashes (0.69 against 1.10 ms for 1,000 users over
     * two months).
     */
    private static Condition seenIn(EndUserTable<?> table, SortedMap<Integer, Long> masks) {
        if (masks.isEmpty()) {
            return DSL.falseCondition();
        }
        Condition anyDay = DSL.or(masks.entrySet().stream()
                .map(m -> table.month().eq(m.getKey()).and(bitAnd(table.dayBits(), m.getValue()).ne(0L)))
                .toList());
        // the range first, so the primary key narrows the scan to these months
        return table.month().between(masks.firstKey(), masks.lastKey()).and(anyDay);
    }

    /**
     * The bind values of {@code account_id = ?} followed by {@link #seenIn(EndUserTable, SortedMap)}, in their
     * order: how both end-user reads start their WHERE clause.
     */
    private static List<Object> seenByBinds(String accountId, SortedMap<Integer, Long> masks) {
        List<Object> binds = new ArrayList<>();
        binds.add(accountId);
        if (!masks.isEmpty()) {
            binds.add(masks.firstKey());
            binds.add(masks.lastKey());
            masks.forEach((month, mask) -> binds.addAll(List.of(month, mask, 0L)));
        }
        return binds;
    }

    /** SUM over no rows is NULL; over BIGINT it is NUMERIC, read back exactly or not at all. */
    private static long asLong(BigDecimal value) {
        return value == null ? 0 : value.longValueExact();
    }

    static <T> List<List<T>> chunks(List<T> rows) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** An event's identity: its account and its id. */
    private record EventKey(String accountId, String eventId) {
        static EventKey of(UsageEvent e) {
            return new EventKey(e.accountId(), e.eventId());
        }

        // Spelled out, as the comparators: the records' generated equals and hashCode (method handles) were a tenth
        // of a grouped write's CPU in JFR.
        @Override
        public boolean equals(Object o) {
            return o instanceof EventKey k && eventId.equals(k.eventId) && accountId.equals(k.accountId);
        }

        @Override
        public int hashCode() {
            return 31 * accountId.hashCode() + eventId.hashCode();
        }
    }

    /** One rollup row's key, ordered as the primary key is, so rows are always written in the same order. */
    private record RollupKey(String accountId, LocalDate day, String instanceId) implements Comparable<RollupKey> {
        @Override
        public int compareTo(RollupKey other) {
            int c = accountId.compareTo(other.accountId);
            if (c == 0) {
                c = day.compareTo(other.day);
            }
            // both rows are of the same table, so either both or neither have an instance
            return c != 0 || instanceId == null ? c : instanceId.compareTo(other.instanceId);
        }
    }

    /**
     * One of the two sums tables, described by its columns so that both are written by the same code: per account,
     * day and instance ({@code usage_daily}), and per account and day ({@code usage_account_daily}, whose keys have
     * no instance). Compared by identity: there are exactly two.
     */
    private static final class SumsTable {

        static final SumsTable ACCOUNT = new SumsTable(USAGE_ACCOUNT_DAILY, USAGE_ACCOUNT_DAILY.ACCOUNT_ID,
                USAGE_ACCOUNT_DAILY.USAGE_DAY, null, USAGE_ACCOUNT_DAILY.TOKENS, USAGE_ACCOUNT_DAILY.REQUESTS,
                USAGE_ACCOUNT_DAILY.COST_MICROS);
        static final SumsTable INSTANCE = new SumsTable(USAGE_DAILY, USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY,
                USAGE_DAILY.INSTANCE_ID, USAGE_DAILY.TOKENS, USAGE_DAILY.REQUESTS, USAGE_DAILY.COST_MICROS);
        /**
         * In the order every writer takes them. Both hold the rows a live router adds to all day (today's), so both
         * go last; the account's first, as its rows are the fewer and the more shared.
         */
        static final List<SumsTable> BOTH = List.of(ACCOUNT, INSTANCE);

        private final Table<?> table;
        private final Field<String> accountId;
        private final Field<LocalDate> day;
        private final Field<String> instanceId;
        private final Field<Long> tokens;
        private final Field<Long> requests;
        private final Field<Long> costMicros;
        private final List<Field<?>> key;
        private final List<Field<?>> columns;

        /** @param instanceId the instance column, or null for the per-account table */
        private SumsTable(Table<?> table, Field<String> accountId, Field<LocalDate> day, Field<String> instanceId,
                          Field<Long> tokens, Field<Long> requests, Field<Long> costMicros) {
            this.table = table;
            this.accountId = accountId;
            this.day = day;
            this.instanceId = instanceId;
            this.tokens = tokens;
            this.requests = requests;
            this.costMicros = costMicros;
            this.key = instanceId == null ? List.of(accountId, day) : List.of(accountId, day, instanceId);
            List<Field<?>> all = new ArrayList<>(key);
            all.addAll(List.of(tokens, requests, costMicros));
            this.columns = List.copyOf(all);
        }

        Table<?> table() {
            return table;
        }

        Field<String> accountId() {
            return accountId;
        }

        Field<Long> tokens() {
            return tokens;
        }

        Field<Long> requests() {
            return requests;
        }

        Field<Long> costMicros() {
            return costMicros;
        }

        /** The primary key's columns, in order. */
        List<Field<?>> key() {
            return key;
        }

        /** The key's columns, then the sums. */
        List<Field<?>> columns() {
            return columns;
        }

        /** The row {@code e} adds to. */
        RollupKey keyOf(UsageEvent e) {
            return new RollupKey(e.accountId(), e.utcDay(), instanceId == null ? null : e.instanceId());
        }

        RollupKey keyOf(Record row) {
            return new RollupKey(row.get(accountId), row.get(day), instanceId == null ? null : row.get(instanceId));
        }

        /** {@code key}'s values, in the order of {@link #key()}. */
        List<Object> keyValues(RollupKey key) {
            return instanceId == null ? List.of(key.accountId(), key.day())
                    : List.of(key.accountId(), key.day(), key.instanceId());
        }

        /** A row's values, in the order of {@link #columns()}. */
        List<Object> values(RollupKey key, Sums sums) {
            List<Object> values = new ArrayList<>(keyValues(key));
            values.addAll(List.of(sums.tokens, sums.requests, sums.costMicros));
            return values;
        }
    }

    /**
     * An end user's row in one of the end-user tables: {@code instanceId} is null in the per-account table. Ordered
     * as the primary keys are.
     */
    private record EndUserKey(String accountId, int month, String instanceId, String endUserId)
            implements Comparable<EndUserKey> {
        @Override
        public int compareTo(EndUserKey other) {
            int c = accountId.compareTo(other.accountId);
            if (c == 0) {
                c = Integer.compare(month, other.month);
            }
            if (c == 0 && instanceId != null) {
                // both rows are of the same table, so either both or neither have an instance
                c = instanceId.compareTo(other.instanceId);
            }
            return c != 0 ? c : endUserId.compareTo(other.endUserId);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EndUserKey k && month == k.month && endUserId.equals(k.endUserId)
                    && accountId.equals(k.accountId) && Objects.equals(instanceId, k.instanceId);
        }

        @Override
        public int hashCode() {
            return ((31 * accountId.hashCode() + month) * 31 + Objects.hashCode(instanceId)) * 31
                    + endUserId.hashCode();
        }
    }

    /**
     * One of the two end-user tables, described by its columns so that both are written by the same code. Compared
     * by identity: there are exactly two.
     */
    private static final class EndUserTable<R extends Record> {

        static final EndUserTable<?> ACCOUNT = new EndUserTable<>(USAGE_MONTH_END_USER,
                USAGE_MONTH_END_USER.ACCOUNT_ID, USAGE_MONTH_END_USER.USAGE_MONTH, null,
                USAGE_MONTH_END_USER.END_USER_ID, USAGE_MONTH_END_USER.DAY_BITS, LastDays.ACCOUNT);
        static final EndUserTable<?> INSTANCE = new EndUserTable<>(USAGE_MONTH_INSTANCE_END_USER,
                USAGE_MONTH_INSTANCE_END_USER.ACCOUNT_ID, USAGE_MONTH_INSTANCE_END_USER.USAGE_MONTH,
                USAGE_MONTH_INSTANCE_END_USER.INSTANCE_ID, USAGE_MONTH_INSTANCE_END_USER.END_USER_ID,
                USAGE_MONTH_INSTANCE_END_USER.DAY_BITS, LastDays.INSTANCE);
        static final List<EndUserTable<?>> BOTH = List.of(ACCOUNT, INSTANCE);

        private final Table<R> table;
        private final Field<String> accountId;
        private final Field<Integer> month;
        private final Field<String> instanceId;
        private final Field<String> endUserId;
        private final Field<Long> dayBits;
        private final List<Field<?>> key;
        private final List<Field<?>> columns;
        private final LastDays lastDays;

        /**
         * @param instanceId the instance column, or null for the per-account table
         * @param lastDays   the last days of the same end users
         */
        private EndUserTable(Table<R> table, Field<String> accountId, Field<Integer> month, Field<String> instanceId,
                             Field<String> endUserId, Field<Long> dayBits, LastDays lastDays) {
            this.table = table;
            this.lastDays = lastDays;
            this.accountId = accountId;
            this.month = month;
            this.instanceId = instanceId;
            this.endUserId = endUserId;
            this.dayBits = dayBits;
            this.key = instanceId == null ? List.of(accountId, month, endUserId)
                    : List.of(accountId, month, instanceId, endUserId);
            List<Field<?>> all = new ArrayList<>(key);
            all.add(dayBits);
            this.columns = List.copyOf(all);
        }

        Table<R> table() {
            return table;
        }

        LastDays lastDays() {
            return lastDays;
        }

        Field<String> accountId() {
            return accountId;
        }

        Field<Integer> month() {
            return month;
        }

        Field<Long> dayBits() {
            return dayBits;
        }

        boolean perInstance() {
            return instanceId != null;
        }

        /** The primary key's columns, in order. */
        List<Field<?>> key() {
            return key;
        }

        /** The key's columns, then {@code day_bits}. */
        List<Field<?>> columns() {
            return columns;
        }

        /** {@code key}'s values, in the order of {@link #key()}. */
        List<Object> keyValues(EndUserKey key) {
            return perInstance() ? List.of(key.accountId(), key.month(), key.instanceId(), key.endUserId())
                    : List.of(key.accountId(), key.month(), key.endUserId());
        }

        /** A row's values, in the order of {@link #columns()}. */
        List<Object> values(EndUserKey key, long bits) {
            List<Object> values = new ArrayList<>(keyValues(key));
            values.add(bits);
            return values;
        }

        EndUserKey keyOf(Record row) {
            return new EndUserKey(row.get(accountId), row.get(month), perInstance() ? row.get(instanceId) : null,
                    row.get(endUserId));
        }

        /** Where {@code e}'s end user goes in this table. */
        EndUserKey keyOf(UsageEvent e) {
            return new EndUserKey(e.accountId(), MonthDays.monthOf(e.utcDay()), perInstance() ? e.instanceId() : null,
                    e.endUserId());
        }
    }

    /** What a batch of new events adds: sums per rollup row, and days per end-user row of each table, in key order. */
    private static final class Rollups {
        private final Map<SumsTable, Map<RollupKey, Sums>> sums = new HashMap<>();
        private final Map<EndUserTable<?>, Map<EndUserKey, Long>> endUsers = new HashMap<>();

        static Rollups of(List<UsageEvent> inserted) {
            Rollups rollups = new Rollups();
            SumsTable.BOTH.forEach(t -> rollups.sums.put(t, new TreeMap<>()));
            EndUserTable.BOTH.forEach(t -> rollups.endUsers.put(t, new TreeMap<>()));
            for (UsageEvent e : inserted) {
                rollups.sums.forEach((table, rows) -> rows.computeIfAbsent(table.keyOf(e), k -> new Sums()).add(e));
                if (e.endUserId() != null) {
                    long bit = MonthDays.bitOf(e.utcDay());
                    rollups.endUsers.forEach((table, days) -> days.merge(table.keyOf(e), bit, (a, b) -> a | b));
                }
            }
            return rollups;
        }

        Map<RollupKey, Sums> sums(SumsTable table) {
            return sums.get(table);
        }

        Map<String, Map<RollupKey, Sums>> sumsByAccount(SumsTable table) {
            return byAccount(sums(table), RollupKey::accountId);
        }

        Map<EndUserKey, Long> endUsers(EndUserTable<?> table) {
            return endUsers.get(table);
        }

        Map<String, Map<EndUserKey, Long>> endUsersByAccount(EndUserTable<?> table) {
            return byAccount(endUsers(table), EndUserKey::accountId);
        }

        /** {@code rows} split by account, each part still in key order. */
        private static <K, V> Map<String, Map<K, V>> byAccount(Map<K, V> rows, Function<K, String> account) {
            Map<String, Map<K, V>> byAccount = new TreeMap<>();
            rows.forEach((k, v) -> byAccount.computeIfAbsent(account.apply(k), a -> new TreeMap<>()).put(k, v));
            return byAccount;
        }
    }

    /** Running sums of one rollup row within a batch. */
    private static final class Sums {
        private long tokens;
        private long requests;
        private long costMicros;

        void add(UsageEvent e) {
            add(e.tokens(), e.requests(), e.cost().micros());
        }

        void add(long moreTokens, long moreRequests, long moreCostMicros) {
            tokens = Math.addExact(tokens, moreTokens);
            requests = Math.addExact(requests, moreRequests);
            costMicros = Math.addExact(costMicros, moreCostMicros);
        }

        Sums copy() {
            Sums copy = new Sums();
            copy.add(tokens, requests, costMicros);
            return copy;
        }
    }
}

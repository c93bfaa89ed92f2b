package com.hydracore.billing.adapter.persistence;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.sum;

import com.hydracore.billing.adapter.persistence.generated.tables.records.UsageDailyEndUserRecord;
import com.hydracore.billing.adapter.persistence.generated.tables.records.UsageDailyRecord;
import com.hydracore.billing.adapter.persistence.generated.tables.records.UsageEventRecord;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;
import org.jooq.InsertValuesStep6;
import org.jooq.InsertValuesStep9;
import org.jooq.Record2;
import org.jooq.SQLDialect;

/**
 * The usage ledger: raw events in {@code usage_event}, rollups per account, UTC day and instance in
 * {@code usage_daily} and {@code usage_daily_end_user}, all written in one transaction per batch. Reads only touch
 * the rollups, so their cost grows with days × instances, not with events.
 */
final class JooqUsageLedger implements UsageLedger {

    private static final Comparator<UsageEvent> KEY_ORDER =
            Comparator.comparing(UsageEvent::accountId).thenComparing(UsageEvent::eventId);

    private final DSLContext dsl;
    private final boolean returningSupported;
    private final Object embeddedAppendLock = new Object();

    JooqUsageLedger(DSLContext dsl) {
        this.dsl = dsl;
        this.returningSupported = dsl.dialect().family() == SQLDialect.POSTGRES;
    }

    @Override
    public AppendResult append(List<UsageEvent> events) {
        // Inside one batch the first occurrence of a key wins; rows are written in key order so that concurrent
        // batches take their row locks in the same order and cannot deadlock.
        Map<List<String>, UsageEvent> firstByKey = new LinkedHashMap<>();
        for (UsageEvent e : events) {
            firstByKey.putIfAbsent(List.of(e.accountId(), e.eventId()), e);
        }
        List<UsageEvent> candidates = new ArrayList<>(firstByKey.values());
        candidates.sort(KEY_ORDER);
        List<UsageEvent> inserted;
        if (returningSupported) {
            inserted = dsl.transactionResult(tx -> appendInTransaction(tx.dsl(), candidates));
        } else {
            // The embedded database belongs to this process alone: serialising appends here gives the same
            // exactly-once guarantee that INSERT … ON CONFLICT DO NOTHING RETURNING gives on PostgreSQL.
            synchronized (embeddedAppendLock) {
                inserted = dsl.transactionResult(tx -> appendInTransaction(tx.dsl(), candidates));
            }
        }
        return new AppendResult(inserted.size(), events.size() - inserted.size());
    }

    private List<UsageEvent> appendInTransaction(DSLContext tx, List<UsageEvent> candidates) {
        List<UsageEvent> inserted = returningSupported ? insertReturningNew(tx, candidates)
                : insertAfterLookingUp(tx, candidates);
        writeRollups(tx, inserted);
        return inserted;
    }

    /** PostgreSQL: one multi-row insert; the database says which rows were new. */
    private List<UsageEvent> insertReturningNew(DSLContext tx, List<UsageEvent> candidates) {
        Set<List<String>> fresh = new HashSet<>();
        eventInsert(tx, candidates).onConflictDoNothing()
                .returningResult(USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID).fetch()
                .forEach(r -> fresh.add(List.of(r.value1(), r.value2())));
        return candidates.stream().filter(e -> fresh.contains(List.of(e.accountId(), e.eventId()))).toList();
    }

    /** Embedded database: look up the stored keys, then insert the others (under the append lock). */
    private List<UsageEvent> insertAfterLookingUp(DSLContext tx, List<UsageEvent> candidates) {
        Map<String, List<String>> idsByAccount = new TreeMap<>();
        candidates.forEach(e -> idsByAccount.computeIfAbsent(e.accountId(), a -> new ArrayList<>()).add(e.eventId()));
        Set<List<String>> stored = new HashSet<>();
        idsByAccount.forEach((account, ids) -> tx.select(USAGE_EVENT.EVENT_ID).from(USAGE_EVENT)
                .where(USAGE_EVENT.ACCOUNT_ID.eq(account), USAGE_EVENT.EVENT_ID.in(ids))
                .fetch(USAGE_EVENT.EVENT_ID).forEach(id -> stored.add(List.of(account, id))));
        List<UsageEvent> fresh = candidates.stream()
                .filter(e -> !stored.contains(List.of(e.accountId(), e.eventId()))).toList();
        if (!fresh.isEmpty()) {
            eventInsert(tx, fresh).execute();
        }
        return fresh;
    }

    private static InsertValuesStep9<UsageEventRecord, String, String, String, java.time.OffsetDateTime, Long, Long,
            Long, String, String> eventInsert(DSLContext tx, List<UsageEvent> events) {
        var insert = tx.insertInto(USAGE_EVENT, USAGE_EVENT.ACCOUNT_ID, USAGE_EVENT.EVENT_ID, USAGE_EVENT.INSTANCE_ID,
                USAGE_EVENT.OCCURRED_AT, USAGE_EVENT.TOKENS, USAGE_EVENT.REQUESTS, USAGE_EVENT.COST_MICROS,
                USAGE_EVENT.END_USER_ID, USAGE_EVENT.CONVERSATION_ID);
        for (UsageEvent e : events) {
            insert = insert.values(e.accountId(), e.eventId(), e.instanceId(), Times.toDb(e.occurredAt()), e.tokens(),
                    e.requests(), e.cost().micros(), e.endUserId(), e.conversationId());
        }
        return insert;
    }

    /** Sums the new events per rollup row in memory, then upserts each row once, in key order. */
    private static void writeRollups(DSLContext tx, List<UsageEvent> inserted) {
        if (inserted.isEmpty()) {
            return;
        }
        Map<RollupKey, long[]> daily = new TreeMap<>();
        Set<EndUserKey> endUsers = new TreeSet<>();
        for (UsageEvent e : inserted) {
            RollupKey key = new RollupKey(e.accountId(), e.utcDay(), e.instanceId());
            long[] sums = daily.computeIfAbsent(key, k -> new long[3]);
            sums[0] = Math.addExact(sums[0], e.tokens());
            sums[1] = Math.addExact(sums[1], e.requests());
            sums[2] = Math.addExact(sums[2], e.cost().micros());
            if (e.endUserId() != null) {
                endUsers.add(new EndUserKey(key, e.endUserId()));
            }
        }
        InsertValuesStep6<UsageDailyRecord, String, LocalDate, String, Long, Long, Long> rollup = tx.insertInto(
                USAGE_DAILY, USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY, USAGE_DAILY.INSTANCE_ID,
                USAGE_DAILY.TOKENS, USAGE_DAILY.REQUESTS, USAGE_DAILY.COST_MICROS);
        for (Map.Entry<RollupKey, long[]> row : daily.entrySet()) {
            RollupKey k = row.getKey();
            rollup = rollup.values(k.account(), k.day(), k.instance(), row.getValue()[0], row.getValue()[1],
                    row.getValue()[2]);
        }
        rollup.onConflict(USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY, USAGE_DAILY.INSTANCE_ID).doUpdate()
                .set(USAGE_DAILY.TOKENS, USAGE_DAILY.TOKENS.plus(excluded(USAGE_DAILY.TOKENS)))
                .set(USAGE_DAILY.REQUESTS, USAGE_DAILY.REQUESTS.plus(excluded(USAGE_DAILY.REQUESTS)))
                .set(USAGE_DAILY.COST_MICROS, USAGE_DAILY.COST_MICROS.plus(excluded(USAGE_DAILY.COST_MICROS)))
                .execute();
        if (!endUsers.isEmpty()) {
            InsertValuesStep4<UsageDailyEndUserRecord, String, LocalDate, String, String> users = tx.insertInto(
                    USAGE_DAILY_END_USER, USAGE_DAILY_END_USER.ACCOUNT_ID, USAGE_DAILY_END_USER.USAGE_DAY,
                    USAGE_DAILY_END_USER.INSTANCE_ID, USAGE_DAILY_END_USER.END_USER_ID);
            for (EndUserKey u : endUsers) {
                users = users.values(u.rollup().account(), u.rollup().day(), u.rollup().instance(), u.endUser());
            }
            users.onConflictDoNothing().execute();
        }
    }

    @Override
    public UsageTotals totals(String accountId, BillingPeriod period) {
        var sums = dsl.select(sum(USAGE_DAILY.TOKENS), sum(USAGE_DAILY.REQUESTS), sum(USAGE_DAILY.COST_MICROS))
                .from(USAGE_DAILY)
                .where(USAGE_DAILY.ACCOUNT_ID.eq(accountId), inPeriod(USAGE_DAILY.USAGE_DAY, period))
                .fetchOne();
        int users = dsl.select(countDistinct(USAGE_DAILY_END_USER.END_USER_ID)).from(USAGE_DAILY_END_USER)
                .where(USAGE_DAILY_END_USER.ACCOUNT_ID.eq(accountId),
                        inPeriod(USAGE_DAILY_END_USER.USAGE_DAY, period))
                .fetchOne().value1();
        return new UsageTotals(asLong(sums.value1()), asLong(sums.value2()), Money.ofMicros(asLong(sums.value3())),
                users);
    }

    @Override
    public List<InstanceUsage> byInstance(String accountId, BillingPeriod period) {
        Map<String, Integer> users = new HashMap<>();
        dsl.select(USAGE_DAILY_END_USER.INSTANCE_ID, countDistinct(USAGE_DAILY_END_USER.END_USER_ID))
                .from(USAGE_DAILY_END_USER)
                .where(USAGE_DAILY_END_USER.ACCOUNT_ID.eq(accountId), inPeriod(USAGE_DAILY_END_USER.USAGE_DAY, period))
                .groupBy(USAGE_DAILY_END_USER.INSTANCE_ID)
                .fetch().forEach((Record2<String, Integer> r) -> users.put(r.value1(), r.value2()));
        return dsl.select(USAGE_DAILY.INSTANCE_ID, sum(USAGE_DAILY.TOKENS), sum(USAGE_DAILY.REQUESTS),
                        sum(USAGE_DAILY.COST_MICROS))
                .from(USAGE_DAILY)
                .where(USAGE_DAILY.ACCOUNT_ID.eq(accountId), inPeriod(USAGE_DAILY.USAGE_DAY, period))
                .groupBy(USAGE_DAILY.INSTANCE_ID)
                .fetch(r -> new InstanceUsage(r.value1(), new UsageTotals(asLong(r.value2()), asLong(r.value3()),
                        Money.ofMicros(asLong(r.value4())), users.getOrDefault(r.value1(), 0))));
    }

    @Override
    public List<DailyUsage> daily(String accountId, LocalDate firstDay, LocalDate lastDay,
                                  Optional<String> instanceId) {
        Condition condition = USAGE_DAILY.ACCOUNT_ID.eq(accountId)
                .and(USAGE_DAILY.USAGE_DAY.between(firstDay, lastDay));
        if (instanceId.isPresent()) {
            condition = condition.and(USAGE_DAILY.INSTANCE_ID.eq(instanceId.get()));
        }
        return dsl.select(USAGE_DAILY.USAGE_DAY, sum(USAGE_DAILY.TOKENS), sum(USAGE_DAILY.REQUESTS),
                        sum(USAGE_DAILY.COST_MICROS))
                .from(USAGE_DAILY).where(condition)
                .groupBy(USAGE_DAILY.USAGE_DAY).orderBy(USAGE_DAILY.USAGE_DAY)
                .fetch(r -> new DailyUsage(r.value1(), asLong(r.value2()), asLong(r.value3()),
                        Money.ofMicros(asLong(r.value4()))));
    }

    private static Condition inPeriod(org.jooq.Field<LocalDate> day, BillingPeriod period) {
        return day.ge(period.firstDay()).and(day.lt(period.endDay()));
    }

    private static long asLong(BigDecimal value) {
        return value == null ? 0 : value.longValueExact();
    }

    /** One rollup row's key; ordered, so rows are always written in the same order. */
    private record RollupKey(String account, LocalDate day, String instance) implements Comparable<RollupKey> {
        private static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::account)
                .thenComparing(RollupKey::day).thenComparing(RollupKey::instance);

        @Override
        public int compareTo(RollupKey other) {
            return ORDER.compare(this, other);
        }
    }

    private record EndUserKey(RollupKey rollup, String endUser) implements Comparable<EndUserKey> {
        @Override
        public int compareTo(EndUserKey other) {
            int c = rollup.compareTo(other.rollup);
            return c != 0 ? c : endUser.compareTo(other.endUser);
        }
    }
}

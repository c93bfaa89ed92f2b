package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.adapter.persistence.sql.Engine;
import com.hydracore.billing.adapter.persistence.webhook.JooqOutbox;
import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.application.port.out.AlertPlan.AccountAlerting;
import com.hydracore.billing.domain.alert.ThresholdReached;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The usage alerts of an append (API §8, {@code usage.threshold_reached}), raised inside the append's transaction
 * after its rollups, so that the usage and its alerts are stored together or not at all. Each writer calls
 * {@link #raise} once, last.
 *
 * <p>For each account of the plan whose new events include some dated in its current period, in lock order: take
 * the account's alert lock, read the period's usage (which, read after the lock, includes what every earlier holder
 * committed and this transaction's own rollups), take {@code before} = that minus what this append's new events add
 * to the period, and queue every crossing {@link com.hydracore.billing.domain.alert.AlertThresholds#crossings} names.
 * Two appends of one account therefore judge the crossing in turn, each seeing the other's usage on one side of its
 * own: concurrent batches that cross a threshold together cannot both miss it, nor both find it. The message id is
 * derived from the account, metric, threshold and period, and the outbox keeps ids once, so a crossing found twice
 * anyway (a plan changed between two appends; a retried transaction) is still one message.
 *
 * <p>The lock: on PostgreSQL a transaction-scoped advisory lock keyed by the account
 * ({@code pg_advisory_xact_lock(20, hash)}, released by the commit or rollback, no table, nothing to clean up; a
 * hash shared by two accounts only makes them take turns). Servers connect to the coordinator, also on Citus, so
 * every replica's locks meet there. Locks are taken in the order of their keys, so two appends of several accounts
 * cannot deadlock on them; they are taken after the sums' row locks, which every append takes in key order before
 * any alert lock. On H2 appends already take turns (one process, {@code H2UsageWriter}), so no lock is needed.
 *
 * <p>Cost: nothing for an append without new events in a current period; otherwise, per account, one lock and one
 * read of at most a period's days of {@code usage_account_daily} (its primary key), plus the messages of the
 * crossings, which are rare.
 *
 * <p>Metrics: {@code tokens}, {@code api_calls} and {@code conversations}. The period's usage is read as the quota and
 * the overview read it ({@link JooqUsageSums#totals}, one statement). For conversations, {@code before} counts every
 * conversation of this append's in-period events as new to the period: it can only be too low, never too high, so a
 * crossing is never missed, and one found again (the conversation had been seen already, the crossing alerted then)
 * derives the same message id and is not queued twice.
 */
final class ThresholdAlerts {

    /** The advisory locks' first key: names this use, apart from every other advisory lock of the database. */
    static final int LOCK_CLASS = 20;

    private final Engine engine;
    private final JooqUsageSums sums;

    /** @param sums the sums of the writer's database, read inside each append's transaction */
    ThresholdAlerts(Engine engine, JooqUsageSums sums) {
        this.engine = engine;
        this.sums = sums;
    }

    /**
     * Queues, in {@code tx}, the alerts {@code inserted} (this append's new events, each once) cause under
     * {@code plan}. Called after the append's rollups, in its transaction.
     */
    void raise(DSLContext tx, List<UsageEvent> inserted, AlertPlan plan) {
        if (plan.isEmpty() || inserted.isEmpty()) {
            return;
        }
        Map<String, QuotaUsage> added = added(inserted, plan);
        List<String> accounts = added.keySet().stream()
                .sorted(Comparator.comparingInt(ThresholdAlerts::lockKey).thenComparing(Comparator.naturalOrder()))
                .toList();
        for (String account : accounts) {
            AccountAlerting alerting = plan.of(account).orElseThrow();
            lock(tx, account);
            UsageTotals totals = sums.inTransaction(tx).totals(account, alerting.period());
            QuotaUsage after = new QuotaUsage(totals.tokens(), totals.requests(), totals.uniqueConversations(), 0);
            QuotaUsage before = minus(after, added.get(account));
            for (ThresholdReached crossing : plan.thresholds().crossings(account, alerting.period(),
                    alerting.limits(), before, after)) {
                JooqOutbox.enqueueIn(tx, engine, WebhookEvent.of(crossing, alerting.at()), alerting.at());
            }
        }
    }

    /**
     * What the new events add to each planned account's current period; accounts with none in it are left out (an
     * event of an earlier period never alerts).
     */
    static Map<String, QuotaUsage> added(List<UsageEvent> inserted, AlertPlan plan) {
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, Set<String>> conversations = new TreeMap<>();
        for (UsageEvent e : inserted) {
            AccountAlerting alerting = plan.accounts().get(e.accountId());
            if (alerting != null && alerting.period().contains(e.occurredAt())) {
                long[] s = sums.computeIfAbsent(e.accountId(), a -> new long[2]);
                s[0] = Math.addExact(s[0], e.tokens());
                s[1] = Math.addExact(s[1], e.requests());
                Set<String> ids = conversations.computeIfAbsent(e.accountId(), a -> new HashSet<>());
                if (e.conversationId() != null) {
                    ids.add(e.conversationId());
                }
            }
        }
        Map<String, QuotaUsage> added = new TreeMap<>();
        sums.forEach((account, s) -> added.put(account,
                new QuotaUsage(s[0], s[1], conversations.get(account).size(), 0)));
        return added;
    }

    /** {@code String.hashCode}: specified by the JDK, so every replica computes the same key. */
    static int lockKey(String account) {
        return account.hashCode();
    }

    /**
     * Waits for the account's alert lock, held until this transaction ends (PostgreSQL; H2's appends take turns).
     * <pre>
     * SELECT pg_advisory_xact_lock(20, :hash)
     * </pre>
     */
    private void lock(DSLContext tx, String account) {
        if (engine == Engine.POSTGRES) {
            tx.resultQuery("SELECT pg_advisory_xact_lock({0}, {1})", DSL.inline(LOCK_CLASS),
                    DSL.val(lockKey(account))).fetch();
        }
    }

    /** {@code after} without {@code added}; never below 0. */
    private static QuotaUsage minus(QuotaUsage after, QuotaUsage added) {
        return new QuotaUsage(Math.max(0, after.tokens() - added.tokens()),
                Math.max(0, after.requests() - added.requests()),
                Math.max(0, after.conversations() - added.conversations()), 0);
    }
}

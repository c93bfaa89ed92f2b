package com.hydracore.billing.adapter.persistence.webhook;

import static com.hydracore.billing.adapter.persistence.generated.Tables.SUBSCRIPTION;
import static com.hydracore.billing.adapter.persistence.generated.Tables.TRIAL_ALERT;
import static com.hydracore.billing.adapter.persistence.sql.Times.fromDb;
import static com.hydracore.billing.adapter.persistence.sql.Times.toDb;

import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.CrossTenant;
import com.hydracore.billing.application.port.out.TrialSchedule;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Due trial events from {@code subscription} and the marks in {@code trial_alert} (V6). The pass reads every
 * account (a deliberate cross-tenant read, see {@link CrossTenant}); marking pins the account.
 */
public final class JooqTrialSchedule implements TrialSchedule {

    private static final Field<Boolean> WILL_END_DONE = DSL.coalesce(TRIAL_ALERT.WILL_END_DONE, DSL.inline(false));
    private static final Field<Boolean> EXPIRED_DONE = DSL.coalesce(TRIAL_ALERT.EXPIRED_DONE, DSL.inline(false));

    private final DSLContext dsl;
    private final DSLContext everyAccount;

    /** The schedule in {@code dsl}'s database. */
    public JooqTrialSchedule(DSLContext dsl) {
        this.dsl = dsl;
        this.everyAccount = CrossTenant.scan(dsl, "the trial scheduler looks for due trials in every account");
    }

    /**
     * Without interval arithmetic in SQL (the window is added here):
     * <pre>
     * SELECT s.*, COALESCE(m.will_end_done, FALSE), COALESCE(m.expired_done, FALSE)
     *   FROM subscription s LEFT JOIN trial_alert m USING (account_id, subscription_id)
     *  WHERE s.trial_ends_at IS NOT NULL
     *    AND (   NOT will_end_done AND s.started_at &lt;= :now AND s.trial_ends_at &lt;= :now + window
     *         OR NOT expired_done AND s.trial_ends_at &lt;= :now)
     *  ORDER BY s.trial_ends_at, s.account_id, s.subscription_id LIMIT :limit
     * </pre>
     */
    @Override
    public List<PendingTrial> pending(Instant now, Duration willEndWindow, int limit) {
        Condition willEndDue = WILL_END_DONE.isFalse()
                .and(SUBSCRIPTION.STARTED_AT.le(toDb(now)))
                .and(SUBSCRIPTION.TRIAL_ENDS_AT.le(toDb(now.plus(willEndWindow))));
        Condition expiredDue = EXPIRED_DONE.isFalse().and(SUBSCRIPTION.TRIAL_ENDS_AT.le(toDb(now)));
        return everyAccount.select(SUBSCRIPTION.asterisk(), WILL_END_DONE.as("will_end_marked"),
                        EXPIRED_DONE.as("expired_marked"))
                .from(SUBSCRIPTION)
                .leftJoin(TRIAL_ALERT).on(TRIAL_ALERT.ACCOUNT_ID.eq(SUBSCRIPTION.ACCOUNT_ID)
                        .and(TRIAL_ALERT.SUBSCRIPTION_ID.eq(SUBSCRIPTION.SUBSCRIPTION_ID)))
                .where(SUBSCRIPTION.TRIAL_ENDS_AT.isNotNull())
                .and(willEndDue.or(expiredDue))
                .orderBy(SUBSCRIPTION.TRIAL_ENDS_AT, SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID)
                .limit(Math.max(limit, 0))
                .fetch(JooqTrialSchedule::toPending);
    }

    /**
     * Only for a stored subscription (an unknown one is ignored):
     * <pre>
     * INSERT INTO trial_alert SELECT account_id, subscription_id, &lt;type is will_end&gt;, &lt;type is expired&gt;
     *   FROM subscription WHERE account_id = ? AND subscription_id = ?
     * ON CONFLICT (account_id, subscription_id) DO UPDATE SET &lt;type's column&gt; = TRUE
     * </pre>
     */
    @Override
    public void markDone(String accountId, String subscriptionId, EventType type) {
        if (type != EventType.TRIAL_WILL_END && type != EventType.TRIAL_EXPIRED) {
            throw new IllegalArgumentException("not a trial event: " + type);
        }
        boolean willEnd = type == EventType.TRIAL_WILL_END;
        Field<Boolean> column = willEnd ? TRIAL_ALERT.WILL_END_DONE : TRIAL_ALERT.EXPIRED_DONE;
        ConflictRetry.run(() -> dsl.insertInto(TRIAL_ALERT, TRIAL_ALERT.ACCOUNT_ID, TRIAL_ALERT.SUBSCRIPTION_ID,
                        TRIAL_ALERT.WILL_END_DONE, TRIAL_ALERT.EXPIRED_DONE)
                .select(DSL.select(SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID, DSL.inline(willEnd),
                                DSL.inline(!willEnd))
                        .from(SUBSCRIPTION)
                        .where(SUBSCRIPTION.ACCOUNT_ID.eq(accountId))
                        .and(SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId)))
                .onConflict(TRIAL_ALERT.ACCOUNT_ID, TRIAL_ALERT.SUBSCRIPTION_ID)
                .doUpdate().set(column, DSL.inline(true))
                .execute());
    }

    private static PendingTrial toPending(Record r) {
        Subscription s = new Subscription(r.get(SUBSCRIPTION.SUBSCRIPTION_ID), r.get(SUBSCRIPTION.ACCOUNT_ID),
                r.get(SUBSCRIPTION.TIER_ID), fromDb(r.get(SUBSCRIPTION.STARTED_AT)),
                fromDb(r.get(SUBSCRIPTION.TRIAL_ENDS_AT)), fromDb(r.get(SUBSCRIPTION.ACTIVATED_AT)),
                fromDb(r.get(SUBSCRIPTION.PAST_DUE_AT)), fromDb(r.get(SUBSCRIPTION.CANCELED_AT)),
                r.get(SUBSCRIPTION.CANCEL_AT_PERIOD_END));
        EnumSet<EventType> unmarked = EnumSet.noneOf(EventType.class);
        if (!r.get("will_end_marked", Boolean.class)) {
            unmarked.add(EventType.TRIAL_WILL_END);
        }
        if (!r.get("expired_marked", Boolean.class)) {
            unmarked.add(EventType.TRIAL_EXPIRED);
        }
        return new PendingTrial(s, unmarked);
    }
}

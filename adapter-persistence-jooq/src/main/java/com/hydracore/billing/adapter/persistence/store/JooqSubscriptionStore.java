package com.hydracore.billing.adapter.persistence.store;

import static com.hydracore.billing.adapter.persistence.generated.Sequences.SUBSCRIPTION_SAVED_ORDER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.SUBSCRIPTION;
import static com.hydracore.billing.adapter.persistence.sql.Times.fromDb;
import static com.hydracore.billing.adapter.persistence.sql.Times.toDb;
import static org.jooq.impl.DSL.excluded;

import com.hydracore.billing.adapter.persistence.generated.tables.records.SubscriptionRecord;
import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.domain.subscription.Subscription;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Subscriptions in the {@code subscription} table. {@code saved_order} is drawn from a sequence on the first save
 * only, and breaks ties between equal start instants, as the port promises.
 */
public final class JooqSubscriptionStore implements SubscriptionStore {

    private static final Binds.Name<String> ACCOUNT = Binds.Name.of("account", SUBSCRIPTION.ACCOUNT_ID);

    private final DSLContext dsl;
    private final RenderedReads reads;

    /** The subscriptions in {@code dsl}'s database. */
    public JooqSubscriptionStore(DSLContext dsl) {
        this.dsl = dsl;
        this.reads = new RenderedReads(dsl);
    }

    @Override
    public List<Subscription> forAccount(String accountId) {
        // every page view reads this: rendered once (see RenderedReads)
        return reads.fetch("subscriptions of an account", () -> dsl.selectFrom(SUBSCRIPTION)
                        .where(SUBSCRIPTION.ACCOUNT_ID.eq(Binds.param(ACCOUNT)))
                        .orderBy(SUBSCRIPTION.STARTED_AT, SUBSCRIPTION.SAVED_ORDER), new Binds().with(ACCOUNT, accountId))
                .stream().map(r -> toSubscription(r.into(SUBSCRIPTION))).toList();
    }

    @Override
    public Optional<Subscription> find(String accountId, String subscriptionId) {
        return dsl.selectFrom(SUBSCRIPTION)
                .where(SUBSCRIPTION.ACCOUNT_ID.eq(accountId), SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId))
                .fetchOptional(JooqSubscriptionStore::toSubscription);
    }

    /**
     * One upsert, so two concurrent first saves cannot both insert; {@code saved_order} is left alone on update.
     * The update takes every value from {@code EXCLUDED}, the row the insert proposed, never from bound values
     * again: a distributed PostgreSQL (Citus) refuses anything but immutable expressions in {@code DO UPDATE SET},
     * and jOOQ binds an instant there as {@code cast(? as timestamp with time zone)}, which is not.
     * <pre>
     * INSERT INTO subscription (account_id, subscription_id, tier_id, started_at, …, saved_order)
     * VALUES (?, ?, ?, cast(? as timestamp(6) with time zone), …, nextval('subscription_saved_order'))
     * ON CONFLICT (account_id, subscription_id) DO UPDATE
     *   SET tier_id = excluded.tier_id, started_at = excluded.started_at, …
     * </pre>
     */
    @Override
    public void save(Subscription s) {
        ConflictRetry.run(() -> dsl.insertInto(SUBSCRIPTION)
                .set(SUBSCRIPTION.ACCOUNT_ID, s.accountId())
                .set(SUBSCRIPTION.SUBSCRIPTION_ID, s.subscriptionId())
                .set(SUBSCRIPTION.TIER_ID, s.tierId())
                .set(SUBSCRIPTION.STARTED_AT, toDb(s.startedAt()))
                .set(SUBSCRIPTION.TRIAL_ENDS_AT, toDb(s.trialEndsAt()))
                .set(SUBSCRIPTION.ACTIVATED_AT, toDb(s.activatedAt()))
                .set(SUBSCRIPTION.PAST_DUE_AT, toDb(s.pastDueAt()))
                .set(SUBSCRIPTION.CANCELED_AT, toDb(s.canceledAt()))
                .set(SUBSCRIPTION.CANCEL_AT_PERIOD_END, s.cancelAtPeriodEnd())
                .set(SUBSCRIPTION.SAVED_ORDER, SUBSCRIPTION_SAVED_ORDER.nextval())
                .onConflict(SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID).doUpdate()
                .set(SUBSCRIPTION.TIER_ID, excluded(SUBSCRIPTION.TIER_ID))
                .set(SUBSCRIPTION.STARTED_AT, excluded(SUBSCRIPTION.STARTED_AT))
                .set(SUBSCRIPTION.TRIAL_ENDS_AT, excluded(SUBSCRIPTION.TRIAL_ENDS_AT))
                .set(SUBSCRIPTION.ACTIVATED_AT, excluded(SUBSCRIPTION.ACTIVATED_AT))
                .set(SUBSCRIPTION.PAST_DUE_AT, excluded(SUBSCRIPTION.PAST_DUE_AT))
                .set(SUBSCRIPTION.CANCELED_AT, excluded(SUBSCRIPTION.CANCELED_AT))
                .set(SUBSCRIPTION.CANCEL_AT_PERIOD_END, excluded(SUBSCRIPTION.CANCEL_AT_PERIOD_END))
                .execute());
    }

    private static Subscription toSubscription(SubscriptionRecord r) {
        return new Subscription(r.getSubscriptionId(), r.getAccountId(), r.getTierId(), fromDb(r.getStartedAt()),
                fromDb(r.getTrialEndsAt()), fromDb(r.getActivatedAt()), fromDb(r.getPastDueAt()),
                fromDb(r.getCanceledAt()), r.getCancelAtPeriodEnd());
    }
}

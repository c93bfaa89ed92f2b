package com.hydracore.billing.adapter.persistence;

import static com.hydracore.billing.adapter.persistence.Times.fromDb;
import static com.hydracore.billing.adapter.persistence.Times.toDb;
import static com.hydracore.billing.adapter.persistence.generated.Sequences.SUBSCRIPTION_SAVED_ORDER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.SUBSCRIPTION;

import com.hydracore.billing.adapter.persistence.generated.tables.records.SubscriptionRecord;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.domain.subscription.Subscription;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/** Subscriptions in the {@code subscription} table; {@code saved_order} keeps the first-save order for ties. */
final class JooqSubscriptionStore implements SubscriptionStore {

    private final DSLContext dsl;

    JooqSubscriptionStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Subscription> forAccount(String accountId) {
        return dsl.selectFrom(SUBSCRIPTION).where(SUBSCRIPTION.ACCOUNT_ID.eq(accountId))
                .orderBy(SUBSCRIPTION.STARTED_AT, SUBSCRIPTION.SAVED_ORDER)
                .fetch(JooqSubscriptionStore::toSubscription);
    }

    @Override
    public Optional<Subscription> find(String accountId, String subscriptionId) {
        return dsl.selectFrom(SUBSCRIPTION)
                .where(SUBSCRIPTION.ACCOUNT_ID.eq(accountId), SUBSCRIPTION.SUBSCRIPTION_ID.eq(subscriptionId))
                .fetchOptional(JooqSubscriptionStore::toSubscription);
    }

    @Override
    public void save(Subscription s) {
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            int updated = t.update(SUBSCRIPTION)
                    .set(SUBSCRIPTION.TIER_ID, s.tierId())
                    .set(SUBSCRIPTION.STARTED_AT, toDb(s.startedAt()))
                    .set(SUBSCRIPTION.TRIAL_ENDS_AT, toDb(s.trialEndsAt()))
                    .set(SUBSCRIPTION.ACTIVATED_AT, toDb(s.activatedAt()))
                    .set(SUBSCRIPTION.PAST_DUE_AT, toDb(s.pastDueAt()))
                    .set(SUBSCRIPTION.CANCELED_AT, toDb(s.canceledAt()))
                    .set(SUBSCRIPTION.CANCEL_AT_PERIOD_END, s.cancelAtPeriodEnd())
                    .where(SUBSCRIPTION.ACCOUNT_ID.eq(s.accountId()), SUBSCRIPTION.SUBSCRIPTION_ID.eq(s.subscriptionId()))
                    .execute();
            if (updated == 0) {
                t.insertInto(SUBSCRIPTION)
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
                        .execute();
            }
        });
    }

    private static Subscription toSubscription(SubscriptionRecord r) {
        return new Subscription(r.getSubscriptionId(), r.getAccountId(), r.getTierId(), fromDb(r.getStartedAt()),
                fromDb(r.getTrialEndsAt()), fromDb(r.getActivatedAt()), fromDb(r.getPastDueAt()),
                fromDb(r.getCanceledAt()), r.getCancelAtPeriodEnd());
    }
}

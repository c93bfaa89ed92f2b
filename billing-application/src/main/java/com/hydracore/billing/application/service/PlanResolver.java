package com.hydracore.billing.application.service;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.subscription.Subscription;
import java.time.Instant;
import java.util.List;

/** Loads what {@link AccountPlan} needs for one account; shared by every read so each resolves the plan alike. */
final class PlanResolver {

    private final SubscriptionStore subscriptions;
    private final TierCatalog catalog;
    private final BillingSettings settings;

    PlanResolver(SubscriptionStore subscriptions, TierCatalog catalog, BillingSettings settings) {
        this.subscriptions = subscriptions;
        this.catalog = catalog;
        this.settings = settings;
    }

    AccountPlan planOf(List<Subscription> accountSubscriptions, Instant now) {
        return AccountPlan.at(accountSubscriptions, catalog::find, settings.defaultLimits(), now);
    }

    AccountPlan planOf(String accountId, Instant now) {
        return planOf(subscriptions.forAccount(accountId), now);
    }
}

package com.hydracore.billing.adapter.persistence;

import com.hydracore.billing.application.contract.SubscriptionStoreContract;
import com.hydracore.billing.application.port.out.SubscriptionStore;

/** The subscription store contract on the embedded H2 database. */
class EmbeddedSubscriptionStoreIT extends SubscriptionStoreContract {

    @Override
    protected SubscriptionStore newStore() {
        return TestDatabases.embedded().subscriptions();
    }
}

package com.hydracore.billing.adapter.persistence;

import com.hydracore.billing.application.contract.SubscriptionStoreContract;
import com.hydracore.billing.application.port.out.SubscriptionStore;

/** The subscription store contract on a real PostgreSQL. */
class PostgresSubscriptionStoreIT extends SubscriptionStoreContract {

    @Override
    protected SubscriptionStore newStore() {
        return TestDatabases.postgres().subscriptions();
    }
}

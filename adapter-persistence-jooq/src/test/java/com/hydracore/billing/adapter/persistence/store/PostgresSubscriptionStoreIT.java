package com.hydracore.billing.adapter.persistence.store;

import com.hydracore.billing.application.contract.SubscriptionStoreContract;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;

/** The subscription store contract on a real PostgreSQL. */
class PostgresSubscriptionStoreIT extends SubscriptionStoreContract {

    @Override
    protected SubscriptionStore newStore() {
        return TestDatabases.postgres().subscriptions();
    }
}

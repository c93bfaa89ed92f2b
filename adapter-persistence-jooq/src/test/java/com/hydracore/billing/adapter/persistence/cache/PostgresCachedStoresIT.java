package com.hydracore.billing.adapter.persistence.cache;

import com.hydracore.billing.application.contract.SubscriptionStoreContract;
import com.hydracore.billing.application.contract.TierCatalogContract;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import org.junit.jupiter.api.Nested;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;

/** The cached stores over the jOOQ ones on a real PostgreSQL, as the server wires them, honour the contracts. */
class PostgresCachedStoresIT {

    @Nested
    class Subscriptions extends SubscriptionStoreContract {

        @Override
        protected SubscriptionStore newStore() {
            return new CachedSubscriptionStore(TestDatabases.postgres().subscriptions(),
                    CachedStoresContractTest.CACHE);
        }
    }

    @Nested
    class Tiers extends TierCatalogContract {

        @Override
        protected TierCatalog newCatalog() {
            return new CachedTierCatalog(TestDatabases.postgres().catalog(),
                    CachedStoresContractTest.CACHE);
        }
    }
}

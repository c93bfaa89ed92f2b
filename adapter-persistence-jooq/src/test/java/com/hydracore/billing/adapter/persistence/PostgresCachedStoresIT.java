package com.hydracore.billing.adapter.persistence;

import com.hydracore.billing.application.contract.SubscriptionStoreContract;
import com.hydracore.billing.application.contract.TierCatalogContract;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;

/** The cached stores over the jOOQ ones on a real PostgreSQL, as the server wires them, honour the contracts. */
class PostgresCachedStoresIT {

    private static final PlanCache CACHE = new PlanCache(Duration.ofMinutes(1),
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Nested
    class Subscriptions extends SubscriptionStoreContract {

        @Override
        protected SubscriptionStore newStore() {
            return new CachedSubscriptionStore(TestDatabases.postgres().subscriptions(), CACHE);
        }
    }

    @Nested
    class Tiers extends TierCatalogContract {

        @Override
        protected TierCatalog newCatalog() {
            return new CachedTierCatalog(TestDatabases.postgres().catalog(), CACHE);
        }
    }
}

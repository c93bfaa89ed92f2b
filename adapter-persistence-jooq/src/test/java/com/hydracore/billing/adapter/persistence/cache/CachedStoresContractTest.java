package com.hydracore.billing.adapter.persistence.cache;

import com.hydracore.billing.application.contract.SubscriptionStoreContract;
import com.hydracore.billing.application.contract.TierCatalogContract;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.testing.InMemorySubscriptionStore;
import com.hydracore.billing.application.testing.InMemoryTierCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;

/** The cached stores still honour their ports' contracts: a reader of the port cannot tell them apart. */
class CachedStoresContractTest {

    /** A minute's time to live on a clock that never moves: nothing expires during a case. */
    static final PlanCache CACHE = new PlanCache(Duration.ofMinutes(1),
            Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC));

    @Nested
    class Subscriptions extends SubscriptionStoreContract {

        @Override
        protected SubscriptionStore newStore() {
            return new CachedSubscriptionStore(new InMemorySubscriptionStore(), CACHE);
        }
    }

    @Nested
    class Tiers extends TierCatalogContract {

        @Override
        protected TierCatalog newCatalog() {
            return new CachedTierCatalog(new InMemoryTierCatalog(), CACHE);
        }
    }
}

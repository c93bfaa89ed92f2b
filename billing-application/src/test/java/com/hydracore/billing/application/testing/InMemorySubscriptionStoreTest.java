package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.SubscriptionStoreContract;
import com.hydracore.billing.application.port.out.SubscriptionStore;

/** The in-memory SubscriptionStore honours the contract. */
class InMemorySubscriptionStoreTest extends SubscriptionStoreContract {

    @Override
    protected SubscriptionStore newStore() {
        return new InMemorySubscriptionStore();
    }
}

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.TierCatalogContract;
import com.hydracore.billing.application.port.out.TierCatalog;

/** The in-memory TierCatalog honours the contract. */
class InMemoryTierCatalogTest extends TierCatalogContract {

    @Override
    protected TierCatalog newCatalog() {
        return new InMemoryTierCatalog();
    }
}

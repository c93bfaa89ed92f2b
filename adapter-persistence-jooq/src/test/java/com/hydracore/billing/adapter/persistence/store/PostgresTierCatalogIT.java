package com.hydracore.billing.adapter.persistence.store;

import com.hydracore.billing.application.contract.TierCatalogContract;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;

/** The catalog contract on a real PostgreSQL. */
class PostgresTierCatalogIT extends TierCatalogContract {

    @Override
    protected TierCatalog newCatalog() {
        return TestDatabases.postgres().catalog();
    }
}

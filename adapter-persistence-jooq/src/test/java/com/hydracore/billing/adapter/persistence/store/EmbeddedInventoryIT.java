package com.hydracore.billing.adapter.persistence.store;

import com.hydracore.billing.application.contract.InventoryContract;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;

/** The inventory contract on the embedded H2 database. */
class EmbeddedInventoryIT extends InventoryContract {

    @Override
    protected Inventory newInventory() {
        return TestDatabases.embedded().inventory();
    }
}

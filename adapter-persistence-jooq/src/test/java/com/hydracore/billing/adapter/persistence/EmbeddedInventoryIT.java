package com.hydracore.billing.adapter.persistence;

import com.hydracore.billing.application.contract.InventoryContract;
import com.hydracore.billing.application.port.out.Inventory;

/** The inventory contract on the embedded H2 database. */
class EmbeddedInventoryIT extends InventoryContract {

    @Override
    protected Inventory newInventory() {
        return TestDatabases.embedded().inventory();
    }
}

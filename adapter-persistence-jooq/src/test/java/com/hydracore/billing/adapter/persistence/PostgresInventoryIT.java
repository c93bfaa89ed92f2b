package com.hydracore.billing.adapter.persistence;

import com.hydracore.billing.application.contract.InventoryContract;
import com.hydracore.billing.application.port.out.Inventory;

/** The inventory contract on a real PostgreSQL. */
class PostgresInventoryIT extends InventoryContract {

    @Override
    protected Inventory newInventory() {
        return TestDatabases.postgres().inventory();
    }
}

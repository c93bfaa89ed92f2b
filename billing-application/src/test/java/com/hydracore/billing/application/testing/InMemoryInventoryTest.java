package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.InventoryContract;
import com.hydracore.billing.application.port.out.Inventory;

/** The in-memory Inventory honours the contract. */
class InMemoryInventoryTest extends InventoryContract {

    @Override
    protected Inventory newInventory() {
        return new InMemoryInventory();
    }
}

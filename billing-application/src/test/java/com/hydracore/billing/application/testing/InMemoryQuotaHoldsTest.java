package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.QuotaHoldsContract;

/** The in-memory holds pass the contract the database's pass. */
class InMemoryQuotaHoldsTest extends QuotaHoldsContract {

    @Override
    protected Stores newStores(MutableClock clock) {
        InMemoryUsageLedger ledger = new InMemoryUsageLedger();
        InMemoryInventory inventory = new InMemoryInventory();
        return new Stores(new InMemoryQuotaHolds(ledger, inventory, clock), ledger, inventory);
    }
}

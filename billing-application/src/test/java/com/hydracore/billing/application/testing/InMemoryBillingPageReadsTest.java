package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.BillingPageReadsContract;
import com.hydracore.billing.application.port.out.BillingPageReads;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;

/** The page reads as separate calls ({@link BillingPageReads#separately}) over the in-memory ports honour the contract. */
class InMemoryBillingPageReadsTest extends BillingPageReadsContract {

    private final InMemoryUsageLedger store = new InMemoryUsageLedger();
    private final InMemoryInventory instances = new InMemoryInventory();

    @Override
    protected BillingPageReads newReads() {
        return BillingPageReads.separately(store, instances);
    }

    @Override
    protected UsageLedger ledger() {
        return store;
    }

    @Override
    protected UsageSums sums() {
        return store;
    }

    @Override
    protected Inventory inventory() {
        return instances;
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.BillingPageReadsContract;
import com.hydracore.billing.application.port.out.BillingPageReads;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;

/** The page reads contract on a real PostgreSQL. */
class PostgresBillingPageReadsIT extends BillingPageReadsContract {

    @Override
    protected BillingPageReads newReads() {
        return TestDatabases.postgres().pageReads();
    }

    @Override
    protected UsageLedger ledger() {
        return TestDatabases.postgres().ledger();
    }

    @Override
    protected UsageSums sums() {
        return TestDatabases.postgres().usageSums();
    }

    @Override
    protected Inventory inventory() {
        return TestDatabases.postgres().inventory();
    }
}

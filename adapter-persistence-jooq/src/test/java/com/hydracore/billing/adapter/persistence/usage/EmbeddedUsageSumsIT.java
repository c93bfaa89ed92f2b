package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.application.contract.UsageSumsContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;

/** The sums contract on the embedded H2 database. */
class EmbeddedUsageSumsIT extends UsageSumsContract {

    @Override
    protected UsageSums newSums() {
        return TestDatabases.embedded().usageSums();
    }

    @Override
    protected UsageLedger ledgerOf(UsageSums sums) {
        return TestDatabases.embedded().ledger();
    }
}

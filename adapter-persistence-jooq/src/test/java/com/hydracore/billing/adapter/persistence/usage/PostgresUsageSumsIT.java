package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.application.contract.UsageSumsContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;

/** The sums contract on a real PostgreSQL. */
class PostgresUsageSumsIT extends UsageSumsContract {

    @Override
    protected UsageSums newSums() {
        return TestDatabases.postgres().usageSums();
    }

    @Override
    protected UsageLedger ledgerOf(UsageSums sums) {
        return TestDatabases.postgres().ledger();
    }
}

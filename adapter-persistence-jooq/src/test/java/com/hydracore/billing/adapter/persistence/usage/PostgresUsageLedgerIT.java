package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.application.contract.UsageLedgerContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import java.util.Optional;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;

/** The ledger contract on a real PostgreSQL. */
class PostgresUsageLedgerIT extends UsageLedgerContract {

    @Override
    protected UsageLedger newLedger() {
        return TestDatabases.postgres().ledger();
    }

    @Override
    protected UsageSums sumsOf(UsageLedger ledger) {
        return TestDatabases.postgres().usageSums();
    }

    @Override
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.of(FailingWrites.ledgerFailingAfterWriting(TestDatabases.postgres(), eventId));
    }
}

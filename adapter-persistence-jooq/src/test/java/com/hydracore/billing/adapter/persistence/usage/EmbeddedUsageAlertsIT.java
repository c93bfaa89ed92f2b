package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.UsageAlertsContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import java.util.Optional;

/** The usage alerts of the ledger's append, on the embedded H2 database (the shared test database). */
class EmbeddedUsageAlertsIT extends UsageAlertsContract {

    @Override
    protected Stores newStores() {
        BillingDatabase database = TestDatabases.embedded();
        return new Stores(database.ledger(), database.webhookEndpoints(), database.outbox());
    }

    @Override
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.of(FailingWrites.ledgerFailingAfterWriting(TestDatabases.embedded(), eventId));
    }
}

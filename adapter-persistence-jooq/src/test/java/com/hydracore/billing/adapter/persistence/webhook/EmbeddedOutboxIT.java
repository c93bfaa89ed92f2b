package com.hydracore.billing.adapter.persistence.webhook;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.OutboxContract;

/** The outbox contract on the embedded H2 database (the shared test database: the kit clears what other cases left). */
class EmbeddedOutboxIT extends OutboxContract {

    @Override
    protected Stores newStores() {
        BillingDatabase database = TestDatabases.embedded();
        return new Stores(database.webhookEndpoints(), database.outbox());
    }
}

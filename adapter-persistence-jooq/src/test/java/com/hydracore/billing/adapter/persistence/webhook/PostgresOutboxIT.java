package com.hydracore.billing.adapter.persistence.webhook;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.OutboxContract;

/** The outbox contract on a real PostgreSQL (the shared test database: the kit clears what other cases left). */
class PostgresOutboxIT extends OutboxContract {

    @Override
    protected Stores newStores() {
        BillingDatabase database = TestDatabases.postgres();
        return new Stores(database.webhookEndpoints(), database.outbox());
    }
}

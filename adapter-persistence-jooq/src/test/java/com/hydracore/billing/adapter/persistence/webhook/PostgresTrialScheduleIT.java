package com.hydracore.billing.adapter.persistence.webhook;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.TrialScheduleContract;

/** The trial schedule contract on a real PostgreSQL (the shared test database: the kit marks what other cases left). */
class PostgresTrialScheduleIT extends TrialScheduleContract {

    @Override
    protected Stores newStores() {
        BillingDatabase database = TestDatabases.postgres();
        return new Stores(database.subscriptions(), database.trialSchedule());
    }
}

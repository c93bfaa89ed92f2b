package com.hydracore.billing.adapter.persistence.quota;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.QuotaHoldsContract;
import com.hydracore.billing.application.testing.MutableClock;

/** The holds contract on the embedded H2 database, the ledger settling by the case's clock. */
class EmbeddedQuotaHoldsIT extends QuotaHoldsContract {

    @Override
    protected Stores newStores(MutableClock clock) {
        BillingDatabase db = TestDatabases.embedded();
        return new Stores(db.quotaHolds(), db.ledger(clock), db.inventory());
    }
}

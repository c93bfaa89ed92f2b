package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.UsageAlertsContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import java.util.Optional;

/** The in-memory ledger, made with the in-memory outbox, honours the usage alerts contract. */
class InMemoryUsageAlertsTest extends UsageAlertsContract {

    @Override
    protected Stores newStores() {
        InMemoryWebhookEndpoints endpoints = new InMemoryWebhookEndpoints();
        InMemoryOutbox outbox = new InMemoryOutbox(endpoints);
        return new Stores(new InMemoryUsageLedger().withOutbox(outbox), endpoints, outbox);
    }

    @Override
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.of(((InMemoryUsageLedger) ledger).failingOnWriteOf(eventId));
    }
}

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.OutboxContract;

/** The in-memory Outbox honours the contract, over one store shared by every case (as a database would be). */
class InMemoryOutboxTest extends OutboxContract {

    private static final InMemoryWebhookEndpoints ENDPOINTS = new InMemoryWebhookEndpoints();
    private static final InMemoryOutbox OUTBOX = new InMemoryOutbox(ENDPOINTS);

    @Override
    protected Stores newStores() {
        return new Stores(ENDPOINTS, OUTBOX);
    }
}

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.WebhookEndpointsContract;
import com.hydracore.billing.application.port.out.WebhookEndpoints;

/** The in-memory WebhookEndpoints honours the contract. */
class InMemoryWebhookEndpointsTest extends WebhookEndpointsContract {

    @Override
    protected WebhookEndpoints newEndpoints() {
        return new InMemoryWebhookEndpoints();
    }
}

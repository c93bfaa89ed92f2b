package com.hydracore.billing.adapter.persistence.webhook;

import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.WebhookEndpointsContract;
import com.hydracore.billing.application.port.out.WebhookEndpoints;

/** The webhook endpoint contract on the embedded H2 database. */
class EmbeddedWebhookEndpointsIT extends WebhookEndpointsContract {

    @Override
    protected WebhookEndpoints newEndpoints() {
        return TestDatabases.embedded().webhookEndpoints();
    }
}

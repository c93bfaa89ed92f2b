package com.hydracore.billing.adapter.persistence.webhook;

import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.contract.WebhookEndpointsContract;
import com.hydracore.billing.application.port.out.WebhookEndpoints;

/** The webhook endpoint contract on a real PostgreSQL. */
class PostgresWebhookEndpointsIT extends WebhookEndpointsContract {

    @Override
    protected WebhookEndpoints newEndpoints() {
        return TestDatabases.postgres().webhookEndpoints();
    }
}

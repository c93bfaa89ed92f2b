package com.hydracore.billing.bootstrap.e2e;

import java.util.Map;

/** The end-to-end scenarios on the embedded, file-backed database the server uses when no URL is set. */
class OnEmbeddedDatabaseIT extends EndToEndScenarios {

    @Override
    Map<String, String> databaseEnvironment() {
        return Map.of();
    }
}

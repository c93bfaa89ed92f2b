package com.hydracore.billing.bootstrap.e2e;

import com.hydracore.billing.bootstrap.testing.TestPostgres;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The end-to-end scenarios on a real PostgreSQL, in a database created for this run. */
class OnPostgresIT extends EndToEndScenarios {

    private final TestPostgres database = new TestPostgres("billing_e2e_");

    @Override
    Map<String, String> databaseEnvironment() {
        return Map.of("BILLING_DB_URL", database.url, "BILLING_DB_USER", TestPostgres.USER,
                "BILLING_DB_PASSWORD", TestPostgres.PASSWORD);
    }

    @AfterAll
    void dropDatabase() {
        stopServer();
        server = null;
        database.close();
    }
}

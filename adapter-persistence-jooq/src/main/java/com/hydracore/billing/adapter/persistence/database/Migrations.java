package com.hydracore.billing.adapter.persistence.database;

import static com.hydracore.billing.adapter.persistence.sql.StoreOutages.rootMessage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The schema's Flyway migrations, applied on open: the same scripts on PostgreSQL and H2. */
final class Migrations {

    /** Where the Flyway scripts live on the classpath; jOOQ's code generator reads the same files at build time. */
    static final String LOCATION = "classpath:db/migration";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /**
     * Migrates the schema reached through {@code connections} to the latest version (a no-op when it is there).
     *
     * @param database which database, without credentials, for the log and the failure's message
     * @return how many migrations were applied
     * @throws DatabaseUnavailableException when the schema cannot be migrated
     */
    static int apply(String database, DataSource connections) {
        try {
            MigrateResult result = Flyway.configure().dataSource(connections).locations(LOCATION)
                    .validateMigrationNaming(true).load().migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Migrated the schema of {} from version {} to {} ({} migrations)", database,
                        result.initialSchemaVersion == null ? "none" : result.initialSchemaVersion,
                        result.targetSchemaVersion, result.migrationsExecuted);
            }
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new DatabaseUnavailableException("cannot migrate the schema of " + database + ": "
                    + rootMessage(e), e);
        }
    }
}

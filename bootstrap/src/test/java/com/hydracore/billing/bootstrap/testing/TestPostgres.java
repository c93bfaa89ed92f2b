package com.hydracore.billing.bootstrap.testing;


/**
 * A fresh PostgreSQL database of its own for one test class or benchmark run, dropped afterwards: made by the
 * persistence tests' {@link com.hydracore.billing.adapter.persistence.database.TestPostgres} (its test-jar), so the
 * end-to-end suite runs wherever the persistence suite does, a Citus coordinator included ({@code -Pcitus}).
 */
public final class TestPostgres implements AutoCloseable {

    /** The user that creates and uses the databases. */
    public static final String USER = com.hydracore.billing.adapter.persistence.database.TestPostgres.USER;
    /** That user's password (empty for trust auth). */
    public static final String PASSWORD = com.hydracore.billing.adapter.persistence.database.TestPostgres.PASSWORD;

    /** The database's name. */
    public final String name;
    /** Its JDBC URL. */
    public final String url;

    /** Creates the database (with the given prefix in its name). */
    public TestPostgres(String prefix) {
        name = com.hydracore.billing.adapter.persistence.database.TestPostgres.createDatabase(prefix);
        url = com.hydracore.billing.adapter.persistence.database.TestPostgres.urlOf(name);
    }

    /**
     * Makes the database refuse new connections and ends the ones it has: an outage as the server sees it, while the
     * PostgreSQL server other tests use stays up. Undo with {@link #allowConnections}.
     */
    public void refuseConnections() {
        com.hydracore.billing.adapter.persistence.database.TestPostgres.refuseConnections(name);
    }

    /** Lets the database accept connections again. */
    public void allowConnections() {
        com.hydracore.billing.adapter.persistence.database.TestPostgres.allowConnections(name);
    }

    /** Drops the database, closing any connection still open to it. */
    @Override
    public void close() {
        com.hydracore.billing.adapter.persistence.database.TestPostgres.dropDatabase(name);
    }
}

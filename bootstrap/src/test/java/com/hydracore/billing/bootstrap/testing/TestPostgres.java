package com.hydracore.billing.bootstrap.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database of its own for one test class or benchmark run, created on the server named by
 * {@code BILLING_TEST_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and dropped afterwards.
 */
public final class TestPostgres implements AutoCloseable {

    /** The server's maintenance database, where databases are created. */
    public static final String ADMIN_URL = env("BILLING_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    /** The user that creates and uses the databases. */
    public static final String USER = env("BILLING_TEST_DB_USER", "postgres");
    /** That user's password (empty for trust auth). */
    public static final String PASSWORD = env("BILLING_TEST_DB_PASSWORD", "");

    /** The database's name. */
    public final String name;
    /** Its JDBC URL. */
    public final String url;

    /** Creates the database (with the given prefix in its name). */
    public TestPostgres(String prefix) {
        name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    /**
     * Makes the database refuse new connections and ends the ones it has: an outage as the server sees it, while the
     * PostgreSQL server other tests use stays up. Undo with {@link #allowConnections}.
     */
    public void refuseConnections() {
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    /** Lets the database accept connections again. */
    public void allowConnections() {
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    /** Drops the database, closing any connection still open to it. */
    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for this test and could not be used at " + ADMIN_URL
                    + " (" + e.getMessage() + "). Start it, or point BILLING_TEST_DB_URL/BILLING_TEST_DB_USER/"
                    + "BILLING_TEST_DB_PASSWORD at one.", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

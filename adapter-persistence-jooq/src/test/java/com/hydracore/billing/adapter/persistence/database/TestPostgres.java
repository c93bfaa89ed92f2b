package com.hydracore.billing.adapter.persistence.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The PostgreSQL server the tests create their databases on: {@code BILLING_TEST_DB_URL} (a {@code jdbc:postgresql://}
 * URL of a database the user may run {@code CREATE DATABASE} from, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code BILLING_TEST_DB_USER} (default {@code postgres}) and
 * {@code BILLING_TEST_DB_PASSWORD}. PostgreSQL is not optional: when it cannot be used the tests fail and say so.
 */
public final class TestPostgres {

    public static final String ADMIN_URL = env("BILLING_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = env("BILLING_TEST_DB_USER", "postgres");
    public static final String PASSWORD = env("BILLING_TEST_DB_PASSWORD", "");

    private TestPostgres() {
    }

    /** Creates an empty database named {@code billing_test_<random>} and returns its name. */
    public static String createDatabase() {
        String name = "billing_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        return name;
    }

    /** Drops the database, even with connections still open to it. */
    public static void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /**
     * Makes database {@code name} refuse connections and ends those it has, as an outage looks to its clients,
     * without stopping the server other tests share. Undo with {@link #allowConnections}.
     */
    public static void refuseConnections(String name) {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    /** Lets database {@code name} accept connections again. */
    public static void allowConnections(String name) {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    /** The JDBC URL of database {@code name} on the same server, keeping the admin URL's parameters. */
    public static String urlOf(String name) {
        int query = ADMIN_URL.indexOf('?');
        String base = query < 0 ? ADMIN_URL : ADMIN_URL.substring(0, query);
        String parameters = query < 0 ? "" : ADMIN_URL.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + parameters;
    }

    /** Runs one statement on the admin database (e.g. {@code pg_terminate_backend}). */
    public static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The persistence tests need PostgreSQL and could not use " + ADMIN_URL
                    + " as " + USER + " (" + e.getMessage() + "). Start PostgreSQL, or set BILLING_TEST_DB_URL "
                    + "(a jdbc:postgresql:// URL of a database this user may CREATE DATABASE from), "
                    + "BILLING_TEST_DB_USER and BILLING_TEST_DB_PASSWORD.", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

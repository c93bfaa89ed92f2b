package com.hydracore.billing.bootstrap.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database of its own for one test class, created on the server named by
 * {@code BILLING_TEST_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and dropped afterwards.
 */
final class TestPostgres implements AutoCloseable {

    static final String ADMIN_URL = env("BILLING_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("BILLING_TEST_DB_USER", "postgres");
    static final String PASSWORD = env("BILLING_TEST_DB_PASSWORD", "");

    final String name = "billing_e2e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
            .toLowerCase(Locale.ROOT);
    final String url;

    TestPostgres() {
        execute("CREATE DATABASE " + name);
        url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

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

package com.hydracore.billing.adapter.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jooq.ExecuteListenerProvider;

/**
 * The databases the adapter's tests run on, one of each per test JVM: a PostgreSQL database created for this run
 * (on {@code BILLING_TEST_DB_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/postgres}) and dropped when the
 * JVM exits, and an embedded H2 in a temporary directory. Both have the tenancy guard installed.
 */
final class TestDatabases {

    static final String ADMIN_URL = env("BILLING_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("BILLING_TEST_DB_USER", "postgres");
    static final String PASSWORD = env("BILLING_TEST_DB_PASSWORD", "");

    private static BillingDatabase postgres;
    private static BillingDatabase embedded;
    private static String postgresUrl;

    private TestDatabases() {
    }

    static synchronized BillingDatabase postgres() {
        if (postgres == null) {
            postgresUrl = createPostgresDatabase();
            postgres = BillingDatabase.open(postgresSettings(), guard());
        }
        return postgres;
    }

    static synchronized BillingDatabase embedded() {
        if (embedded == null) {
            embedded = BillingDatabase.open(embeddedSettings(tempDir()), guard());
        }
        return embedded;
    }

    /** Settings for this run's PostgreSQL database (creating it if needed). */
    static synchronized DatabaseSettings postgresSettings() {
        if (postgresUrl == null) {
            postgres();
        }
        return new DatabaseSettings(postgresUrl, USER, PASSWORD, tempDir(), 8, Duration.ofSeconds(10));
    }

    static DatabaseSettings embeddedSettings(Path dir) {
        return new DatabaseSettings(null, null, null, dir, 8, Duration.ofSeconds(10));
    }

    static List<ExecuteListenerProvider> guard() {
        return List.of(TenantPredicateGuard::new);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("billing-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String createPostgresDatabase() {
        String name = "billing_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        admin("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (postgres != null) {
                postgres.close();
            }
            admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }));
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The persistence tests need PostgreSQL and could not use " + ADMIN_URL
                    + " (" + e.getMessage() + "). Start it, or set BILLING_TEST_DB_URL (a jdbc:postgresql:// URL of "
                    + "a database the user may CREATE DATABASE from), BILLING_TEST_DB_USER, BILLING_TEST_DB_PASSWORD.",
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package com.hydracore.billing.adapter.persistence.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests create their databases on: {@code BILLING_TEST_DB_URL} (a {@code jdbc:postgresql://}
 * URL of a database the user may run {@code CREATE DATABASE} from, default
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code BILLING_TEST_DB_USER} (default {@code postgres}) and
 * {@code BILLING_TEST_DB_PASSWORD}. PostgreSQL is not optional: when it cannot be used the tests fail and say so.
 *
 * <p><b>On Citus</b> ({@code mvn -B verify -Pcitus}, which sets the system property {@code billing.test.citus}): the
 * databases are made on the coordinator named by {@code BILLING_TEST_CITUS_URL} (its maintenance database, like
 * {@code BILLING_TEST_DB_URL}) and on each worker of {@code BILLING_TEST_CITUS_WORKERS} ({@code host:port,…}, as the
 * coordinator reaches them, the same user), each with the {@code citus} extension, the workers added to the new
 * database's metadata; the server's own distribution step (`Distribution`) then shards the tables as in production.
 * Without {@code BILLING_TEST_CITUS_URL} every test that needs a database is reported skipped, with the reason.
 */
public final class TestPostgres {

    /** Whether this run is the Citus profile's. */
    public static final boolean CITUS = Boolean.getBoolean("billing.test.citus");
    private static final String CITUS_URL = env("BILLING_TEST_CITUS_URL", null);
    private static final String CITUS_SKIPPED = "Citus suite skipped: BILLING_TEST_CITUS_URL is not set"
            + " (the jdbc:postgresql:// URL of a Citus coordinator's maintenance database)";
    private static final List<String> CITUS_WORKERS = Arrays.stream(env("BILLING_TEST_CITUS_WORKERS", "").split(","))
            .map(String::strip).filter(w -> !w.isEmpty()).toList();

    public static final String ADMIN_URL = CITUS && CITUS_URL != null ? CITUS_URL
            : env("BILLING_TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String USER = env("BILLING_TEST_DB_USER", "postgres");
    public static final String PASSWORD = env("BILLING_TEST_DB_PASSWORD", "");

    static {
        if (CITUS && CITUS_URL == null) {
            System.err.println(CITUS_SKIPPED); // said once per test JVM, besides each skipped test's reason
        }
    }

    private TestPostgres() {
    }

    /** Creates an empty database named {@code billing_test_<random>} and returns its name. */
    public static String createDatabase() {
        return createDatabase("billing_test_");
    }

    /** Creates an empty database named {@code prefix<random>} and returns its name. */
    public static String createDatabase(String prefix) {
        Assumptions.assumeTrue(!CITUS || CITUS_URL != null, CITUS_SKIPPED);
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        admin("CREATE DATABASE " + name);
        if (CITUS) {
            makeCitusDatabase(name);
        }
        return name;
    }

    /** Drops the database, even with connections still open to it (on Citus, on the workers too). */
    public static void dropDatabase(String name) {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        if (CITUS) {
            for (String worker : CITUS_WORKERS) {
                run(workerUrl(worker, "postgres"), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
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
        run(ADMIN_URL, sql);
    }

    /**
     * The manual way to make a Citus database, which every Citus version accepts: the database and the extension on
     * each worker, then the extension on the coordinator and the workers added to this database's metadata (a Citus
     * cluster's metadata is per database).
     */
    private static void makeCitusDatabase(String name) {
        for (String worker : CITUS_WORKERS) {
            try {
                run(workerUrl(worker, "postgres"), "CREATE DATABASE " + name);
            } catch (IllegalStateException e) {
                // Citus 12.2+ with citus.enable_create_database_propagation made it already
                if (!(e.getCause() instanceof SQLException sql && "42P04".equals(sql.getSQLState()))) {
                    throw e;
                }
            }
            run(workerUrl(worker, name), "CREATE EXTENSION IF NOT EXISTS citus");
        }
        String url = urlOf(name);
        run(url, "CREATE EXTENSION IF NOT EXISTS citus");
        String authority = url.substring("jdbc:postgresql://".length()).split("/")[0];
        run(url, "SELECT citus_set_coordinator_host('" + host(authority) + "', " + port(authority) + ")");
        for (String worker : CITUS_WORKERS) {
            run(url, "SELECT citus_add_node('" + host(worker) + "', " + port(worker) + ")");
        }
    }

    private static String workerUrl(String worker, String database) {
        return "jdbc:postgresql://" + worker + "/" + database;
    }

    private static String host(String authority) {
        return authority.contains(":") ? authority.substring(0, authority.lastIndexOf(':')) : authority;
    }

    private static int port(String authority) {
        return authority.contains(":") ? Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1)) : 5432;
    }

    private static void run(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("The persistence tests need PostgreSQL and could not use " + url
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

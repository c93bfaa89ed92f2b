package com.hydracore.billing.adapter.persistence;

import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.ExecuteListenerProvider;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The database behind every outbound port: a connection pool, the schema migrated to the latest version on open,
 * and the jOOQ implementations of the ports. PostgreSQL when a URL is configured, else an embedded H2 file.
 */
public final class BillingDatabase implements AutoCloseable {

    static {
        // jOOQ prints a banner and a "tip of the day" on first use; an operator's log has no room for either.
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final UsageLedger ledger;

    private BillingDatabase(DatabaseSettings settings, HikariDataSource pool, DSLContext dsl) {
        this.settings = settings;
        this.pool = pool;
        this.dsl = dsl;
        this.ledger = new JooqUsageLedger(dsl);
    }

    /**
     * Opens the pool, waiting at most {@code connectTimeout} for the database, and migrates the schema.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached or the URL is malformed
     */
    public static BillingDatabase open(DatabaseSettings settings) {
        return open(settings, List.of());
    }

    /** Like {@link #open(DatabaseSettings)}, with jOOQ execute listeners (tests use one to check tenancy). */
    public static BillingDatabase open(DatabaseSettings settings, List<ExecuteListenerProvider> listeners) {
        HikariDataSource pool = pool(settings);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
            SQLDialect dialect = settings.embedded() ? SQLDialect.H2 : SQLDialect.POSTGRES;
            DefaultConfiguration configuration = new DefaultConfiguration();
            configuration.set(pool);
            configuration.set(dialect);
            configuration.set(new Settings().withExecuteLogging(false));
            if (!listeners.isEmpty()) {
                configuration.set(listeners.toArray(ExecuteListenerProvider[]::new));
            }
            return new BillingDatabase(settings, pool, DSL.using(configuration));
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource pool(DatabaseSettings settings) {
        if (settings.embedded()) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + settings.dataDir(), e);
            }
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("billing");
        config.setJdbcUrl(settings.effectiveUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maxPoolSize());
        long timeoutMillis = Math.max(250, settings.connectTimeout().toMillis());
        config.setConnectionTimeout(timeoutMillis);
        // Fail the start, rather than the first request, when the database is not there within the timeout.
        config.setInitializationFailTimeout(timeoutMillis);
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot connect to " + safeDescription(settings) + " within "
                    + settings.connectTimeout().toSeconds() + " s: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static String safeDescription(DatabaseSettings settings) {
        if (settings.embedded()) {
            return "embedded H2 in " + settings.dataDir();
        }
        // A JDBC URL may carry a password as a parameter: show only up to the query string.
        String url = settings.jdbcUrl();
        int query = url.indexOf('?');
        return "PostgreSQL " + (query < 0 ? url : url.substring(0, query));
    }

    /** The tier catalog. */
    public TierCatalog catalog() {
        return new JooqTierCatalog(dsl);
    }

    /** The subscriptions. */
    public SubscriptionStore subscriptions() {
        return new JooqSubscriptionStore(dsl);
    }

    /** The usage ledger (one per database: on the embedded database it serialises appends). */
    public UsageLedger ledger() {
        return ledger;
    }

    /** Instances and webhost nodes. */
    public Inventory inventory() {
        return new JooqInventory(dsl);
    }

    /** The jOOQ context, for this package's tests (e.g. a ledger with a failure injected). */
    DSLContext dsl() {
        return dsl;
    }

    /** Whether the database answers now; cheap enough for a readiness probe. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The pool's current counts. */
    public PoolStats poolStats() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStats(0, 0, 0, 0);
        }
        return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection());
    }

    /** Which database this is, without credentials, e.g. for the start-up banner. */
    public String description() {
        return safeDescription(settings);
    }

    /** Closes the pool. */
    @Override
    public void close() {
        pool.close();
    }
}

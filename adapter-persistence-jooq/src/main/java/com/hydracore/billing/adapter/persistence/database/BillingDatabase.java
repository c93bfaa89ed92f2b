package com.hydracore.billing.adapter.persistence.database;

import static com.hydracore.billing.adapter.persistence.sql.StoreOutages.rootMessage;

import com.hydracore.billing.adapter.persistence.sql.Engine;
import com.hydracore.billing.adapter.persistence.sql.StoreOutages;
import com.hydracore.billing.adapter.persistence.store.JooqInventory;
import com.hydracore.billing.adapter.persistence.store.JooqSubscriptionStore;
import com.hydracore.billing.adapter.persistence.webhook.JooqOutbox;
import com.hydracore.billing.adapter.persistence.webhook.JooqTrialSchedule;
import com.hydracore.billing.adapter.persistence.webhook.JooqWebhookEndpoints;
import com.hydracore.billing.adapter.persistence.store.JooqTierCatalog;
import com.hydracore.billing.adapter.persistence.usage.JooqUsageLedger;
import com.hydracore.billing.adapter.persistence.usage.JooqUsageSums;
import com.hydracore.billing.adapter.persistence.usage.PageReads;
import com.hydracore.billing.application.port.out.BillingPageReads;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TrialSchedule;
import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.adapter.persistence.quota.JooqQuotaHolds;
import java.time.Clock;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The database behind every outbound port: a connection pool, the schema migrated to the latest version on open
 * (and distributed by account when the database is a Citus coordinator), and the jOOQ implementations of the ports.
 * PostgreSQL when a URL is configured, else an embedded H2 file.
 */
public final class BillingDatabase implements AutoCloseable {

    static {
        // jOOQ prints a banner and a "tip of the day" on first use; an operator's log has no room for either.
        System.setProperty("org.jooq.no-logo", System.getProperty("org.jooq.no-logo", "true"));
        System.setProperty("org.jooq.no-tips", System.getProperty("org.jooq.no-tips", "true"));
    }

    /**
     * pgjdbc's {@code socketTimeout}: how long a statement may go without a byte from PostgreSQL before its connection
     * is given up (an outage to the caller). Without it, a connection whose server or network vanished without
     * closing it holds its request until the kernel gives up on the TCP connection, some fifteen minutes later (a
     * session the server ends, e.g. by {@code pg_terminate_backend}, fails at once without it). It is far above the
     * longest statement a request runs, so no normal one is cut: a grouped append of 10,000 events takes well under
     * a second, and one waiting for another group's row locks waits for that group's commit. Migrations, which may
     * rewrite whole tables, run without it. A {@code socketTimeout} in {@code BILLING_DB_URL} takes precedence.
     */
    static final Duration STATEMENT_SOCKET_TIMEOUT = Duration.ofSeconds(60);

    /**
     * One append lock per embedded database in this JVM (see {@link JooqUsageLedger#h2}), shared by every
     * {@code BillingDatabase} opened on the same file. An H2 file is locked to one process, so this covers every
     * writer.
     */
    private static final Map<String, Lock> H2_APPEND_LOCKS = new ConcurrentHashMap<>();

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final int migrationsApplied;
    private final Distribution.Result distribution;
    private final Optional<Lock> appendLock;
    private final TierCatalog catalog;
    private final SubscriptionStore subscriptions;
    private final WebhookEndpoints webhookEndpoints;
    private final Outbox outbox;
    private final TrialSchedule trialSchedule;
    private final UsageLedger ledger;
    private final UsageSums usageSums;
    private final Inventory inventory;
    private final BillingPageReads pageReads;
    private final QuotaHolds quotaHolds;
    private final StoreOutages outages;

    private BillingDatabase(DatabaseSettings settings, Engine engine, HikariDataSource pool, DSLContext dsl,
                            int migrationsApplied, Distribution.Result distribution) {
        this.settings = settings;
        this.pool = pool;
        this.dsl = dsl;
        this.migrationsApplied = migrationsApplied;
        this.distribution = distribution;
        this.appendLock = engine == Engine.H2
                ? Optional.of(H2_APPEND_LOCKS.computeIfAbsent(settings.effectiveUrl(), url -> new ReentrantLock(true)))
                : Optional.empty();
        this.outages = new StoreOutages(settings.description());
        this.catalog = outages.guard(TierCatalog.class, new JooqTierCatalog(dsl));
        this.subscriptions = outages.guard(SubscriptionStore.class, new JooqSubscriptionStore(dsl));
        this.ledger = outages.guard(UsageLedger.class, appendLock.map(turns -> JooqUsageLedger.h2(dsl, turns))
                .orElseGet(() -> JooqUsageLedger.postgres(dsl)));
        JooqUsageSums sums = new JooqUsageSums(dsl);
        this.usageSums = outages.guard(UsageSums.class, sums);
        this.quotaHolds = outages.guard(QuotaHolds.class, appendLock.map(turns -> JooqQuotaHolds.h2(dsl, sums, turns))
                .orElseGet(() -> JooqQuotaHolds.postgres(dsl, sums)));
        this.inventory = outages.guard(Inventory.class, new JooqInventory(dsl, engine));
        this.pageReads = outages.guard(BillingPageReads.class, new PageReads(dsl, engine));
        this.webhookEndpoints = outages.guard(WebhookEndpoints.class, new JooqWebhookEndpoints(dsl));
        this.outbox = outages.guard(Outbox.class, new JooqOutbox(dsl, engine));
        this.trialSchedule = outages.guard(TrialSchedule.class, new JooqTrialSchedule(dsl));
    }

    /**
     * Opens the pool, waiting at most {@code connectTimeout} for the database, and migrates the schema to the latest
     * version (a no-op when it is already there). From then on a port call waits at most {@code requestWait} for a
     * connection, and fails with the application's {@code StoreUnavailableException} when it gets none or its
     * connection breaks; the pool keeps trying to connect meanwhile, so calls succeed again once the database is back.
     *
     * @throws DatabaseUnavailableException when the database cannot be reached in time, the URL is malformed or not
     *     a supported database, or the schema cannot be migrated
     * @throws UncheckedIOException when the embedded database's data directory cannot be created
     */
    public static BillingDatabase open(DatabaseSettings settings) {
        return open(settings, List.of());
    }

    /** Like {@link #open(DatabaseSettings)}, with jOOQ execute listeners on every statement (tests check tenancy). */
    static BillingDatabase open(DatabaseSettings settings, List<? extends ExecuteListener> listeners) {
        Engine engine = engine(settings);
        HikariDataSource pool = pool(settings, engine);
        try {
            DataSource withoutTimeout = engine == Engine.POSTGRES ? new WithoutSocketTimeout(pool) : pool;
            int applied = Migrations.apply(settings.description(), withoutTimeout);
            // after every migration, so that a table a migration adds is distributed too; nothing without Citus
            Distribution.Result distribution = Distribution.apply(settings.description(), withoutTimeout);
            DefaultConfiguration configuration = new DefaultConfiguration();
            configuration.set(pool);
            configuration.set(engine.dialect());
            configuration.set(new Settings().withExecuteLogging(false).withRenderSchema(false));
            if (!listeners.isEmpty()) {
                configuration.set(DefaultExecuteListenerProvider.providers(listeners.toArray(ExecuteListener[]::new)));
            }
            return new BillingDatabase(settings, engine, pool, DSL.using(configuration), applied, distribution);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static Engine engine(DatabaseSettings settings) {
        if (settings.embedded()) {
            return Engine.H2;
        }
        return Engine.of(settings.effectiveUrl()).orElseThrow(() -> new DatabaseUnavailableException(
                "unsupported database URL " + settings.description() + ": expected jdbc:postgresql://host:port/db",
                null));
    }

    private static HikariDataSource pool(DatabaseSettings settings, Engine engine) {
        if (settings.embedded()) {
            try {
                Files.createDirectories(settings.dataDir());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create data directory " + settings.dataDir() + ": " + e, e);
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
        // Hikari waits at least 250 ms for anything.
        long startMillis = Math.max(250, settings.connectTimeout().toMillis());
        long requestMillis = Math.max(250, settings.requestWait().toMillis());
        if (engine == Engine.POSTGRES) {
            config.addDataSourceProperty("ApplicationName", "hydracore-billing");
            // One connection attempt may take as long as a request waits, no longer: a longer one cannot serve the
            // request that asked for it, and a short one is tried again sooner once the database is back (the start
            // keeps trying for the whole start-up wait). Set here, Hikari's default for it is a JVM-wide setting.
            String attemptSeconds = String.valueOf(Math.max(1, (requestMillis + 999) / 1000));
            config.addDataSourceProperty("connectTimeout", attemptSeconds);
            config.addDataSourceProperty("loginTimeout", attemptSeconds);
            config.addDataSourceProperty("socketTimeout", String.valueOf(STATEMENT_SOCKET_TIMEOUT.toSeconds()));
        } else {
            config.setExceptionOverride(new H2ConnectionLoss());
        }
        config.setMaximumPoolSize(settings.maxPoolSize());
        // A request waits requestWait for a connection, then fails as an outage (503) instead of holding its worker.
        config.setConnectionTimeout(requestMillis);
        // Checking an idle connection before lending it must fit in that wait with room for another attempt.
        config.setValidationTimeout(Math.max(250, Math.min(1_000, requestMillis / 2)));
        // Fail the start, rather than the first request, when the database is not there within the start-up wait;
        // Hikari keeps trying to connect until then.
        config.setInitializationFailTimeout(startMillis);
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("cannot connect to " + settings.description() + " within "
                    + describe(settings.connectTimeout()) + ": " + rootMessage(e), e);
        }
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** The tier catalog. */
    public TierCatalog catalog() {
        return catalog;
    }

    /** The subscriptions. */
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** The usage ledger: raw events, and in the same transaction the rollups every read uses. */
    public UsageLedger ledger() {
        return ledger;
    }

    /**
     * A ledger whose appends settle the reservations their events name by {@code clock} (the server's): an event
     * settles a hold still held at that clock's now. {@link #ledger()} settles by the system clock.
     */
    public UsageLedger ledger(Clock clock) {
        return outages.guard(UsageLedger.class, appendLock.map(turns -> JooqUsageLedger.h2(dsl, turns, clock))
                .orElseGet(() -> JooqUsageLedger.postgres(dsl, clock)));
    }

    /** The reservations and their arbiter ({@link JooqQuotaHolds}). */
    public QuotaHolds quotaHolds() {
        return quotaHolds;
    }

    /** The sums of the ledger's usage, read from its rollups. */
    public UsageSums usageSums() {
        return usageSums;
    }

    /** The billing page's usage reads, each in one statement ({@link PageReads}). */
    public BillingPageReads pageReads() {
        return pageReads;
    }

    /** Instances and webhost nodes. */
    public Inventory inventory() {
        return inventory;
    }

    /** The webhook endpoints (global, like the tier catalog). */
    public WebhookEndpoints webhookEndpoints() {
        return webhookEndpoints;
    }

    /** The webhook outbox: messages, their deliveries and the dispatchers' claims. */
    public Outbox outbox() {
        return outbox;
    }

    /** Which trial events are due, and which were queued. */
    public TrialSchedule trialSchedule() {
        return trialSchedule;
    }

    /** Whether the database answers now: one connection borrowed and validated, for the readiness probe. */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** The pool's current counts (all zero once closed). */
    public PoolStats poolStats() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null || pool.isClosed()) {
            return new PoolStats(0, 0, 0, 0);
        }
        return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getTotalConnections(),
                bean.getThreadsAwaitingConnection());
    }

    /** Which database this is, without credentials, e.g. {@code embedded H2 in ./data}, for the start-up banner. */
    public String description() {
        return settings.description();
    }

    /** The jOOQ context every port uses; tests reach the same database through it. */
    DSLContext dsl() {
        return dsl;
    }

    /** The lock appends to this database take turns under, where they must (H2). */
    Optional<Lock> appendLock() {
        return appendLock;
    }

    /** How many migrations this open applied (0 when the schema was already up to date). */
    int migrationsApplied() {
        return migrationsApplied;
    }

    /** Whether this open found a Citus coordinator, and which tables it distributed. */
    Distribution.Result distribution() {
        return distribution;
    }

    /**
     * Whether the tables are sharded by account (a Citus coordinator): a transaction that writes one account's rows
     * is then a single-node one, and the usage appends are best grouped per account.
     */
    public boolean shardedByAccount() {
        return distribution.citus();
    }

    /** Closes the pool, and with it the embedded database. */
    @Override
    public void close() {
        pool.close();
    }
}

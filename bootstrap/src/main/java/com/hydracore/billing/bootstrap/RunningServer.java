package com.hydracore.billing.bootstrap;

import com.hydracore.billing.adapter.persistence.cache.CachedSubscriptionStore;
import com.hydracore.billing.adapter.persistence.cache.CachedTierCatalog;
import com.hydracore.billing.adapter.persistence.cache.PlanCache;
import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.rest.AuthSettings;
import com.hydracore.billing.adapter.rest.RestApi;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.adapter.rest.edge.HttpEdge;
import com.hydracore.billing.adapter.rest.UseCases;
import com.hydracore.billing.application.port.out.HostResolver;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.service.AdminService;
import com.hydracore.billing.application.service.BillingReadService;
import com.hydracore.billing.application.service.QuotaService;
import com.hydracore.billing.application.service.GroupedAppends;
import com.hydracore.billing.application.service.UsageRecorder;
import com.hydracore.billing.application.service.TrialAlerts;
import com.hydracore.billing.application.service.WebhookDispatcher;
import com.hydracore.billing.application.service.WebhookService;
import com.hydracore.billing.application.WebhookSettings;
import com.hydracore.billing.bootstrap.webhook.SocketWebhookSender;
import com.hydracore.billing.bootstrap.webhook.WebhookSchedulers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.function.ToDoubleFunction;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole product assembled and listening: database, use cases, HTTP API. The one place where parts are wired,
 * by plain constructors; {@code main} and the end-to-end tests both start the server through {@link #start}.
 *
 * <p>For tests: {@code RunningServer.start(config, clock, out)} with {@code BILLING_PORT=0} in the config picks a
 * free port ({@link #baseUri()} tells which); {@link #tokens()} mints tokens with the server's HS256 key.
 */
public final class RunningServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningServer.class);

    /** The most events one database write of grouped batches holds: ten full batches. */
    static final int APPEND_GROUP_EVENTS = 10_000;
    /** Groups written at once: one being prepared and sent while another waits for the database. */
    static final int APPEND_WRITERS = 2;
    /** Webhook requests in flight at most: the dispatcher's own threads, never the HTTP server's. */
    static final int WEBHOOK_SENDERS = 8;

    private final ServerConfig config;
    private final BillingDatabase database;
    private final HttpEdge http;
    private final URI baseUri;
    private final Optional<TokenMinter> tokens;
    private final WebhookSchedulers webhookSchedulers;

    private RunningServer(ServerConfig config, BillingDatabase database, HttpEdge http, URI baseUri,
                          Optional<TokenMinter> tokens, WebhookSchedulers webhookSchedulers) {
        this.webhookSchedulers = webhookSchedulers;
        this.config = config;
        this.database = database;
        this.http = http;
        this.baseUri = baseUri;
        this.tokens = tokens;
    }

    /**
     * Opens the database (migrating it), wires the application, seeds demo data when asked, and starts listening.
     *
     * @param out where the start-up banner goes (URLs, and in development mode the warning and tokens)
     * @throws ConfigException when the configuration cannot work (unreachable database, port in use...)
     */
    public static RunningServer start(ServerConfig config, Clock clock, PrintStream out) {
        AuthSettings auth = config.auth().orElseGet(() -> developmentAuth(config));
        BillingDatabase database = Database.open(config);
        try {
            // Every billing read resolves the caller's plan first; kept in memory briefly (BILLING_PLAN_CACHE_SECONDS).
            PlanCache plans = new PlanCache(config.planCacheTtl(), clock);
            TierCatalog catalog = CachedTierCatalog.over(database.catalog(), plans);
            SubscriptionStore subscriptions = CachedSubscriptionStore.over(database.subscriptions(), plans);
            var inventory = database.inventory();
            BillingReadService reads = new BillingReadService(catalog, subscriptions, database.usageSums(), inventory,
                    database.pageReads(), config.billing(), clock);
            // Batches that arrive while one is being written go to the database together (group commit).
            // An append settles the reservations its events name by this clock (API §7). On a database sharded by
            // account each group holds one account's batches, so each commit is on one node (docs/scaling-out.md).
            var ledger = database.shardedByAccount()
                    ? GroupedAppends.perAccount(database.ledger(clock), APPEND_GROUP_EVENTS, APPEND_WRITERS)
                    : new GroupedAppends(database.ledger(clock), APPEND_GROUP_EVENTS, APPEND_WRITERS);
            // Usage alerts are raised in the append's transaction; the recorder resolves each account's period and
            // limits through the plan cache, as the reads do (API §8).
            UsageRecorder recorder = new UsageRecorder(ledger, inventory, config.billing(), clock,
                    config.webhooks().thresholds(), subscriptions, catalog);
            AdminService admin = new AdminService(catalog, subscriptions, inventory, () -> UUID.randomUUID().toString(),
                    clock);
            config.catalogFile().ifPresent(file -> CatalogFile.load(file).forEach(admin::put));
            if (config.demo()) {
                DemoData.seed(admin, admin, subscriptions, admin, recorder, clock);
            }

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registerPoolGauges(registry, database);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            // Webhook endpoints: a URL whose host resolves to a refused address is refused when saved (API §8).
            WebhookService webhooks = new WebhookService(database.webhookEndpoints(), database.outbox(),
                    HostResolver.system(), config.webhooks().addressPolicy());
            QuotaService quotas = new QuotaService(catalog, subscriptions, database.quotaHolds(), config.billing(),
                    clock);
            UseCases useCases = new UseCases(reads, reads, reads, reads, recorder, admin, admin, admin, webhooks,
                    reads, quotas, quotas);
            ResourceConfig resources = RestApi.resourceConfig(useCases, auth, database::isReachable, registry, clock);
            URI requested = URI.create("http://" + config.host() + ":" + config.port() + "/");
            HttpEdge http = listen(requested, resources, config);
            http.bindTo(registry);
            int port = http.port();
            URI base = URI.create("http://" + displayHost(config.host()) + ":" + port + "/");
            Optional<TokenMinter> minter = auth.hmacSecret().map(secret -> new TokenMinter(secret, clock));
            WebhookSchedulers schedulers = startWebhooks(config, database, clock);
            RunningServer server = new RunningServer(config, database, http, base, minter, schedulers);
            server.printBanner(out);
            return server;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The dispatcher on its own pool of senders and the trial pass, on the database's outbox (API §8). */
    private static WebhookSchedulers startWebhooks(ServerConfig config, BillingDatabase database, Clock clock) {
        WebhookSettings settings = config.webhooks();
        ExecutorService senders = WebhookSchedulers.senderPool(WEBHOOK_SENDERS);
        // connects to the address it checked (docs/webhooks.md, "HTTP sender"); each request carries its timeout
        SocketWebhookSender sender = new SocketWebhookSender(HostResolver.system(), settings.addressPolicy());
        WebhookDispatcher dispatcher = new WebhookDispatcher(database.outbox(), database.webhookEndpoints(), sender,
                settings, clock, senders, WEBHOOK_SENDERS);
        TrialAlerts trials = new TrialAlerts(database.trialSchedule(), database.outbox(), settings.trialEvents(),
                clock);
        return WebhookSchedulers.start(dispatcher, trials, settings.schedulerInterval(), senders);
    }

    private static AuthSettings developmentAuth(ServerConfig config) {
        String secret = DevelopmentSecret.loadOrCreate(config.dataDir());
        return new AuthSettings(Optional.of(secret), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "account_id");
    }

    private static HttpEdge listen(URI uri, ResourceConfig resources, ServerConfig config) {
        try {
            return HttpEdge.start(uri, resources, config.http());
        } catch (RuntimeException e) {
            if (hasCause(e, BindException.class)) {
                throw new ConfigException("BILLING_PORT", "port " + config.port() + " on " + config.host()
                        + " is already in use");
            }
            throw e;
        }
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static void registerPoolGauges(PrometheusMeterRegistry registry, BillingDatabase database) {
        gauge(registry, "billing_db_pool_connections_active", database, db -> db.poolStats().active());
        gauge(registry, "billing_db_pool_connections_idle", database, db -> db.poolStats().idle());
        gauge(registry, "billing_db_pool_connections_total", database, db -> db.poolStats().total());
        gauge(registry, "billing_db_pool_threads_waiting", database, db -> db.poolStats().waiting());
    }

    private static void gauge(PrometheusMeterRegistry registry, String name, BillingDatabase database,
                              ToDoubleFunction<BillingDatabase> value) {
        Gauge.builder(name, database, value).description("connection pool: " + name).register(registry);
    }

    private static String displayHost(String host) {
        return "0.0.0.0".equals(host) || "::".equals(host) ? "localhost" : host;
    }

    private void printBanner(PrintStream out) {
        out.println("HydraCore Billing listening on " + baseUri);
        out.println("  database:     " + database.description());
        out.println("  billing page: " + baseUri.resolve("billing"));
        out.println("  API:          " + baseUri.resolve("v1/billing") + "  (OpenAPI: " + baseUri.resolve("openapi.json")
                + ")");
        if (config.developmentMode()) {
            TokenMinter minter = tokens.orElseThrow();
            out.println();
            out.println("!!! DEVELOPMENT MODE: no BILLING_JWT_SECRET or BILLING_JWKS_URL/BILLING_JWKS_FILE is set.");
            out.println("!!! Tokens are signed with a random secret kept in " + config.dataDir().resolve(
                    DevelopmentSecret.FILE_NAME) + ". Do not run this in production.");
            out.println("  admin token (billing:admin usage:write, 7 days):");
            out.println("    " + minter.mint("admin", Set.of("billing:admin", "usage:write"),
                    Duration.ofDays(7)));
            out.println("  user token for account '" + DemoData.ACCOUNT + "' (7 days):");
            String user = minter.mint(DemoData.ACCOUNT, Set.of(), Duration.ofDays(7));
            out.println("    " + user);
            out.println("  open the page: " + baseUri.resolve("billing") + "#token=" + user);
            if (!config.demo()) {
                out.println("  (start with --demo or BILLING_DEMO=true to seed the demo account with data)");
            }
        }
        if (!exitsOnOutOfMemory()) {
            out.println("!!! This JVM was started without -XX:+ExitOnOutOfMemoryError and with a "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB heap: use the README's command "
                    + "(java -Xmx256m -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -jar …) so memory is bounded "
                    + "and an exhausted heap ends the process.");
        }
        out.println("Mint more tokens: java -jar billing-server.jar token --account <id> [--scope <s>] [--ttl 1h]");
        out.flush();
    }

    private static boolean exitsOnOutOfMemory() {
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        return hotspot != null && ("true".equals(hotspot.getVMOption("ExitOnOutOfMemoryError").getValue())
                || "true".equals(hotspot.getVMOption("CrashOnOutOfMemoryError").getValue()));
    }

    /** Where the server listens, e.g. {@code http://localhost:8080/}. */
    public URI baseUri() {
        return baseUri;
    }

    /** Mints tokens the server accepts, when it verifies with an HS256 secret (configured or development). */
    public Optional<TokenMinter> tokens() {
        return tokens;
    }

    /**
     * Stops accepting connections, lets in-flight requests finish within the configured grace period, then closes
     * the connection pool. Everything a request was told was accepted is already committed.
     */
    @Override
    public void close() {
        try {
            http.shutdown(config.shutdownGrace());
        } finally {
            try {
                webhookSchedulers.close(); // before the pool: a pass never meets a closed database
            } finally {
                database.close();
            }
        }
    }

    /** Opens the database, turning an unreachable one into a configuration error. */
    private static final class Database {
        static BillingDatabase open(ServerConfig config) {
            try {
                return BillingDatabase.open(config.database());
            } catch (com.hydracore.billing.adapter.persistence.database.DatabaseUnavailableException e) {
                throw new ConfigException(config.database().jdbcUrl() == null ? "BILLING_DATA_DIR" : "BILLING_DB_URL",
                        e.getMessage());
            } catch (UncheckedIOException e) {
                throw new ConfigException("BILLING_DATA_DIR", e.getMessage());
            }
        }
    }
}

package com.hydracore.billing.bootstrap;

import com.hydracore.billing.adapter.persistence.cache.PlanCache;
import com.hydracore.billing.adapter.persistence.database.DatabaseSettings;
import com.hydracore.billing.adapter.rest.AuthSettings;
import com.hydracore.billing.adapter.rest.edge.DataRate;
import com.hydracore.billing.adapter.rest.edge.EdgeLimits;
import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.WebhookSettings;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.usage.EventWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the server reads from its environment, validated once at start. Every variable is listed in the
 * README's configuration table; a bad value stops the start with a {@link ConfigException} naming it.
 *
 * @param host          interface to listen on
 * @param port          HTTP port (0 picks a free one)
 * @param dataDir       where the embedded database and the development secret live
 * @param database      database connection settings
 * @param auth          token verification, or empty for development mode (a generated secret)
 * @param billing       default limits, event window, upgrade URL
 * @param catalogFile   a tier catalog loaded and upserted at start, if any
 * @param demo          whether to seed a demo account
 * @param shutdownGrace how long in-flight requests may take to finish on SIGTERM
 * @param http          the HTTP edge's limits: workers (most of a request's time is spent waiting for the database),
 *                      their queue, connections, the minimum data rate of clients
 * @param planCacheTtl  how long subscriptions and tiers are answered from memory (zero: never)
 * @param webhooks      retries, alert thresholds, trial events, address policy, scheduler interval (API §8)
 */
public record ServerConfig(String host, int port, Path dataDir, DatabaseSettings database,
                           Optional<AuthSettings> auth, BillingSettings billing, Optional<Path> catalogFile,
                           boolean demo, Duration shutdownGrace, EdgeLimits http,
                           Duration planCacheTtl, WebhookSettings webhooks) {

    /** Without webhook settings: the contract's defaults. */
    public ServerConfig(String host, int port, Path dataDir, DatabaseSettings database,
                        Optional<AuthSettings> auth, BillingSettings billing, Optional<Path> catalogFile,
                        boolean demo, Duration shutdownGrace, EdgeLimits http, Duration planCacheTtl) {
        this(host, port, dataDir, database, auth, billing, catalogFile, demo, shutdownGrace, http, planCacheTtl,
                WebhookSettings.DEFAULTS);
    }

    /** Reads and validates the configuration from environment variables. */
    public static ServerConfig fromEnvironment(Map<String, String> environment) {
        Env env = new Env(environment);
        int port = env.integer("BILLING_PORT", 8080, 0, 65_535);
        String host = env.text("BILLING_HOST", "0.0.0.0");
        Path dataDir = Path.of(env.text("BILLING_DATA_DIR", "data"));

        Optional<String> dbUrl = env.text("BILLING_DB_URL");
        if (dbUrl.isPresent() && !dbUrl.get().startsWith("jdbc:postgresql://")) {
            throw new ConfigException("BILLING_DB_URL", "'" + dbUrl.get()
                    + "' is not a jdbc:postgresql:// URL (leave it unset for the embedded database)");
        }
        DatabaseSettings database = new DatabaseSettings(dbUrl.orElse(null), env.text("BILLING_DB_USER", null),
                env.text("BILLING_DB_PASSWORD", null), dataDir, env.integer("BILLING_DB_POOL_SIZE", 10, 1, 200),
                Duration.ofSeconds(env.number("BILLING_DB_CONNECT_TIMEOUT_SECONDS", 10, 1, 600)),
                Duration.ofMillis(env.number("BILLING_DB_REQUEST_WAIT_MS",
                        DatabaseSettings.DEFAULT_REQUEST_WAIT.toMillis(), 250, 60_000)));

        Optional<AuthSettings> auth = auth(env);

        PlanLimits defaults = new PlanLimits(
                env.number("BILLING_DEFAULT_TOKEN_ALLOWANCE", PlanLimits.DEFAULTS.tokenAllowance(), 0, Long.MAX_VALUE),
                env.number("BILLING_DEFAULT_API_CALL_LIMIT", PlanLimits.DEFAULTS.apiCallLimit(), 0, Long.MAX_VALUE),
                env.number("BILLING_DEFAULT_CONVERSATION_LIMIT", PlanLimits.DEFAULTS.conversationLimit(), 0,
                        Long.MAX_VALUE),
                env.number("BILLING_DEFAULT_INSTANCE_LIMIT", PlanLimits.DEFAULTS.instanceLimit(), 0, Long.MAX_VALUE),
                env.number("BILLING_DEFAULT_MAX_SITES_PER_NODE", PlanLimits.DEFAULTS.maxSitesPerNode(), 0,
                        Long.MAX_VALUE));
        EventWindow window = new EventWindow(
                Duration.ofSeconds(env.number("BILLING_EVENT_MAX_FUTURE_SECONDS",
                        EventWindow.DEFAULT.maxFuture().toSeconds(), 0, 86_400L * 365)),
                Duration.ofDays(env.number("BILLING_EVENT_MAX_PAST_DAYS", EventWindow.DEFAULT.maxPast().toDays(), 0,
                        3650)));
        BillingSettings billing = new BillingSettings(defaults, window,
                env.text("BILLING_UPGRADE_URL", BillingSettings.DEFAULTS.upgradeUrl()));

        Optional<Path> catalog = env.path("BILLING_CATALOG_FILE");
        if (catalog.isPresent() && !Files.isReadable(catalog.get())) {
            throw new ConfigException("BILLING_CATALOG_FILE", "cannot read " + catalog.get());
        }
        return new ServerConfig(host, port, dataDir, database, auth, billing, catalog, env.flag("BILLING_DEMO"),
                Duration.ofSeconds(env.number("BILLING_SHUTDOWN_GRACE_SECONDS", 10, 0, 600)),
                http(env),
                Duration.ofSeconds(env.number("BILLING_PLAN_CACHE_SECONDS", PlanCache.DEFAULT_TTL.toSeconds(), 0,
                        3600)), webhooks(environment));
    }

    private static WebhookSettings webhooks(Map<String, String> environment) {
        try {
            return WebhookSettings.fromEnvironment(environment);
        } catch (IllegalArgumentException e) {
            // the message names the variable and why its value is refused
            throw new ConfigException(e.getMessage());
        }
    }

    /** The same configuration with the demo data switched on (the {@code --demo} flag). */
    public ServerConfig withDemo() {
        return new ServerConfig(host, port, dataDir, database, auth, billing, catalogFile, true, shutdownGrace,
                http, planCacheTtl, webhooks);
    }

    /** Whether tokens are checked against a generated development secret because none was configured. */
    public boolean developmentMode() {
        return auth.isEmpty();
    }

    private static EdgeLimits http(Env env) {
        EdgeLimits defaults = EdgeLimits.DEFAULTS;
        DataRate rate = new DataRate(
                env.number("BILLING_MIN_DATA_RATE", defaults.minDataRate().bytesPerSecond(), 0, 1L << 30),
                Duration.ofSeconds(env.number("BILLING_MIN_DATA_RATE_GRACE_SECONDS",
                        defaults.minDataRate().grace().toSeconds(), 1, 3600)));
        return new EdgeLimits(env.integer("BILLING_HTTP_WORKERS", defaults.workers(), 1, 1000),
                env.integer("BILLING_HTTP_QUEUE", defaults.queueLimit(), 0, 100_000),
                env.integer("BILLING_MAX_CONNECTIONS", defaults.maxConnections(), 1, 1_000_000),
                rate, defaults.maxPendingOutput());
    }

    private static Optional<AuthSettings> auth(Env env) {
        Optional<String> secret = env.text("BILLING_JWT_SECRET");
        var jwksUrl = env.url("BILLING_JWKS_URL", "https", "http");
        Optional<Path> jwksFile = env.path("BILLING_JWKS_FILE");
        if (secret.isEmpty() && jwksUrl.isEmpty() && jwksFile.isEmpty()) {
            return Optional.empty();
        }
        if (jwksFile.isPresent() && !Files.isReadable(jwksFile.get())) {
            throw new ConfigException("BILLING_JWKS_FILE", "cannot read " + jwksFile.get());
        }
        try {
            return Optional.of(new AuthSettings(secret, jwksUrl, jwksFile, env.text("BILLING_JWT_ISSUER"),
                    env.text("BILLING_JWT_AUDIENCE"), env.text("BILLING_ACCOUNT_CLAIM", "account_id")));
        } catch (IllegalArgumentException e) {
            // AuthSettings names the variable at fault in its message.
            throw new ConfigException(e.getMessage());
        }
    }
}

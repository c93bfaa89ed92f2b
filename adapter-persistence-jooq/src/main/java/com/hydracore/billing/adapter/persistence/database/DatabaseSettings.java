package com.hydracore.billing.adapter.persistence.database;

import com.hydracore.billing.adapter.persistence.sql.Engine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database: a JDBC URL, or nothing for the embedded H2 file in {@code dataDir}.
 *
 * @param jdbcUrl        a {@code jdbc:postgresql://} URL, or {@code null}/blank for the embedded H2 in {@code dataDir}
 * @param user           database user, or {@code null}
 * @param password       database password, or {@code null}; never shown by {@link #toString()}
 * @param dataDir        where the embedded database keeps its file (created when missing)
 * @param maxPoolSize    connection pool size, ≥ 1
 * @param connectTimeout how long opening waits for the database at start, ≥ 1 ms
 * @param requestWait    once open, how long a port call waits for a connection before it fails with
 *                       {@code StoreUnavailableException}, ≥ 1 ms (the pool waits at least 250 ms)
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, Path dataDir, int maxPoolSize,
                               Duration connectTimeout, Duration requestWait) {

    /** File name, inside the data directory, of the embedded database (H2 adds {@code .mv.db}). */
    static final String EMBEDDED_FILE = "billing";

    /** How long a request waits for a connection unless configured: the contract's 2 s before a 503. */
    public static final Duration DEFAULT_REQUEST_WAIT = Duration.ofSeconds(2);

    /** Validates the pool size and the timeouts and requires a data directory. */
    public DatabaseSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestWait, "requestWait");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, not " + maxPoolSize);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive, not " + connectTimeout);
        }
        if (requestWait.isNegative() || requestWait.isZero()) {
            throw new IllegalArgumentException("requestWait must be positive, not " + requestWait);
        }
    }

    /** Settings whose requests wait {@link #DEFAULT_REQUEST_WAIT} for a connection. */
    public DatabaseSettings(String jdbcUrl, String user, String password, Path dataDir, int maxPoolSize,
                            Duration connectTimeout) {
        this(jdbcUrl, user, password, dataDir, maxPoolSize, connectTimeout, DEFAULT_REQUEST_WAIT);
    }

    /** Whether this runs on the embedded database, because no URL is configured. */
    public boolean embedded() {
        return jdbcUrl == null || jdbcUrl.isBlank();
    }

    /** The JDBC URL actually used: the configured one, or the embedded H2 file in the data directory. */
    public String effectiveUrl() {
        if (!embedded()) {
            return jdbcUrl.strip();
        }
        // MODE=PostgreSQL + DATABASE_TO_LOWER: H2 accepts the PostgreSQL DDL and folds names like PostgreSQL does, so
        //   jOOQ's quoted lower-case names match.
        // AUTO_SERVER=FALSE: the file belongs to this process; a second server on the same directory fails to start
        //   instead of silently sharing it.
        // WRITE_DELAY=0: every commit is written to the file before it returns, so an accepted batch survives a
        //   killed process (the default delays writes by up to half a second).
        // DB_CLOSE_ON_EXIT=FALSE: the application closes the pool itself on shutdown; H2's own shutdown hook would
        //   otherwise close the database under requests still finishing.
        // LOCK_TIMEOUT: concurrent appends wait for each other's row locks rather than fail after H2's default 1 s.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve(EMBEDDED_FILE)
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=FALSE"
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    /** Which database this is, without credentials: safe for logs and the start-up banner. */
    public String description() {
        if (embedded()) {
            return "embedded H2 in " + dataDir;
        }
        String url = jdbcUrl.strip();
        // A JDBC URL may carry credentials: as query parameters (…?password=…) or as user info (//user:pw@host).
        int query = url.indexOf('?');
        String shown = query < 0 ? url : url.substring(0, query);
        shown = shown.replaceFirst("//[^/@]*@", "//");
        return Engine.of(url).map(e -> e.displayName() + " ").orElse("") + shown;
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "DatabaseSettings[" + description() + ", user=" + user + ", password="
                + (password == null ? "null" : "****") + ", dataDir=" + dataDir + ", maxPoolSize=" + maxPoolSize
                + ", connectTimeout=" + connectTimeout + ", requestWait=" + requestWait + "]";
    }
}

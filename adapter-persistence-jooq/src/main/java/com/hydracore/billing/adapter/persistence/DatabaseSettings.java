package com.hydracore.billing.adapter.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param jdbcUrl        a {@code jdbc:postgresql://} URL, or {@code null}/blank for the embedded H2 in {@code dataDir}
 * @param user           database user, or {@code null}
 * @param password       database password, or {@code null}
 * @param dataDir        where the embedded database keeps its file
 * @param maxPoolSize    connection pool size, ≥ 1
 * @param connectTimeout how long opening waits for the database before giving up
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, Path dataDir, int maxPoolSize,
                               Duration connectTimeout) {

    /** Validates the pool size and requires a data directory and a timeout. */
    public DatabaseSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
    }

    /** Whether this runs on the embedded database. */
    public boolean embedded() {
        return jdbcUrl == null || jdbcUrl.isBlank();
    }

    /** The JDBC URL actually used: the configured one, or the embedded H2 file in the data directory. */
    public String effectiveUrl() {
        if (!embedded()) {
            return jdbcUrl;
        }
        // DATABASE_TO_LOWER makes H2 fold names as PostgreSQL does, so jOOQ's lower-case quoted names match.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("billing")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
}

package com.hydracore.billing.adapter.persistence.database;

/**
 * A snapshot of the connection pool, for metrics.
 *
 * @param active  connections in use
 * @param idle    connections ready
 * @param total   connections open
 * @param waiting threads waiting for a connection
 */
public record PoolStats(int active, int idle, int total, int waiting) {
}

package com.hydracore.billing.adapter.rest.edge;

import java.time.Duration;

/**
 * What the HTTP edge allows each client and all of them together (API.md §9); every figure is configurable through
 * the bootstrap's environment variables.
 *
 * @param workers          threads serving requests
 * @param queueLimit       requests waiting for a worker; past it a request is answered 503 at once
 * @param maxConnections   open connections; past it a new one is closed at once
 * @param minDataRate      the slowest a request may arrive or a response be read once the grace has passed
 * @param maxPendingOutput bytes of answers a connection may have queued, not yet taken by its client
 */
public record EdgeLimits(int workers, int queueLimit, int maxConnections, DataRate minDataRate,
                         int maxPendingOutput) {

    /** Every limit at its documented default. */
    public static final EdgeLimits DEFAULTS = new EdgeLimits(32, 64, 10_000,
            new DataRate(1024, Duration.ofSeconds(10)), 1024 * 1024);

    /** Refuses limits that would stop the server from serving at all. */
    public EdgeLimits {
        if (workers < 1 || queueLimit < 0 || maxConnections < 1 || maxPendingOutput < 64 * 1024) {
            throw new IllegalArgumentException("workers >= 1, queueLimit >= 0, maxConnections >= 1 and "
                    + "maxPendingOutput >= 64 KiB are required");
        }
        if (minDataRate == null) {
            throw new IllegalArgumentException("minDataRate is required");
        }
    }

    /** The same limits with {@code workers} threads. */
    public EdgeLimits withWorkers(int workers) {
        return new EdgeLimits(workers, queueLimit, maxConnections, minDataRate, maxPendingOutput);
    }
}

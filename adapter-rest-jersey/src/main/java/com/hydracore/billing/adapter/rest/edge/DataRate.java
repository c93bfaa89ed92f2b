package com.hydracore.billing.adapter.rest.edge;

import java.time.Duration;

/**
 * The minimum data rate a client must keep while the server waits on it (sending a request, or reading an answer):
 * an average of {@code bytesPerSecond} over the whole wait, judged only once {@code grace} has passed — the rule of
 * Kestrel's {@code MinRequestBodyDataRate} and {@code MinResponseDataRate}. A client on a slow but working link
 * keeps its connection; one that trickles bytes to hold the server's resources loses it after the grace.
 *
 * @param bytesPerSecond the average rate required
 * @param grace          how long any rate, even none, is tolerated first
 */
public record DataRate(long bytesPerSecond, Duration grace) {

    /** Refuses a negative rate or grace. */
    public DataRate {
        if (bytesPerSecond < 0 || grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("a data rate needs bytesPerSecond >= 0 and a non-negative grace");
        }
    }

    /**
     * Whether a client that moved {@code bytes} in {@code elapsedNanos} since the wait began is too slow.
     *
     * @param bytes        bytes received (or taken by the client) since the wait began
     * @param elapsedNanos how long the wait has lasted
     */
    public boolean tooSlow(long bytes, long elapsedNanos) {
        if (elapsedNanos <= grace.toNanos()) {
            return false;
        }
        // bytes / seconds < rate, without division: bytes * 1e9 < rate * nanos (both fit a long for any real wait)
        return (double) bytes * 1_000_000_000d < (double) bytesPerSecond * elapsedNanos;
    }
}

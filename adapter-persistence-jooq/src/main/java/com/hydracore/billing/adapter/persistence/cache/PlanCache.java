package com.hydracore.billing.adapter.persistence.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long what a plan is made of (an account's subscriptions, a tier) may be answered from memory: the setting the
 * caching decorators ({@link CachedSubscriptionStore}, {@link CachedTierCatalog}) build their caches from. Every
 * billing read resolves the caller's plan first; without a cache that was two database round trips
 * per read, the whole cost of {@code /v1/billing/trial-status}.
 *
 * <p>Writes through the same process invalidate at once. A write made by another replica is seen after at most the
 * time to live. A load that races a local write cannot leave the old value behind: Caffeine's invalidation waits for
 * a load of the same key in progress.
 *
 * @param timeToLive how long an entry is answered from memory; zero turns the caches off
 * @param clock      judges the time to live, so tests move time by hand
 */
public record PlanCache(Duration timeToLive, Clock clock) {

    /** The default time to live: short enough for an admin's change to show on the next page load anywhere. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);

    /** Validates. */
    public PlanCache {
        if (timeToLive == null || timeToLive.isNegative()) {
            throw new IllegalArgumentException("the time to live must be zero or positive");
        }
        if (clock == null) {
            throw new IllegalArgumentException("a clock is required");
        }
    }

    /** Whether entries are kept at all. */
    public boolean enabled() {
        return !timeToLive.isZero();
    }

    /** A cache of at most {@code maximumSize} entries, each kept for the time to live. */
    <K, V> Cache<K, V> newCache(long maximumSize) {
        return Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(timeToLive)
                .ticker(ticker(clock))
                .build();
    }

    // Read on every lookup: the clock's milliseconds (no Instant allocated) are fine enough for a TTL in seconds.
    private static Ticker ticker(Clock clock) {
        return () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
    }
}

package com.hydracore.billing.adapter.persistence.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.testing.InMemorySubscriptionStore;
import com.hydracore.billing.application.testing.InMemoryTierCatalog;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.subscription.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import com.hydracore.billing.adapter.persistence.database.DatabaseUnavailableException;

/**
 * What the plan cache promises a deployment of several replicas: a change made through this process is seen at once,
 * a change made elsewhere (another replica writing to the same database) within the time to live, and a failed read
 * is not remembered.
 */
class PlanCacheTest {

    private static final Duration TTL = Duration.ofSeconds(5);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Tier PRO = new Tier("pro", "pro-monthly", "HydraCore Agents", "Pro", 2900,
            BillingCycle.MONTHLY, 14, new PlanLimits(1_000_000, 50_000, 5_000, 3, 50));

    private final MutableClock clock = new MutableClock(T0);
    private final PlanCache cache = new PlanCache(TTL, clock);
    private final InMemorySubscriptionStore database = new InMemorySubscriptionStore();
    private final CachedSubscriptionStore subscriptions = new CachedSubscriptionStore(database, cache);
    private final InMemoryTierCatalog tierTable = new InMemoryTierCatalog();
    private final CachedTierCatalog tiers = new CachedTierCatalog(tierTable, cache);

    private static Subscription subscription(String id, String tierId) {
        return new Subscription(id, "acme", tierId, T0, null, null, null, null, false);
    }

    @Test
    void aSubscriptionSavedThroughTheCacheIsSeenAtOnce() {
        assertEquals(List.of(), subscriptions.forAccount("acme"));

        subscriptions.save(subscription("sub-1", "pro"));

        assertEquals(List.of(subscription("sub-1", "pro")), subscriptions.forAccount("acme"));
    }

    @Test
    void aSubscriptionSavedByAnotherReplicaIsSeenOnceTheTimeToLiveHasPassed() {
        subscriptions.save(subscription("sub-1", "pro"));
        assertEquals(List.of(subscription("sub-1", "pro")), subscriptions.forAccount("acme"));

        database.save(subscription("sub-1", "team"));
        clock.advance(TTL.minusMillis(1));
        assertEquals(List.of(subscription("sub-1", "pro")), subscriptions.forAccount("acme"), "within the TTL");
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(subscription("sub-1", "team")), subscriptions.forAccount("acme"), "after the TTL");
    }

    @Test
    void findReadsWhatIsStoredForReadModifyWrite() {
        subscriptions.save(subscription("sub-1", "pro"));
        subscriptions.forAccount("acme");

        database.save(subscription("sub-1", "team"));

        assertEquals(Optional.of(subscription("sub-1", "team")), subscriptions.find("acme", "sub-1"));
    }

    @Test
    void accountsAreKeptApart() {
        subscriptions.save(subscription("sub-1", "pro"));

        assertEquals(List.of(), subscriptions.forAccount("globex"));
        assertEquals(1, subscriptions.forAccount("acme").size());
    }

    @Test
    void aFailedReadIsNotRemembered() {
        AtomicBoolean down = new AtomicBoolean(true);
        SubscriptionStore flaky = new FlakyStore(database, down);
        CachedSubscriptionStore cached = new CachedSubscriptionStore(flaky, cache);
        database.save(subscription("sub-1", "pro"));

        assertThrows(DatabaseUnavailableException.class, () -> cached.forAccount("acme"));
        down.set(false);

        assertEquals(List.of(subscription("sub-1", "pro")), cached.forAccount("acme"));
    }

    @Test
    void aTierSavedThroughTheCacheIsSeenAtOnceEvenAfterItWasLookedUpAsUnknown() {
        assertEquals(Optional.empty(), tiers.find("pro"));

        tiers.save(PRO);

        assertEquals(Optional.of(PRO), tiers.find("pro"));
    }

    @Test
    void aTierChangedByAnotherReplicaIsSeenOnceTheTimeToLiveHasPassed() {
        tiers.save(PRO);
        tiers.find("pro");
        Tier repriced = new Tier("pro", "pro-monthly", "HydraCore Agents", "Pro", 3900, BillingCycle.MONTHLY, 14,
                PRO.limits());

        tierTable.save(repriced);
        assertEquals(Optional.of(PRO), tiers.find("pro"), "within the TTL");
        clock.advance(TTL);
        assertEquals(Optional.of(repriced), tiers.find("pro"), "after the TTL");
    }

    @Test
    void theAdminListingIsNeverStale() {
        tiers.save(PRO);
        tiers.all();
        Tier team = PRO.withId("team");

        tierTable.save(team);

        assertEquals(List.of(PRO, team), tiers.all());
    }

    @Test
    void zeroTurnsTheCacheOffAndANegativeTimeToLiveIsRefused() {
        PlanCache off = new PlanCache(Duration.ZERO, clock);
        assertFalse(off.enabled());
        assertSame(database, CachedSubscriptionStore.over(database, off), "off: the database's own store, read every time");
        assertSame(tierTable, CachedTierCatalog.over(tierTable, off));
        assertTrue(cache.enabled());
        assertTrue(CachedSubscriptionStore.over(database, cache) instanceof CachedSubscriptionStore);
        assertTrue(CachedTierCatalog.over(tierTable, cache) instanceof CachedTierCatalog);
        assertThrows(IllegalArgumentException.class, () -> new PlanCache(Duration.ofSeconds(-1), clock));
    }

    /** A store whose per-account read fails while {@code down} is set, as when the database is unreachable. */
    private record FlakyStore(SubscriptionStore store, AtomicBoolean down) implements SubscriptionStore {

        @Override
        public List<Subscription> forAccount(String accountId) {
            if (down.get()) {
                throw new DatabaseUnavailableException("database unreachable", null);
            }
            return store.forAccount(accountId);
        }

        @Override
        public Optional<Subscription> find(String accountId, String subscriptionId) {
            return store.find(accountId, subscriptionId);
        }

        @Override
        public void save(Subscription subscription) {
            store.save(subscription);
        }
    }
}

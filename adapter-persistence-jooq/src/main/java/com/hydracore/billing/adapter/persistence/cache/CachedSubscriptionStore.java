package com.hydracore.billing.adapter.persistence.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.domain.subscription.Subscription;
import java.util.List;
import java.util.Optional;

/**
 * A {@link SubscriptionStore} whose per-account reads, the ones every billing read makes, are kept for the
 * {@link PlanCache}'s time to live. {@link #find} is not cached: it serves read-modify-write (cancel, reactivate),
 * which must start from what is stored.
 */
public final class CachedSubscriptionStore implements SubscriptionStore {

    private final SubscriptionStore store;
    private final Cache<String, List<Subscription>> byAccount;

    /** Accounts whose subscriptions are kept: a few hundred bytes each, so a few MB at most. */
    static final long MAX_ACCOUNTS = 10_000;

    /** Keeps {@code store}'s per-account reads as {@code cache} says. */
    public CachedSubscriptionStore(SubscriptionStore store, PlanCache cache) {
        this.store = store;
        this.byAccount = cache.newCache(MAX_ACCOUNTS);
    }

    /** {@code store}, its per-account reads kept as {@code cache} says; {@code store} itself when it is off. */
    public static SubscriptionStore over(SubscriptionStore store, PlanCache cache) {
        return cache.enabled() ? new CachedSubscriptionStore(store, cache) : store;
    }

    @Override
    public List<Subscription> forAccount(String accountId) {
        return byAccount.get(accountId, account -> List.copyOf(store.forAccount(account)));
    }

    @Override
    public Optional<Subscription> find(String accountId, String subscriptionId) {
        return store.find(accountId, subscriptionId);
    }

    @Override
    public void save(Subscription subscription) {
        try {
            store.save(subscription);
        } finally {
            // Also when the save failed: it may have been written before the failure was seen.
            byAccount.invalidate(subscription.accountId());
        }
    }
}

package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.subscription.Subscription;
import java.util.List;
import java.util.Optional;

/**
 * Where subscriptions are kept, per account; a subscription id is unique within its account. Instants must come back
 * exactly as saved, to the millisecond at least.
 *
 * <p>Implementations are checked by {@code com.hydracore.billing.application.contract.SubscriptionStoreContract} in
 * this module's test-jar.
 *
 * <p>A call that cannot reach the store (no connection in time, a connection that broke) throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain, rather
 * than its own connection error: the server answers it 503 and the caller retries.
 */
public interface SubscriptionStore {

    /** The account's subscriptions, oldest first: by {@code startedAt}, then in the order they were first saved. */
    List<Subscription> forAccount(String accountId);

    /** One subscription of the account; empty when it does not exist or belongs to another account. */
    Optional<Subscription> find(String accountId, String subscriptionId);

    /**
     * Inserts the subscription, or replaces the one with the same account and id (which keeps its place among ties
     * on {@code startedAt}).
     */
    void save(Subscription subscription);
}

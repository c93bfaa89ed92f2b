package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.catalog.Tier;
import java.util.List;
import java.util.Optional;

/**
 * The catalog of tiers the platform sells.
 *
 * <p>Implementations are checked by {@code com.hydracore.billing.application.contract.TierCatalogContract} in this
 * module's test-jar.
 *
 * <p>A call that cannot reach the store (no connection in time, a connection that broke) throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain, rather
 * than its own connection error: the server answers it 503 and the caller retries.
 */
public interface TierCatalog {

    /** The tier with this id, if any. */
    Optional<Tier> find(String tierId);

    /** Every tier, ordered by tier id in {@link String#compareTo} order (binary, not a locale's collation). */
    List<Tier> all();

    /** Inserts the tier, or replaces the one with the same id. */
    void save(Tier tier);
}

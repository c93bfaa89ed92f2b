package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.catalog.Tier;
import java.util.List;
import java.util.Optional;

/** The catalog of tiers the platform sells. */
public interface TierCatalog {

    /** The tier with this id, if any. */
    Optional<Tier> find(String tierId);

    /** Every tier, ordered by tier id. */
    List<Tier> all();

    /** Inserts the tier, or replaces the one with the same id. */
    void save(Tier tier);
}

package com.hydracore.billing.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.catalog.Tier;
import java.util.List;
import java.util.Optional;

/**
 * A {@link TierCatalog} whose lookups by id, made by every billing read, are kept for the {@link PlanCache}'s time
 * to live; an unknown id is kept as unknown for that long too. {@link #all} (the admin listing) is not cached.
 */
public final class CachedTierCatalog implements TierCatalog {

    private final TierCatalog catalog;
    private final Cache<String, Optional<Tier>> byId;

    /** Keeps {@code catalog}'s lookups as {@code cache} says. */
    public CachedTierCatalog(TierCatalog catalog, PlanCache cache) {
        this.catalog = catalog;
        this.byId = cache.newCache(PlanCache.MAX_TIERS);
    }

    @Override
    public Optional<Tier> find(String tierId) {
        return byId.get(tierId, catalog::find);
    }

    @Override
    public List<Tier> all() {
        return catalog.all();
    }

    @Override
    public void save(Tier tier) {
        try {
            catalog.save(tier);
        } finally {
            byId.invalidate(tier.tierId());
        }
    }
}

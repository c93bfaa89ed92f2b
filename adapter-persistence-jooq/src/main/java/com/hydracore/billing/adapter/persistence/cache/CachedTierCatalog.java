package com.hydracore.billing.adapter.persistence.cache;

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

    /** Tiers kept: a catalog is small; the bound only stops lookups of made-up ids from growing the map. */
    static final long MAX_TIERS = 1_000;

    /** Keeps {@code catalog}'s lookups as {@code cache} says. */
    public CachedTierCatalog(TierCatalog catalog, PlanCache cache) {
        this.catalog = catalog;
        this.byId = cache.newCache(MAX_TIERS);
    }

    /** {@code catalog}, its lookups by id kept as {@code cache} says; {@code catalog} itself when it is off. */
    public static TierCatalog over(TierCatalog catalog, PlanCache cache) {
        return cache.enabled() ? new CachedTierCatalog(catalog, cache) : catalog;
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

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.catalog.Tier;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A {@link TierCatalog} in memory. */
public final class InMemoryTierCatalog implements TierCatalog {

    private final ConcurrentSkipListMap<String, Tier> tiers = new ConcurrentSkipListMap<>();

    @Override
    public Optional<Tier> find(String tierId) {
        return Optional.ofNullable(tiers.get(tierId));
    }

    @Override
    public List<Tier> all() {
        return List.copyOf(tiers.values());
    }

    @Override
    public void save(Tier tier) {
        tiers.put(tier.tierId(), tier);
    }
}

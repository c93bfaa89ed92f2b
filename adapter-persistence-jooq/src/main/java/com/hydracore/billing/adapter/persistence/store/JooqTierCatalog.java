package com.hydracore.billing.adapter.persistence.store;

import static com.hydracore.billing.adapter.persistence.generated.Tables.TIER;

import com.hydracore.billing.adapter.persistence.generated.tables.records.TierRecord;
import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.sql.Upserts;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;

/** The tier catalog in the {@code tier} table: global, not per account, so it is the one table without account_id. */
public final class JooqTierCatalog implements TierCatalog {

    private static final Binds.Name<String> TIER_ID = Binds.Name.of("tier_id", TIER.TIER_ID);

    /**
     * What a save of a stored tier sets: every other column from {@code EXCLUDED}, the row the insert proposed, as a
     * distributed PostgreSQL requires (see {@link Upserts}).
     */
    private static final Map<Field<?>, Field<?>> UPDATE = Upserts.everyColumnFromExcluded(TIER,
            List.of(TIER.TIER_ID));

    private final DSLContext dsl;
    private final RenderedReads reads;

    /** The catalog in {@code dsl}'s database. */
    public JooqTierCatalog(DSLContext dsl) {
        this.dsl = dsl;
        this.reads = new RenderedReads(dsl);
    }

    @Override
    public Optional<Tier> find(String tierId) {
        // every page view reads the current plan's tier: rendered once (see RenderedReads)
        return reads.fetch("a tier", () -> dsl.selectFrom(TIER).where(TIER.TIER_ID.eq(Binds.param(TIER_ID))),
                        new Binds().with(TIER_ID, tierId))
                .stream().findFirst().map(r -> toTier(r.into(TIER)));
    }

    @Override
    public List<Tier> all() {
        // Sorted here, not by ORDER BY: the port orders by String#compareTo, and a database sorts by its collation
        // (PostgreSQL's locale would put "Basic" next to "basic"). The catalog is small.
        return dsl.selectFrom(TIER).fetch(JooqTierCatalog::toTier).stream()
                .sorted(Comparator.comparing(Tier::tierId)).toList();
    }

    @Override
    public void save(Tier tier) {
        TierRecord r = dsl.newRecord(TIER);
        r.setTierId(tier.tierId());
        r.setTierSlug(tier.tierSlug());
        r.setProductName(tier.productName());
        r.setPlanName(tier.planName());
        r.setPriceCents(tier.priceCents());
        r.setBillingCycle(tier.billingCycle().wireName());
        r.setTrialDays(tier.trialDays());
        r.setTokenAllowance(tier.limits().tokenAllowance());
        r.setApiCallLimit(tier.limits().apiCallLimit());
        r.setConversationLimit(tier.limits().conversationLimit());
        r.setInstanceLimit(tier.limits().instanceLimit());
        r.setMaxSitesPerNode(tier.limits().maxSitesPerNode());
        r.setLimitPolicy(tier.limitPolicy().wireName());
        ConflictRetry.run(() -> dsl.insertInto(TIER).set(r).onConflict(TIER.TIER_ID).doUpdate().set(UPDATE)
                .execute());
    }

    private static Tier toTier(TierRecord r) {
        return new Tier(r.getTierId(), r.getTierSlug(), r.getProductName(), r.getPlanName(), r.getPriceCents(),
                BillingCycle.fromWireName(r.getBillingCycle()).orElseThrow(
                        () -> new IllegalStateException("unknown billing cycle in database: " + r.getBillingCycle())),
                r.getTrialDays(), new PlanLimits(r.getTokenAllowance(), r.getApiCallLimit(), r.getConversationLimit(),
                r.getInstanceLimit(), r.getMaxSitesPerNode()),
                LimitPolicy.fromWireName(r.getLimitPolicy()).orElseThrow(
                        () -> new IllegalStateException("unknown limit policy in database: " + r.getLimitPolicy())));
    }
}

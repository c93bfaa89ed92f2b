package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TierCatalog} must honour: subclass it and implement {@link #newCatalog()}.
 *
 * <p>Isolation: tier ids are global, so every case uses ids that start with a random UUID and looks only at those;
 * {@link #newCatalog()} may return a fresh empty catalog or one shared by every case.
 *
 * <p>Beyond the port's Javadoc: every field round-trips at its extremes (prices beyond 2^31 cents, limits up to
 * {@code Long.MAX_VALUE}, names of 200 code points of any Unicode — H2 counts UTF-16 units, so give it 400); ids
 * compare exactly; and {@link TierCatalog#all()} orders by {@link String#compareTo} — binary order, which in
 * PostgreSQL means {@code COLLATE "C"}, not the database locale.
 */
public abstract class TierCatalogContract {

    private final ContractRun run = new ContractRun();

    /** The catalog under test, from {@link #newCatalog()}, once per case. */
    protected TierCatalog catalog;

    /** The catalog under test, called once before each case: fresh and empty, or shared by every case. */
    protected abstract TierCatalog newCatalog();

    @BeforeEach
    void createCatalog() {
        catalog = newCatalog();
    }

    @Test
    void aSavedTierIsFoundWithEveryField() {
        Tier pro = new Tier(run.global("pro"), "pro-monthly", "HydraCore Agents", "Pro", 2900, BillingCycle.MONTHLY,
                14, new PlanLimits(1_000_000, 50_000, 5_000, 3, 25));

        catalog.save(pro);

        assertEquals(Optional.of(pro), catalog.find(pro.tierId()), "a saved tier is found by id with every field");
    }

    @Test
    void extremeValuesRoundTrip() {
        String longName = "Équipe ✓ 𝄞 " + "n".repeat(189); // 200 code points, 201 UTF-16 units
        Tier max = new Tier(run.ofLength(128), "s".repeat(128), longName, longName, Tier.MAX_PRICE_CENTS,
                BillingCycle.YEARLY, Tier.MAX_TRIAL_DAYS,
                new PlanLimits(Long.MAX_VALUE, Long.MAX_VALUE - 1, 3_000_000_000L, 4_000_000_000L, Long.MAX_VALUE),
                LimitPolicy.HARD);
        Tier free = new Tier(run.global("free"), "f", "P", "F", 0, BillingCycle.MONTHLY, 0,
                new PlanLimits(0, 0, 0, 0, 0));

        catalog.save(max);
        catalog.save(free);

        assertEquals(Optional.of(max), catalog.find(max.tierId()),
                "ids of 128 and names of 200 code points, prices to 10^11 cents and limits to Long.MAX_VALUE round-trip");
        assertEquals(Optional.of(free), catalog.find(free.tierId()), "zero prices, trials and limits round-trip");
    }

    @Test
    void savingATierAgainReplacesItEntirely() {
        String id = run.global("pro");
        catalog.save(new Tier(id, "pro", "Agents", "Pro", 2900, BillingCycle.MONTHLY, 14,
                new PlanLimits(1000, 100, 10, 1, 5)));
        Tier changed = new Tier(id, "pro-yearly", "Agents Plus", "Pro Yearly", 29000, BillingCycle.YEARLY, 0,
                new PlanLimits(2000, 200, 20, 2, 10), LimitPolicy.HARD);

        catalog.save(changed);

        assertEquals(Optional.of(changed), catalog.find(id), "saving a tier again replaces every field");
        assertEquals(List.of(changed), ours(catalog.all()), "saving a tier again replaces it, never adds a second");
    }

    @Test
    void anUnknownTierIsNotFound() {
        catalog.save(tier(run.global("pro")));

        assertEquals(Optional.empty(), catalog.find(run.global("enterprise")), "an unknown id is not found");
        assertEquals(Optional.empty(), catalog.find(run.global("PRO")), "ids compare exactly, case included");
    }

    @Test
    void allListsEveryTierOrderedByIdInBinaryOrder() {
        // Saved out of order; ids that a locale-aware collation would order differently (case, '-', '_').
        List<String> names = List.of("basic_plus", "Zeta", "basic", "alpha", "Basic", "basic-plus", "10", "9");
        names.forEach(n -> catalog.save(tier(run.global(n))));

        List<String> expected = new ArrayList<>();
        names.forEach(n -> expected.add(run.global(n)));
        expected.sort(String::compareTo);
        List<Tier> all = catalog.all();
        assertEquals(expected, ours(all).stream().map(Tier::tierId).toList(),
                "all() lists every tier by id in String.compareTo (binary) order, not a locale's collation");
        for (int i = 1; i < all.size(); i++) {
            assertTrue(all.get(i - 1).tierId().compareTo(all.get(i).tierId()) < 0,
                    "all() ordered by id: " + all.get(i - 1).tierId() + " before " + all.get(i).tierId());
        }
    }

    @Test
    void allReturnsTheStoredFieldsToo() {
        Tier a = new Tier(run.global("a"), "a", "Agents", "A", 100, BillingCycle.MONTHLY, 7,
                new PlanLimits(1, 2, 3, 4, 5));
        Tier b = new Tier(run.global("b"), "b", "Agents", "B", 200, BillingCycle.YEARLY, 0,
                new PlanLimits(6, 7, 8, 9, 10));
        catalog.save(b);
        catalog.save(a);

        assertEquals(List.of(a, b), ours(catalog.all()), "all() returns every stored field, as find does");
    }

    private List<Tier> ours(List<Tier> all) {
        return all.stream().filter(t -> t.tierId().startsWith(run.prefix())).toList();
    }

    private static Tier tier(String id) {
        return new Tier(id, "slug", "Agents", "Plan " + id, 1000, BillingCycle.MONTHLY, 0,
                new PlanLimits(100, 10, 1, 1, 1));
    }
}

package com.hydracore.billing.domain.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TierTest {

    private static final PlanLimits LIMITS = new PlanLimits(1_000_000, 50_000, 5_000, 5, 50);

    @Test
    void aTierPricesOnePeriodInCentsAndKeepsEverythingButItsIdWhenRenamed() {
        Tier tier = new Tier("t1", "pro", "HydraCore Agents", "Pro", 2900, BillingCycle.MONTHLY, 14, LIMITS);
        assertEquals("29.00", tier.price().format());
        assertTrue(tier.hasTrial());
        assertFalse(new Tier("t4", "free", "P", "Free", 0, BillingCycle.MONTHLY, 0, LIMITS).hasTrial());
        assertEquals(new Tier("t2", "pro", "HydraCore Agents", "Pro", 2900, BillingCycle.MONTHLY, 14, LIMITS),
                tier.withId("t2"));
    }

    @Test
    void everyInvalidTierFieldIsReportedAtOnce() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Tier("", null, "x".repeat(201), "Pro", -1, null, -2, null));

        assertEquals(List.of(
                        List.of("tier_id"), List.of("tier_slug"), List.of("product_name"), List.of("price_cents"),
                        List.of("billing_cycle"), List.of("trial_days"), List.of("limits")),
                e.violations().stream().map(Violation::path).toList());
    }

    @Test
    void aTierIsSoftUnlessItSaysHardAndKeepsItsPolicyWhenRenamed() {
        Tier soft = new Tier("t1", "pro", "Agents", "Pro", 2900, BillingCycle.MONTHLY, 0, LIMITS);
        assertEquals(LimitPolicy.SOFT, soft.limitPolicy());
        Tier hard = new Tier("t1", "pro", "Agents", "Pro", 2900, BillingCycle.MONTHLY, 0, LIMITS, LimitPolicy.HARD);
        assertEquals(LimitPolicy.HARD, hard.withId("t2").limitPolicy());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Tier("t1", "pro", "Agents", "Pro", 2900, BillingCycle.MONTHLY, 0, LIMITS, null));
        assertEquals(List.of(List.of("limit_policy")), e.violations().stream().map(Violation::path).toList());
    }

    @Test
    void negativeLimitsAreRefusedNamingEachField() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PlanLimits(-1, 0, -1, 0, -1));

        assertEquals(List.of(List.of("token_allowance"), List.of("conversation_limit"), List.of("max_sites_per_node")),
                e.violations().stream().map(Violation::path).toList());
    }

    @Test
    void theDefaultLimitsAreTheSeeds() {
        assertEquals(new PlanLimits(100_000, 10_000, 1_000, 1, 25), PlanLimits.DEFAULTS);
    }

    @Test
    void cyclesUseTheContractsNames() {
        assertEquals(Optional.of(BillingCycle.YEARLY), BillingCycle.fromWireName("yearly"));
        assertEquals(Optional.of(BillingCycle.MONTHLY), BillingCycle.fromWireName("monthly"));
        assertEquals(Optional.empty(), BillingCycle.fromWireName("weekly"));
        assertEquals(12, BillingCycle.YEARLY.months());
    }
}

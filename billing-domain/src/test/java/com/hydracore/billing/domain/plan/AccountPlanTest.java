package com.hydracore.billing.domain.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.subscription.SubscriptionStatus;
import com.hydracore.billing.domain.subscription.Trial;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AccountPlanTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    private static final PlanLimits PRO_LIMITS = new PlanLimits(2_000_000, 100_000, 10_000, 10, 100);
    private static final Tier PRO = new Tier("tier-pro", "pro", "HydraCore Agents", "Pro", 2900, BillingCycle.MONTHLY,
            14, PRO_LIMITS);
    private static final Tier TEAM_YEARLY = new Tier("tier-team", "team", "HydraCore Agents", "Team", 99_000,
            BillingCycle.YEARLY, 0, new PlanLimits(0, 1, 1, 1, 1), LimitPolicy.HARD);
    private static final Function<String, Optional<Tier>> CATALOG =
            id -> Optional.ofNullable(Map.of(PRO.tierId(), PRO, TEAM_YEARLY.tierId(), TEAM_YEARLY).get(id));

    private static AccountPlan planOf(Instant now, Subscription... subscriptions) {
        return AccountPlan.at(List.of(subscriptions), CATALOG, PlanLimits.DEFAULTS, now);
    }

    private static Subscription pro(Instant startedAt, int trialDays) {
        return Subscription.start("sub-" + startedAt.getEpochSecond(), "acct-1", PRO, trialDays, startedAt);
    }

    @Test
    void anAccountWithoutSubscriptionsIsOnNoPlanWithTheDefaultLimitsAndTheCalendarMonth() {
        AccountPlan plan = planOf(NOW);

        assertFalse(plan.hasPlan());
        assertEquals("No Plan", plan.planName());
        assertEquals(SubscriptionStatus.NONE, plan.status());
        assertEquals("none", plan.status().wireName());
        assertEquals(0, plan.priceCents());
        assertEquals(Optional.empty(), plan.currentTier());
        assertNull(plan.subscription());
        assertEquals(Trial.NONE, plan.trial());
        assertEquals(new PlanLimits(100_000, 10_000, 1_000, 1, 25), plan.limits());
        assertEquals(BillingPeriod.ofDays(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)), plan.period());
        assertEquals("0.00", plan.platformCost().format());
        assertEquals(LimitPolicy.SOFT, plan.limitPolicy(), "no plan: soft");
    }

    @Test
    void theLimitPolicyIsTheCurrentTiers() {
        assertEquals(LimitPolicy.SOFT, planOf(NOW, pro(Instant.parse("2026-08-31T15:00:00Z"), 0)).limitPolicy());
        Subscription team = Subscription.start("sub-t", "acct-1", TEAM_YEARLY, 0, Instant.parse("2026-01-05T00:00:00Z"));
        assertEquals(LimitPolicy.HARD, planOf(NOW, team).limitPolicy());
    }

    @Test
    void theConfiguredDefaultLimitsApplyWithoutAPlan() {
        PlanLimits configured = new PlanLimits(5, 6, 7, 8, 9);
        assertEquals(configured, AccountPlan.at(List.of(), CATALOG, configured, NOW).limits());
    }

    @Test
    void aSubscribedAccountReadsItsTiersNamePriceLimitsAndAnniversaryPeriod() {
        AccountPlan plan = planOf(NOW, pro(Instant.parse("2026-08-31T15:00:00Z"), 0));

        assertTrue(plan.hasPlan());
        assertEquals("Pro", plan.planName());
        assertEquals(2900, plan.priceCents());
        assertEquals(Optional.of(PRO), plan.currentTier());
        assertEquals(PRO_LIMITS, plan.limits());
        assertEquals(SubscriptionStatus.ACTIVE, plan.status());
        // Anchored on Aug 31: Sep 30, Oct 31, Nov 30.
        assertEquals(BillingPeriod.ofDays(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 30)), plan.period());
    }

    @Test
    void aYearlyTierIsBilledByAnniversaryYear() {
        Subscription s = Subscription.start("sub-1", "acct-1", TEAM_YEARLY, 0, Instant.parse("2024-02-29T10:00:00Z"));

        AccountPlan plan = planOf(NOW, s);

        assertEquals(BillingPeriod.ofDays(LocalDate.of(2026, 2, 28), LocalDate.of(2027, 2, 28)), plan.period());
    }

    @Test
    void aTrialingPlanShowsItsTrialAndCostsNothingYet() {
        AccountPlan plan = planOf(NOW, pro(NOW.minus(Duration.ofDays(10)).minus(Duration.ofHours(5)), 14));

        assertEquals(SubscriptionStatus.TRIALING, plan.status());
        assertEquals(4, plan.trial().daysRemaining());
        assertFalse(plan.trial().expired());
        assertEquals(Money.ZERO, plan.platformCost());
        assertEquals(2900, plan.priceCents(), "the price is shown whatever the status");
    }

    @Test
    void anExpiredTrialReadsExpiredAndCostsNothing() {
        AccountPlan plan = planOf(NOW, pro(NOW.minus(Duration.ofDays(20)), 14));

        assertEquals(SubscriptionStatus.EXPIRED, plan.status());
        assertTrue(plan.trial().expired());
        assertEquals(Money.ZERO, plan.platformCost());
    }

    @Test
    void anActivePlanChargesItsPriceForThePeriod() {
        AccountPlan plan = planOf(NOW, pro(NOW.minus(Duration.ofDays(20)), 14).activate(NOW.minusSeconds(60)));

        assertEquals(SubscriptionStatus.ACTIVE, plan.status());
        assertEquals("29.00", plan.platformCost().format());
    }

    @Test
    void aPastDuePlanIsStillCharged() {
        AccountPlan plan = planOf(NOW, pro(NOW.minus(Duration.ofDays(20)), 0).markPastDue(NOW.minusSeconds(60)));

        assertEquals(SubscriptionStatus.PAST_DUE, plan.status());
        assertEquals("29.00", plan.platformCost().format());
    }

    @Test
    void aCanceledPlanStaysCurrentWhenNothingElseIsLiveButCostsNothing() {
        Subscription s = pro(NOW.minus(Duration.ofDays(20)), 0);
        Subscription canceled = s.cancel(NOW.minusSeconds(60), false, s.periodAt(BillingCycle.MONTHLY, NOW));

        AccountPlan plan = planOf(NOW, canceled);

        assertEquals(SubscriptionStatus.CANCELED, plan.status());
        assertEquals("Pro", plan.planName());
        assertEquals(Money.ZERO, plan.platformCost());
    }

    @Test
    void theTotalIsThePlatformChargePlusTheUsageCost() {
        AccountPlan active = planOf(NOW, pro(NOW.minus(Duration.ofDays(3)), 0));
        AccountPlan trialing = planOf(NOW, pro(NOW.minus(Duration.ofDays(3)), 14));
        AccountPlan none = planOf(NOW);
        Money usage = Money.parse("1.234567");

        assertEquals("30.234567", active.totalCost(usage).format());
        assertEquals("1.234567", trialing.totalCost(usage).format());
        assertEquals("1.234567", none.totalCost(usage).format());
        assertEquals("29.00", active.totalCost(Money.ZERO).format());
    }

    @Test
    void tokenUsageIsMeasuredAgainstThePlansAllowance() {
        AccountPlan pro = planOf(NOW, pro(NOW.minus(Duration.ofDays(3)), 0));
        AccountPlan none = planOf(NOW);
        AccountPlan noAllowance = planOf(NOW,
                Subscription.start("sub-1", "acct-1", TEAM_YEARLY, 0, NOW.minus(Duration.ofDays(3))));

        assertEquals(new BigDecimal("25.00"), pro.tokenUsagePct(500_000));
        assertEquals(new BigDecimal("150.00"), none.tokenUsagePct(150_000));
        assertEquals(new BigDecimal("0.00"), noAllowance.tokenUsagePct(0));
        assertEquals(new BigDecimal("100.00"), noAllowance.tokenUsagePct(1));
    }

    @Test
    void theLatestLiveSubscriptionDecidesThePlan() {
        Subscription oldCanceled = pro(NOW.minus(Duration.ofDays(300)), 0);
        oldCanceled = oldCanceled.cancel(NOW.minus(Duration.ofDays(200)), false,
                oldCanceled.periodAt(BillingCycle.MONTHLY, NOW.minus(Duration.ofDays(200))));
        Subscription team = Subscription.start("sub-team", "acct-1", TEAM_YEARLY, 0, NOW.minus(Duration.ofDays(30)));

        AccountPlan plan = planOf(NOW, oldCanceled, team);

        assertEquals("Team", plan.planName());
        assertEquals(team, plan.subscription());
    }

    @Test
    void aSubscriptionToATierMissingFromTheCatalogIsAnError() {
        Subscription orphan = Subscription.start("sub-1", "acct-1",
                new Tier("gone", "gone", "P", "Gone", 0, BillingCycle.MONTHLY, 0, PRO_LIMITS), 0, NOW);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> planOf(NOW, orphan));
        assertTrue(e.getMessage().contains("unknown tier gone"), e.getMessage());
    }

    @Test
    void aPlanHasATierAndASubscriptionOrNeither() {
        BillingPeriod period = BillingPeriod.ofDays(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new AccountPlan(PRO, null, SubscriptionStatus.ACTIVE, period, Trial.NONE, PRO_LIMITS));
    }
}

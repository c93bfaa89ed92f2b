package com.example.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.period.PeriodCalendar;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.validation.InvalidInputException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The example of the README's "Embedding the domain" section, compiled and run so it cannot rot. It lives outside
 * {@code com.hydracore.billing.domain} on purpose: it can only use what an embedding service can use.
 *
 * <p>The lines between the README markers are the README snippet, verbatim (see docs/embedding-domain.md).
 */
class EmbeddingExampleTest {

    @Test
    void theReadmeExampleResolvesAPlanParsesMoneyAndComputesAPeriod() {
        // README:begin
        // A catalog with one tier: $29.00 a month, 14-day trial.
        Tier pro = new Tier("tier-pro", "pro", "HydraCore Agents", "Pro", 2900, BillingCycle.MONTHLY, 14,
                new PlanLimits(2_000_000, 100_000, 10_000, 10, 100));
        Map<String, Tier> catalog = Map.of(pro.tierId(), pro);

        // Subscribed on Jan 31 with the tier's trial; paid on Feb 10.
        Subscription subscription = Subscription
                .start("sub-1", "acct-1", pro, pro.trialDays(), Instant.parse("2026-01-31T10:00:00Z"))
                .activate(Instant.parse("2026-02-10T08:00:00Z"));

        // The plan at an instant. Time is always a parameter: pass clock.instant().
        Instant now = Instant.parse("2026-03-10T12:00:00Z");
        AccountPlan plan = AccountPlan.at(List.of(subscription), id -> Optional.ofNullable(catalog.get(id)),
                PlanLimits.DEFAULTS, now);

        assertEquals("Pro", plan.planName());
        assertEquals("active", plan.status().wireName());
        assertEquals(Instant.parse("2026-02-14T10:00:00Z"), plan.trial().trialEndsAt()); // still shown once paid
        assertEquals(0, plan.trial().daysRemaining());
        // Anniversary period, clamped from the Jan 31 anchor; the end is exclusive.
        assertEquals(BillingPeriod.ofDays(LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31)), plan.period());

        // Money is exact micro-dollars: parse the wire form, add, format back.
        Money usageCost = Money.parse("12.345678");
        assertEquals("41.345678", plan.totalCost(usageCost).format()); // 29.00 platform + usage
        assertEquals(new BigDecimal("25.00"), plan.tokenUsagePct(500_000));

        // Bad input is refused, never rounded, with pydantic-style problems your API can return as they are.
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Money.parse("0.0000001"));
        assertEquals("decimal_max_places", refused.violations().get(0).type());

        // A period on its own: a yearly plan started on Feb 29 renews on Feb 28 in common years.
        BillingPeriod year = PeriodCalendar.anniversaryPeriod(Instant.parse("2024-02-29T09:00:00Z"),
                BillingCycle.YEARLY, now);
        assertEquals(BillingPeriod.ofDays(LocalDate.of(2026, 2, 28), LocalDate.of(2027, 2, 28)), year);
        // README:end
    }
}

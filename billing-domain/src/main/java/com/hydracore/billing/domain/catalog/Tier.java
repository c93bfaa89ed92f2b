package com.hydracore.billing.domain.catalog;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import java.util.Objects;

/**
 * A plan in the catalog: its names, price, cycle, trial length and limits.
 *
 * @param tierId      stable identifier, 1–128 characters
 * @param tierSlug    URL-friendly name, 1–128 characters
 * @param productName product shown on the billing page, 1–200 characters
 * @param planName    plan shown on the billing page, 1–200 characters
 * @param priceCents  price per period in US cents, ≥ 0
 * @param billingCycle monthly or yearly
 * @param trialDays   trial length in days of 24 h, 0 (no trial) to {@link #MAX_TRIAL_DAYS}
 * @param limits      allowances and limits per period
 * @param limitPolicy what a hold past a limit gets (API §7): {@code soft} grants it over limit, {@code hard} refuses
 */
public record Tier(String tierId, String tierSlug, String productName, String planName, long priceCents,
                   BillingCycle billingCycle, int trialDays, PlanLimits limits, LimitPolicy limitPolicy) {

    /** Longest trial accepted: ten years is already more than any real trial. */
    public static final int MAX_TRIAL_DAYS = 3650;
    /** Highest price accepted, in cents, so any price is a valid {@link Money}. */
    public static final long MAX_PRICE_CENTS = 100_000_000_000L;

    /** Validates every field at once and throws {@link InvalidInputException} listing all problems. */
    public Tier {
        Checks checks = new Checks();
        checks.text("tier_id", tierId, 1, 128);
        checks.text("tier_slug", tierSlug, 1, 128);
        checks.text("product_name", productName, 1, 200);
        checks.text("plan_name", planName, 1, 200);
        checks.range("price_cents", priceCents, 0, MAX_PRICE_CENTS);
        checks.present("billing_cycle", billingCycle);
        checks.range("trial_days", trialDays, 0, MAX_TRIAL_DAYS);
        checks.present("limits", limits);
        checks.present("limit_policy", limitPolicy);
        checks.throwIfAny();
    }

    /** A tier with the default limit policy ({@link LimitPolicy#DEFAULT}). */
    public Tier(String tierId, String tierSlug, String productName, String planName, long priceCents,
                BillingCycle billingCycle, int trialDays, PlanLimits limits) {
        this(tierId, tierSlug, productName, planName, priceCents, billingCycle, trialDays, limits,
                LimitPolicy.DEFAULT);
    }

    /** The price of one period. */
    public Money price() {
        return Money.ofCents(priceCents);
    }

    /** Whether a new subscription to this tier starts with a trial by default. */
    public boolean hasTrial() {
        return trialDays > 0;
    }

    /** The same tier with another id (the path's id wins over the body's). */
    public Tier withId(String id) {
        return new Tier(Objects.requireNonNull(id), tierSlug, productName, planName, priceCents, billingCycle, trialDays,
                limits, limitPolicy);
    }
}

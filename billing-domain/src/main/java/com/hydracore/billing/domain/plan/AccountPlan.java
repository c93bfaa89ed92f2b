package com.hydracore.billing.domain.plan;

import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.money.Percent;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.period.PeriodCalendar;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.subscription.SubscriptionSelection;
import com.hydracore.billing.domain.subscription.SubscriptionStatus;
import com.hydracore.billing.domain.subscription.Trial;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An account's plan at one instant: the current subscription and its tier (or none), status, billing period,
 * trial and limits. Everything the billing page says about "what plan am I on" comes from here.
 *
 * @param tier         the current subscription's tier, or {@code null} with no plan
 * @param subscription the current subscription, or {@code null} with no plan
 * @param status       the current subscription's status, or {@link SubscriptionStatus#NONE}
 * @param period       the billing period containing the instant
 * @param trial        the trial as the page shows it
 * @param limits       the tier's limits, or the configured defaults with no plan
 */
public record AccountPlan(Tier tier, Subscription subscription, SubscriptionStatus status, BillingPeriod period,
                          Trial trial, PlanLimits limits) {

    /** The plan name an account with no subscription reads. */
    public static final String NO_PLAN_NAME = "No Plan";

    /** Requires status, period, trial and limits; tier and subscription come together or not at all. */
    public AccountPlan {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(trial, "trial");
        Objects.requireNonNull(limits, "limits");
        if ((tier == null) != (subscription == null)) {
            throw new IllegalArgumentException("a plan has both a tier and a subscription, or neither");
        }
    }

    /**
     * The plan of an account with these subscriptions at {@code now}.
     *
     * @param subscriptions the account's subscriptions, oldest first
     * @param tiers         looks a tier up by id
     * @param defaults      limits of an account with no plan
     * @throws IllegalStateException when the current subscription's tier is not in the catalog
     */
    public static AccountPlan at(List<Subscription> subscriptions, Function<String, Optional<Tier>> tiers,
                                 PlanLimits defaults, Instant now) {
        Optional<Subscription> current = SubscriptionSelection.current(subscriptions, now);
        if (current.isEmpty()) {
            return new AccountPlan(null, null, SubscriptionStatus.NONE, PeriodCalendar.calendarMonth(now), Trial.NONE,
                    defaults);
        }
        Subscription subscription = current.get();
        Tier tier = tiers.apply(subscription.tierId()).orElseThrow(() -> new IllegalStateException(
                "subscription " + subscription.subscriptionId() + " refers to unknown tier " + subscription.tierId()));
        return new AccountPlan(tier, subscription, subscription.statusAt(now),
                subscription.periodAt(tier.billingCycle(), now), Trial.of(subscription, now), tier.limits());
    }

    /** The current plan's limit policy; {@link LimitPolicy#DEFAULT} with no plan. */
    public LimitPolicy limitPolicy() {
        return hasPlan() ? tier.limitPolicy() : LimitPolicy.DEFAULT;
    }

    /** Whether the account has a subscription at all. */
    public boolean hasPlan() {
        return subscription != null;
    }

    /** The plan name shown, {@value #NO_PLAN_NAME} without a plan. */
    public String planName() {
        return hasPlan() ? tier.planName() : NO_PLAN_NAME;
    }

    /** The price in cents shown with the plan (0 without a plan), whatever the status. */
    public long priceCents() {
        return hasPlan() ? tier.priceCents() : 0;
    }

    /** What the platform charges for the period: the tier's price when active or past due, else zero. */
    public Money platformCost() {
        return status.isBillable() ? tier.price() : Money.ZERO;
    }

    /** Platform charge plus usage cost. */
    public Money totalCost(Money usageCost) {
        return platformCost().plus(usageCost);
    }

    /** Tokens used as a percentage of the allowance; can exceed 100. */
    public BigDecimal tokenUsagePct(long tokensUsed) {
        return Percent.of(tokensUsed, limits.tokenAllowance());
    }

    /** Optional view of the tier. */
    public Optional<Tier> currentTier() {
        return Optional.ofNullable(tier);
    }
}

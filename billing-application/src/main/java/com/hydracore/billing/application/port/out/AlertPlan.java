package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ledger needs to raise {@code usage.threshold_reached} alerts in the transaction of an append (API §8): the
 * thresholds and, per account of the append, its current period and limits, resolved by the application from the
 * plan. The ledger knows neither plans nor clocks; an account it finds no entry for raises nothing.
 *
 * @param thresholds the configured thresholds ({@code BILLING_ALERT_THRESHOLDS}); empty raises nothing
 * @param accounts   account id → its current period, limits, and the instant the append was made
 */
public record AlertPlan(AlertThresholds thresholds, Map<String, AccountAlerting> accounts) {

    /** No alerts: what an append made without a plan (tests, seeding) gets. */
    public static final AlertPlan NONE = new AlertPlan(new AlertThresholds(List.of()), Map.of());

    /** Requires both, without null entries; keeps an unmodifiable copy. */
    public AlertPlan {
        Objects.requireNonNull(thresholds, "thresholds");
        accounts = Map.copyOf(accounts);
    }

    /** Whether an append under this plan can raise anything at all. */
    public boolean isEmpty() {
        return thresholds.percents().isEmpty() || accounts.isEmpty();
    }

    /** The account's entry, if the plan has one. */
    public Optional<AccountAlerting> of(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    /**
     * This plan and {@code other}'s accounts together, for batches written in one append: an account in both keeps
     * this plan's entry (resolved by the batch queued first). Thresholds are the same configuration; the non-empty
     * ones are kept.
     */
    public AlertPlan with(AlertPlan other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<String, AccountAlerting> merged = new HashMap<>(other.accounts);
        merged.putAll(accounts);
        return new AlertPlan(thresholds, merged);
    }

    /**
     * One account's side of the plan.
     *
     * @param period the current billing period: only new events dated in it count, and usage is summed over it
     * @param limits the current plan's limits (the configured defaults with no plan)
     * @param at     when the append was made: the alert's {@code timestamp}
     */
    public record AccountAlerting(BillingPeriod period, PlanLimits limits, Instant at) {

        /** Requires every field. */
        public AccountAlerting {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(at, "at");
        }
    }
}

package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An account's live quotas over its current period: the answer of {@code GET /v1/billing/quota} and what a hold is
 * judged against.
 *
 * @param period the current billing period
 * @param policy the current plan's limit policy ({@link LimitPolicy#DEFAULT} with no plan)
 * @param quotas exactly one quota per {@link QuotaMetric}, in contract order; {@code instances} reserves nothing
 */
public record AccountQuotas(BillingPeriod period, LimitPolicy policy, List<Quota> quotas) {

    private static final List<QuotaMetric> ORDER = List.of(QuotaMetric.values());

    /** Requires the four quotas in contract order, with nothing reserved against instances. */
    public AccountQuotas {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(policy, "policy");
        quotas = List.copyOf(quotas);
        if (!quotas.stream().map(Quota::metric).toList().equals(ORDER)) {
            throw new IllegalArgumentException("quotas must be " + ORDER + " in this order, not " + quotas);
        }
        if (quotas.get(QuotaMetric.INSTANCES.ordinal()).reserved() != 0) {
            throw new IllegalArgumentException("instances are never held");
        }
    }

    /**
     * The quotas of a plan: each limit of {@code limits} next to what the period used and what live holds reserve.
     *
     * @param period   the current billing period
     * @param policy   the current plan's limit policy
     * @param limits   the current plan's limits (the default limits with no plan)
     * @param used     the period's usage and the active instances
     * @param reserved what the account's live holds add
     */
    public static AccountQuotas of(BillingPeriod period, LimitPolicy policy, PlanLimits limits, QuotaUsage used,
                                   LiveHolds reserved) {
        List<Quota> quotas = new ArrayList<>();
        for (QuotaMetric metric : QuotaMetric.values()) {
            quotas.add(new Quota(metric, used.of(metric), reserved.of(metric), metric.limitOf(limits)));
        }
        return new AccountQuotas(period, policy, quotas);
    }

    /** The quota of {@code metric}. */
    public Quota quota(QuotaMetric metric) {
        return quotas.get(metric.ordinal());
    }

    /** Whether {@code hold} is granted under this account's policy ({@link HoldDecision#decide}). */
    public HoldDecision decide(Hold hold) {
        return HoldDecision.decide(quotas, policy, hold);
    }

    /** These quotas once {@code hold} is held too: each metric's reserved grows by what the hold asks of it. */
    public AccountQuotas withHold(Hold hold) {
        List<Quota> after = quotas.stream().map(q -> q.plusReserved(hold.requested(q.metric()))).toList();
        return new AccountQuotas(period, policy, after);
    }
}

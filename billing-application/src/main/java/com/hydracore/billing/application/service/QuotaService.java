package com.hydracore.billing.application.service;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.error.QuotaExceededException;
import com.hydracore.billing.application.port.in.GetQuota;
import com.hydracore.billing.application.port.in.HoldQuota;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.quota.AccountQuotas;
import com.hydracore.billing.domain.quota.Reservation;
import com.hydracore.billing.domain.quota.ReservationRequest;
import java.time.Clock;
import java.time.Instant;

/**
 * Quotas and reservations (API §7). The plan is resolved here, like every read; the decision itself is the domain's
 * ({@link AccountQuotas#decide}), carried out by the {@link QuotaHolds} port atomically with what it reads.
 */
public final class QuotaService implements GetQuota, HoldQuota {

    static final String NOT_FOUND = "Reservation not found";

    private final QuotaHolds holds;
    private final Clock clock;
    private final PlanResolver plans;

    /** Wires the quotas to their ports. */
    public QuotaService(TierCatalog catalog, SubscriptionStore subscriptions, QuotaHolds holds,
                        BillingSettings settings, Clock clock) {
        this.holds = holds;
        this.clock = clock;
        this.plans = new PlanResolver(subscriptions, catalog, settings);
    }

    /**
     * The plan (cached) and one read of the holds' store: the period's usage, the active instances and the live
     * holds together, so the quota costs a router one round trip to the database (docs/quotas.md).
     */
    @Override
    public AccountQuotas quota(String accountId) {
        Instant now = clock.instant();
        AccountPlan plan = plans.planOf(accountId, now);
        QuotaHolds.Usage usage = holds.usage(accountId, plan.period(), now);
        return AccountQuotas.of(plan.period(), plan.limitPolicy(), plan.limits(), usage.used(), usage.live());
    }

    @Override
    public Answer hold(String accountId, ReservationRequest request) {
        Instant now = clock.instant();
        AccountPlan plan = plans.planOf(accountId, now);
        QuotaHolds.Outcome outcome = holds.hold(accountId, request,
                new QuotaHolds.Terms(plan.period(), plan.limits(), plan.limitPolicy()), now);
        if (outcome instanceof QuotaHolds.Created c) {
            return answer(c.reservation(), now, true);
        }
        if (outcome instanceof QuotaHolds.Existing e) {
            return answer(e.reservation(), now, false);
        }
        QuotaHolds.Refused refused = (QuotaHolds.Refused) outcome;
        throw new QuotaExceededException(refused.metric(), refused.remaining());
    }

    @Override
    public Answer find(String accountId, String reservationId) {
        Instant now = clock.instant();
        return answer(holds.find(accountId, reservationId).orElseThrow(() -> new NotFoundException(NOT_FOUND)), now,
                false);
    }

    @Override
    public Answer release(String accountId, String reservationId) {
        Instant now = clock.instant();
        return answer(holds.release(accountId, reservationId, now)
                .orElseThrow(() -> new NotFoundException(NOT_FOUND)), now, false);
    }

    private static Answer answer(Reservation reservation, Instant now, boolean created) {
        return new Answer(reservation, reservation.statusAt(now), created);
    }
}

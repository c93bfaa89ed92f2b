package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.quota.Reservation;
import com.hydracore.billing.domain.quota.ReservationRequest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where holds on an account's quotas are kept, and the arbiter that grants them (API §7). A hold is decided by the
 * domain's rule ({@link com.hydracore.billing.domain.quota.AccountQuotas#decide}) against what the account used in
 * the period (the usage a {@link UsageLedger} holds, read from the same store) and what its live holds reserve,
 * <em>atomically</em>: the holds of one account are decided one after another, whatever process asks, so that N
 * concurrent holds of {@code s} against {@code R} remaining grant exactly {@code min(N, ⌊R/s⌋)} under a hard policy.
 * A usage event naming a live hold settles it in the append that stores the event (the ledger's part).
 *
 * <p>Every method is scoped to one account. Status is never stored: it is derived from the reservation's facts and
 * the instant asked about ({@link Reservation#statusAt}). The
 * {@code com.hydracore.billing.application.contract.QuotaHoldsContract} in this module's test-jar checks all of it.
 *
 * <p>A call that cannot reach the store throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain.
 */
public interface QuotaHolds {

    /**
     * Holds {@code request} on the account's quotas at {@code now}, unless a reservation with its id exists (then it
     * is answered as stored, and nothing is held again, whatever the request says).
     *
     * @param accountId the account whose quotas are held
     * @param request   the checked reservation body
     * @param terms     the account's plan at {@code now}: its period, limits and policy
     * @param now       the instant the hold is asked
     * @return created, existing, or refused (hard policy: nothing is stored)
     */
    Outcome hold(String accountId, ReservationRequest request, Terms terms, Instant now);

    /** The reservation with this id, as stored; empty when the account has none with it. */
    Optional<Reservation> find(String accountId, String reservationId);

    /**
     * Releases the reservation at {@code now} if it is still held then; one no longer held is left as it is.
     *
     * @return the reservation as it is after the call; empty when the account has none with this id
     */
    Optional<Reservation> release(String accountId, String reservationId, Instant now);

    /**
     * Everything that counts against the account's quotas at {@code now}, read together (the quota read asks it on
     * every call, so a store should answer it in one round trip):
     * <ul>
     *   <li>{@code used}: the period's tokens, requests and unique conversations, as
     *       {@link UsageSums#totals} has them, and the active instances, as {@link Inventory#summary} has them (of the
     *       inventory over the same store);</li>
     *   <li>{@code live}: what its live holds reserve, the same as {@link LiveHolds#of} over its reservations with
     *       the period's conversations as {@code period}'s usage has them.</li>
     * </ul>
     * Read without the hold lock: it may be a moment old, never inconsistent with itself. A store may answer callers
     * asking at once with one read that starts after each asked, counted at the latest {@code now} among them.
     */
    Usage usage(String accountId, BillingPeriod period, Instant now);

    /**
     * What counts against an account's quotas: the {@code used} and the {@code reserved} sides.
     *
     * @param used the period's usage and the active instances
     * @param live what the live holds add
     */
    record Usage(QuotaUsage used, LiveHolds live) {

        /** Requires both sides. */
        public Usage {
            Objects.requireNonNull(used, "used");
            Objects.requireNonNull(live, "live");
        }
    }

    /**
     * The plan a hold is judged under.
     *
     * @param period the current billing period (what counts as used)
     * @param limits the plan's limits
     * @param policy the plan's limit policy
     */
    record Terms(BillingPeriod period, PlanLimits limits, LimitPolicy policy) {

        /** Requires every part. */
        public Terms {
            Objects.requireNonNull(period, "period");
            Objects.requireNonNull(limits, "limits");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** What a hold came to. */
    sealed interface Outcome permits Created, Existing, Refused {
    }

    /** Granted and stored now. */
    record Created(Reservation reservation) implements Outcome {
    }

    /** A reservation with this id already existed: answered as stored, nothing held again. */
    record Existing(Reservation reservation) implements Outcome {
    }

    /**
     * Refused under a hard limit; nothing stored.
     *
     * @param metric    the first metric, in contract order, the hold would have passed
     * @param remaining that quota's remaining before the hold
     */
    record Refused(QuotaMetric metric, long remaining) implements Outcome {
    }
}

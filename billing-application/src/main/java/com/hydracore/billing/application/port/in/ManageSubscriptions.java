package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.subscription.SubscriptionStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/** Admin: put accounts on tiers and move subscriptions through their lifecycle. */
public interface ManageSubscriptions {

    /**
     * Starts a subscription.
     *
     * @throws com.hydracore.billing.domain.validation.InvalidInputException at {@code tier_id} for an unknown tier,
     *     or at {@code trial_days} when out of range
     */
    SubscriptionView create(CreateSubscription command);

    /**
     * Payment received: trialing, expired or past due become active; active stays active.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException when the subscription is unknown
     * @throws com.hydracore.billing.application.error.ConflictException from any other status
     */
    SubscriptionView activate(String accountId, String subscriptionId);

    /**
     * Marks an active subscription past due.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException when the subscription is unknown
     * @throws com.hydracore.billing.application.error.ConflictException unless it is active
     */
    SubscriptionView markPastDue(String accountId, String subscriptionId);

    /**
     * Cancels now, or at the end of the current period.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException when the subscription is unknown
     * @throws com.hydracore.billing.application.error.ConflictException when already canceled
     */
    SubscriptionView cancel(String accountId, String subscriptionId, boolean atPeriodEnd);

    /**
     * A request to start a subscription.
     *
     * @param accountId the account
     * @param tierId    the tier
     * @param trialDays trial length; empty means the tier's
     * @param startedAt start; empty means now
     */
    record CreateSubscription(String accountId, String tierId, OptionalInt trialDays, Optional<Instant> startedAt) {
    }

    /**
     * A subscription with what it derives at the moment of the answer.
     *
     * @param subscription  the stored subscription
     * @param status        its status now
     * @param currentPeriod its billing period containing now
     */
    record SubscriptionView(Subscription subscription, SubscriptionStatus status, BillingPeriod currentPeriod) {
    }
}

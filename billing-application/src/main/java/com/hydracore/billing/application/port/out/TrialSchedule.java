package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Which subscriptions' trial events still need a look, across every account: what a scheduler needs to send
 * {@code trial.will_end} and {@code trial.expired} once per subscription, and to catch up after downtime.
 *
 * <p>Each subscription with a trial has two marks, one per trial event, set by {@link #markDone} once the event is
 * created or will never be; saving the subscription again (activation, cancellation) keeps them. Which events are
 * due is the domain's rule ({@link com.hydracore.billing.domain.alert.TrialEvents}); this port only finds the
 * subscriptions whose moment has come and whose mark is unset, by dates alone.
 *
 * <p>Implementations share their storage with a {@link SubscriptionStore} (a subscription saved there is seen
 * here) and are checked by {@code com.hydracore.billing.application.contract.TrialScheduleContract} in this module's
 * test-jar. A call that cannot reach the store throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain.
 */
public interface TrialSchedule {

    /**
     * Subscriptions with a trial and at least one unmarked event whose moment is at or before {@code now}:
     * {@code trial.will_end} at {@code max(started_at, trial_ends_at − willEndWindow)}, {@code trial.expired} at
     * {@code trial_ends_at}. Ordered by {@code trial_ends_at}, then account id, then subscription id (binary order);
     * at most {@code limit}.
     */
    List<PendingTrial> pending(Instant now, Duration willEndWindow, int limit);

    /**
     * Marks {@code type} as done for the subscription: it is never pending for that type again. Idempotent; an
     * unknown subscription is ignored.
     */
    void markDone(String accountId, String subscriptionId, EventType type);

    /**
     * A subscription whose trial events need a look.
     *
     * @param subscription the subscription as stored
     * @param unmarked     its trial event types not yet marked done, among them the one(s) whose moment has come
     */
    record PendingTrial(Subscription subscription, Set<EventType> unmarked) {

        /** Requires the subscription; freezes the types. */
        public PendingTrial {
            Objects.requireNonNull(subscription, "subscription");
            unmarked = unmarked.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(unmarked));
        }
    }
}

package com.hydracore.billing.domain.alert;

import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a subscription's trial events are due (API §8), judged from the subscription's dates alone, so that which
 * events are sent never depends on when a scheduler happened to look — only how late they are.
 *
 * <p>Each event has a moment: {@code trial.will_end} at {@code max(started_at, trial_ends_at − window)} (so at
 * creation for a trial shorter than the window), {@code trial.expired} at {@code trial_ends_at}. An event is due
 * from its moment on, unless the subscription was activated or canceled at or before that moment — the same test as
 * "its status at the moment was {@code trialing}" / "{@code expired}", using only facts dated by then. So a
 * scheduler catching up after downtime sends both events of a trial that ended while it was down, even if the
 * subscription was activated since; and a trial activated before its moment never gets the event.
 *
 * @param willEndWindow how long before the trial's end {@code trial.will_end} is due
 *                      ({@code BILLING_TRIAL_WILL_END_DAYS}); zero means it is never sent
 */
public record TrialEvents(Duration willEndWindow) {

    /** The trial events, in the order they are due for one subscription. */
    public static final List<EventType> TYPES = List.of(EventType.TRIAL_WILL_END, EventType.TRIAL_EXPIRED);
    /** Most days of warning. */
    public static final int MAX_WILL_END_DAYS = 365;
    /** The contract's default: three days of warning. */
    public static final TrialEvents DEFAULT = ofDays(3);

    /** What to do about one event of one subscription now. */
    public enum Decision {
        /** Due: create the event now (again, if it was created before: it is the same event). */
        EMIT,
        /** Never due, whatever happens later: nothing to send, nothing to wait for. */
        SKIP,
        /** Not due yet. */
        WAIT
    }

    /** Refuses a negative window or one beyond {@value #MAX_WILL_END_DAYS} days. */
    public TrialEvents {
        Objects.requireNonNull(willEndWindow, "willEndWindow");
        if (willEndWindow.isNegative() || willEndWindow.compareTo(Duration.ofDays(MAX_WILL_END_DAYS)) > 0) {
            throw new IllegalArgumentException("the trial.will_end window is 0 to " + MAX_WILL_END_DAYS + " days");
        }
    }

    /** The rule with a window of {@code days} days of 24 h. */
    public static TrialEvents ofDays(int days) {
        if (days < 0 || days > MAX_WILL_END_DAYS) {
            throw new IllegalArgumentException("trial will-end days: 0 to " + MAX_WILL_END_DAYS + ", not " + days);
        }
        return new TrialEvents(Duration.ofHours(24L * days));
    }

    /**
     * The rule with the window written as whole days ({@code BILLING_TRIAL_WILL_END_DAYS}).
     *
     * @throws IllegalArgumentException when it is not a whole number from 0 to {@value #MAX_WILL_END_DAYS}
     */
    public static TrialEvents parseDays(String text) {
        try {
            return ofDays(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("trial will-end days: '" + text + "' is not a whole number", e);
        }
    }

    /**
     * The moment {@code type} falls due for {@code subscription}; empty when it never does (no trial, or
     * {@code trial.will_end} with a zero window).
     */
    public Optional<Instant> moment(Subscription subscription, EventType type) {
        if (!subscription.hadTrial() || !TYPES.contains(type)) {
            return Optional.empty();
        }
        Instant end = subscription.trialEndsAt();
        if (type == EventType.TRIAL_EXPIRED) {
            return Optional.of(end);
        }
        if (willEndWindow.isZero()) {
            return Optional.empty();
        }
        Instant warning = end.minus(willEndWindow);
        return Optional.of(warning.isBefore(subscription.startedAt()) ? subscription.startedAt() : warning);
    }

    /**
     * Whether {@code type} is due for {@code subscription} at {@code now}, never will be, or not yet. A decision of
     * {@link Decision#SKIP} is final: the facts it rests on (an activation, a cancellation already in effect) never
     * change back.
     */
    public Decision decide(Subscription subscription, EventType type, Instant now) {
        Objects.requireNonNull(now, "now");
        Optional<Instant> due = moment(subscription, type);
        if (due.isEmpty()) {
            return Decision.SKIP;
        }
        Instant moment = due.get();
        Instant activated = subscription.activatedAt();
        if (activated != null && !activated.isAfter(moment)) {
            return Decision.SKIP;
        }
        Instant canceled = subscription.canceledAt();
        if (canceled != null && !canceled.isAfter(moment)) {
            // A cancellation in the future may still be moved (asked again): final only once in effect.
            return canceled.isAfter(now) ? Decision.WAIT : Decision.SKIP;
        }
        return now.isBefore(moment) ? Decision.WAIT : Decision.EMIT;
    }

    /** The event of {@code type} about {@code subscription}, to create when {@link #decide} says {@code EMIT}. */
    public TrialEvent event(Subscription subscription, EventType type) {
        return TrialEvent.of(type, subscription);
    }
}

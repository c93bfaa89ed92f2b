package com.hydracore.billing.domain.alert;

import static com.hydracore.billing.domain.alert.TrialEvents.Decision.EMIT;
import static com.hydracore.billing.domain.alert.TrialEvents.Decision.SKIP;
import static com.hydracore.billing.domain.alert.TrialEvents.Decision.WAIT;
import static com.hydracore.billing.domain.webhook.EventType.TRIAL_EXPIRED;
import static com.hydracore.billing.domain.webhook.EventType.TRIAL_WILL_END;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrialEventsTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(14));
    private static final Instant WARNING = END.minus(Duration.ofDays(3));
    private static final TrialEvents RULE = TrialEvents.DEFAULT;

    private static Subscription trial(Instant start, Instant end, Instant activated, Instant canceled) {
        return new Subscription("sub-1", "acme", "tier-pro", start, end, activated, null, canceled, false);
    }

    private static Subscription fourteenDayTrial() {
        return trial(START, END, null, null);
    }

    @Test
    void willEndIsDueThreeDaysBeforeTheEndAndExpiredAtTheEnd() {
        assertEquals(Optional.of(WARNING), RULE.moment(fourteenDayTrial(), TRIAL_WILL_END));
        assertEquals(Optional.of(END), RULE.moment(fourteenDayTrial(), TRIAL_EXPIRED));
    }

    @Test
    void eachEventIsDueFromItsMomentOn() {
        Subscription s = fourteenDayTrial();

        assertEquals(WAIT, RULE.decide(s, TRIAL_WILL_END, WARNING.minusMillis(1)));
        assertEquals(EMIT, RULE.decide(s, TRIAL_WILL_END, WARNING));
        assertEquals(WAIT, RULE.decide(s, TRIAL_EXPIRED, WARNING));
        assertEquals(WAIT, RULE.decide(s, TRIAL_EXPIRED, END.minusMillis(1)));
        assertEquals(EMIT, RULE.decide(s, TRIAL_EXPIRED, END));
    }

    @Test
    void aTrialShorterThanTheWindowWarnsAtCreation() {
        Subscription twoDays = trial(START, START.plus(Duration.ofDays(2)), null, null);

        assertEquals(Optional.of(START), RULE.moment(twoDays, TRIAL_WILL_END));
        assertEquals(EMIT, RULE.decide(twoDays, TRIAL_WILL_END, START));
    }

    @Test
    void aSubscriptionWithoutTrialHasNoTrialEvents() {
        Subscription paid = trial(START, null, null, null);

        assertEquals(Optional.empty(), RULE.moment(paid, TRIAL_WILL_END));
        assertEquals(SKIP, RULE.decide(paid, TRIAL_WILL_END, END));
        assertEquals(SKIP, RULE.decide(paid, TRIAL_EXPIRED, END));
    }

    @Test
    void anActivationAtOrBeforeTheMomentPreventsTheEventForGood() {
        Subscription paidEarly = trial(START, END, START.plus(Duration.ofDays(1)), null);
        Subscription paidAtWarning = trial(START, END, WARNING, null);

        assertEquals(SKIP, RULE.decide(paidEarly, TRIAL_WILL_END, START.plus(Duration.ofDays(2))));
        assertEquals(SKIP, RULE.decide(paidEarly, TRIAL_EXPIRED, START.plus(Duration.ofDays(2))));
        assertEquals(SKIP, RULE.decide(paidAtWarning, TRIAL_WILL_END, END));
        assertEquals(SKIP, RULE.decide(paidAtWarning, TRIAL_EXPIRED, END));
    }

    @Test
    void anActivationAfterTheMomentDoesNotUndoAnEventThatCameDue() {
        // Caught up after downtime: the trial was warned about and expired before it was paid for.
        Subscription paidLate = trial(START, END, END.plus(Duration.ofDays(1)), null);
        Instant now = END.plus(Duration.ofDays(2));

        assertEquals(EMIT, RULE.decide(paidLate, TRIAL_WILL_END, now));
        assertEquals(EMIT, RULE.decide(paidLate, TRIAL_EXPIRED, now));
        // Paid between warning and end: warned, never expired.
        Subscription paidInWindow = trial(START, END, WARNING.plusSeconds(60), null);
        assertEquals(EMIT, RULE.decide(paidInWindow, TRIAL_WILL_END, now));
        assertEquals(SKIP, RULE.decide(paidInWindow, TRIAL_EXPIRED, now));
    }

    @Test
    void aCancellationInEffectAtOrBeforeTheMomentPreventsTheEvent() {
        Subscription canceledEarly = trial(START, END, null, START.plus(Duration.ofDays(1)));
        Instant now = START.plus(Duration.ofDays(2));

        assertEquals(SKIP, RULE.decide(canceledEarly, TRIAL_WILL_END, now));
        assertEquals(SKIP, RULE.decide(canceledEarly, TRIAL_EXPIRED, now));
    }

    @Test
    void aCancellationAfterTheEndLeavesTheExpiryThatCameBeforeIt() {
        Subscription canceledLater = trial(START, END, null, END.plus(Duration.ofDays(3)));
        Instant now = END.plus(Duration.ofDays(5));

        assertEquals(EMIT, RULE.decide(canceledLater, TRIAL_EXPIRED, now));
    }

    @Test
    void aCancellationScheduledForTheFutureIsWaitedForItMayStillMove() {
        Subscription cancelAtEnd = trial(START, END, null, END);

        assertEquals(WAIT, RULE.decide(cancelAtEnd, TRIAL_EXPIRED, WARNING));
        assertEquals(SKIP, RULE.decide(cancelAtEnd, TRIAL_EXPIRED, END));
        // Will-end came due before the cancellation: it was trialing then.
        assertEquals(EMIT, RULE.decide(cancelAtEnd, TRIAL_WILL_END, WARNING));
    }

    @Test
    void aZeroWindowNeverWarns() {
        TrialEvents noWarning = TrialEvents.ofDays(0);

        assertEquals(Optional.empty(), noWarning.moment(fourteenDayTrial(), TRIAL_WILL_END));
        assertEquals(SKIP, noWarning.decide(fourteenDayTrial(), TRIAL_WILL_END, END));
        assertEquals(EMIT, noWarning.decide(fourteenDayTrial(), TRIAL_EXPIRED, END));
    }

    @Test
    void theWindowIsWholeDaysOfTwentyFourHours() {
        assertEquals(Duration.ofHours(24 * 7), TrialEvents.parseDays(" 7 ").willEndWindow());
        assertEquals(Duration.ZERO, TrialEvents.parseDays("0").willEndWindow());
        assertThrows(IllegalArgumentException.class, () -> TrialEvents.parseDays("-1"));
        assertThrows(IllegalArgumentException.class, () -> TrialEvents.parseDays("366"));
        assertThrows(IllegalArgumentException.class, () -> TrialEvents.parseDays("3.5"));
        assertThrows(IllegalArgumentException.class, () -> new TrialEvents(Duration.ofSeconds(-1)));
    }

    @Test
    void theUsageTypeIsNoTrialEvent() {
        assertEquals(SKIP, RULE.decide(fourteenDayTrial(), EventType.USAGE_THRESHOLD_REACHED, END));
        assertThrows(IllegalArgumentException.class,
                () -> TrialEvent.of(EventType.USAGE_THRESHOLD_REACHED, fourteenDayTrial()));
    }

    @Test
    void theMessagesCarryTheSubscriptionAndAreOnePerSubscriptionAndType() {
        WebhookEvent willEnd = WebhookEvent.of(RULE.event(fourteenDayTrial(), TRIAL_WILL_END), WARNING);
        WebhookEvent expired = WebhookEvent.of(TrialEvent.of(TRIAL_EXPIRED, fourteenDayTrial()), END);

        assertEquals("{\"type\":\"trial.will_end\",\"timestamp\":\"2026-03-12T10:00:00Z\",\"data\":{"
                + "\"account_id\":\"acme\",\"subscription_id\":\"sub-1\",\"tier_id\":\"tier-pro\","
                + "\"trial_ends_at\":\"2026-03-15T10:00:00Z\"}}", willEnd.body());
        assertEquals(TRIAL_EXPIRED, expired.type());
        assertEquals(willEnd.messageId(), WebhookEvent.of(TrialEvent.of(TRIAL_WILL_END, fourteenDayTrial()),
                END).messageId());
        assertEquals(false, willEnd.messageId().equals(expired.messageId()));
        assertThrows(IllegalArgumentException.class, () -> TrialEvent.of(TRIAL_EXPIRED, trial(START, null, null,
                null)));
    }
}

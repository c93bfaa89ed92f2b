package com.hydracore.billing.domain.subscription;

import static com.hydracore.billing.domain.subscription.Fixtures.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.hydracore.billing.domain.catalog.BillingCycle;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrialTest {

    private static final Instant TRIAL_END = Instant.parse("2026-02-14T10:00:00Z");

    @ParameterizedTest(name = "{0} left reads {1} day(s)")
    @CsvSource({
        "PT0S,         0",
        "PT0.000000001S, 1",
        "PT1S,         1",
        "PT5H,         1",
        "PT23H59M59S,  1",
        "PT24H,        1",
        "PT24H0M1S,    2",
        "PT48H,        2",
        "PT48H0M1S,    3",
        "P14D,         14",
    })
    void daysRemainingRoundsAnyStartedDayUp(Duration left, long expectedDays) {
        assertEquals(expectedDays, Trial.daysRemaining(TRIAL_END, TRIAL_END.minus(left)));
    }

    @Test
    void daysRemainingIsNeverNegativeOnceTheTrialHasEnded() {
        assertEquals(0, Trial.daysRemaining(TRIAL_END, TRIAL_END.plusSeconds(1)));
        assertEquals(0, Trial.daysRemaining(TRIAL_END, TRIAL_END.plus(Duration.ofDays(400))));
    }

    @Test
    void aTrialEndingInFiveHoursReadsOneDayRemainingAndNotExpired() {
        Subscription subscription = Fixtures.trialing("sub-1");

        Trial trial = Trial.of(subscription, TRIAL_END.minus(Duration.ofHours(5)));

        assertEquals(new Trial(TRIAL_END, 1, false), trial);
    }

    @Test
    void aTrialJustStartedReadsAllItsDays() {
        assertEquals(new Trial(TRIAL_END, 14, false), Trial.of(Fixtures.trialing("sub-1"), START));
    }

    @Test
    void theTrialEndsAtStartPlusTrialDaysOfTwentyFourHours() {
        assertEquals(START.plus(Duration.ofHours(24 * 14)), Fixtures.trialing("sub-1").trialEndsAt());
    }

    @Test
    void aTrialReachingItsEndReadsExpiredWithNoDaysLeft() {
        Subscription subscription = Fixtures.trialing("sub-1");

        assertEquals(new Trial(TRIAL_END, 0, true), Trial.of(subscription, TRIAL_END));
        assertEquals(new Trial(TRIAL_END, 0, true), Trial.of(subscription, TRIAL_END.plus(Duration.ofDays(3))));
    }

    @Test
    void trialDaysZeroMeansNoTrialSoTheSubscriptionIsActiveFromItsStart() {
        Subscription subscription = Fixtures.withoutTrial("sub-1");

        assertNull(subscription.trialEndsAt());
        assertFalse(subscription.hadTrial());
        assertEquals(SubscriptionStatus.ACTIVE, subscription.statusAt(START));
        assertEquals(new Trial(null, 0, false), Trial.of(subscription, START));
    }

    @Test
    void afterActivationTheTrialEndStaysVisibleWithNoDaysLeftAndNotExpired() {
        Instant activation = TRIAL_END.minus(Duration.ofDays(3));
        Subscription activated = Fixtures.trialing("sub-1").activate(activation);

        assertEquals(new Trial(TRIAL_END, 0, false), Trial.of(activated, activation));
        assertEquals(new Trial(TRIAL_END, 0, false), Trial.of(activated, TRIAL_END.plus(Duration.ofDays(30))));
    }

    @Test
    void anExpiredTrialActivatedLaterIsNoLongerExpired() {
        Instant late = TRIAL_END.plus(Duration.ofDays(2));
        Subscription activated = Fixtures.trialing("sub-1").activate(late);

        assertEquals(new Trial(TRIAL_END, 0, false), Trial.of(activated, late));
    }

    @Test
    void anAccountWithoutSubscriptionHasNoTrial() {
        assertNull(Trial.NONE.trialEndsAt());
        assertEquals(0, Trial.NONE.daysRemaining());
        assertFalse(Trial.NONE.expired());
    }

    @Test
    void aCanceledTrialIsNeitherRunningNorExpired() {
        Instant now = START.plus(Duration.ofDays(1));
        Subscription trialing = Fixtures.trialing("sub-1");
        Subscription canceled = trialing.cancel(now, false, trialing.periodAt(BillingCycle.MONTHLY, now));

        Trial trial = Trial.of(canceled, now);

        assertEquals(0, trial.daysRemaining());
        assertFalse(trial.expired());
        assertEquals(TRIAL_END, trial.trialEndsAt(), "the recorded trial end stays visible");
    }
}

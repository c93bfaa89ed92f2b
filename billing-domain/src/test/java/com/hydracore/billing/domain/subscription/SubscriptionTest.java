package com.hydracore.billing.domain.subscription;

import static com.hydracore.billing.domain.subscription.Fixtures.START;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private static final Instant TRIAL_END = Instant.parse("2026-02-14T10:00:00Z");
    private static final Instant DURING_TRIAL = Instant.parse("2026-02-03T08:00:00Z");
    private static final Instant AFTER_TRIAL = Instant.parse("2026-02-20T08:00:00Z");

    private static BillingPeriod periodAt(Subscription s, Instant now) {
        return s.periodAt(BillingCycle.MONTHLY, now);
    }

    private static Subscription cancelNow(Subscription s, Instant now) {
        return s.cancel(now, false, periodAt(s, now));
    }

    private static Subscription cancelAtPeriodEnd(Subscription s, Instant now) {
        return s.cancel(now, true, periodAt(s, now));
    }

    @Nested
    class StatusDerivedFromTheClock {

        @Test
        void aSubscriptionWithARunningTrialIsTrialing() {
            Subscription s = Fixtures.trialing("sub-1");
            assertEquals(SubscriptionStatus.TRIALING, s.statusAt(START));
            assertEquals(SubscriptionStatus.TRIALING, s.statusAt(TRIAL_END.minusNanos(1)));
        }

        @Test
        void aTrialNotActivatedByItsEndIsExpiredFromThatInstantOn() {
            Subscription s = Fixtures.trialing("sub-1");
            assertEquals(SubscriptionStatus.EXPIRED, s.statusAt(TRIAL_END));
            assertEquals(SubscriptionStatus.EXPIRED, s.statusAt(TRIAL_END.plus(Duration.ofDays(365))));
        }

        @Test
        void aSubscriptionCreatedWithoutTrialIsActive() {
            assertEquals(SubscriptionStatus.ACTIVE, Fixtures.withoutTrial("sub-1").statusAt(START));
        }

        @Test
        void anActivatedSubscriptionIsActiveEvenAfterItsTrialWouldHaveEnded() {
            Subscription s = Fixtures.trialing("sub-1").activate(DURING_TRIAL);
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(DURING_TRIAL));
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(AFTER_TRIAL));
        }

        @Test
        void aSubscriptionMarkedPastDueIsPastDue() {
            Subscription s = Fixtures.withoutTrial("sub-1").markPastDue(DURING_TRIAL);
            assertEquals(SubscriptionStatus.PAST_DUE, s.statusAt(DURING_TRIAL));
            assertEquals(SubscriptionStatus.PAST_DUE, s.statusAt(AFTER_TRIAL));
        }

        @Test
        void aSubscriptionCanceledNowIsCanceledFromThatInstant() {
            Subscription s = cancelNow(Fixtures.withoutTrial("sub-1"), DURING_TRIAL);
            assertEquals(DURING_TRIAL, s.canceledAt());
            assertFalse(s.cancelAtPeriodEnd());
            assertEquals(SubscriptionStatus.CANCELED, s.statusAt(DURING_TRIAL));
            assertEquals(SubscriptionStatus.CANCELED, s.statusAt(AFTER_TRIAL));
        }

        @Test
        void aCancellationAtPeriodEndKeepsTheStatusUntilTheEndOfThePeriodCurrentWhenAsked() {
            // Started on Jan 31: the period containing Mar 10 is [Feb 28, Mar 31).
            Subscription active = Fixtures.withoutTrial("sub-1");
            Instant asked = Instant.parse("2026-03-10T12:00:00Z");
            Instant periodEnd = Instant.parse("2026-03-31T00:00:00Z");

            Subscription s = cancelAtPeriodEnd(active, asked);

            assertTrue(s.cancelAtPeriodEnd());
            assertEquals(periodEnd, s.canceledAt());
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(asked));
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(periodEnd.minusNanos(1)));
            assertEquals(SubscriptionStatus.CANCELED, s.statusAt(periodEnd));
            assertEquals(SubscriptionStatus.CANCELED, s.statusAt(periodEnd.plus(Duration.ofDays(40))));
        }

        @Test
        void aTrialCanceledAtPeriodEndStillExpiresIfItsTrialEndsFirst() {
            Subscription s = cancelAtPeriodEnd(Fixtures.trialing("sub-1"), DURING_TRIAL);
            // The period containing Feb 3 is [Jan 31, Feb 28); the trial ends Feb 14.
            assertEquals(Instant.parse("2026-02-28T00:00:00Z"), s.canceledAt());
            assertEquals(SubscriptionStatus.TRIALING, s.statusAt(DURING_TRIAL));
            assertEquals(SubscriptionStatus.EXPIRED, s.statusAt(AFTER_TRIAL));
            assertEquals(SubscriptionStatus.CANCELED, s.statusAt(Instant.parse("2026-02-28T00:00:00Z")));
        }

        @Test
        void onlyTrialingActiveAndPastDueCountAsLive() {
            assertAll(
                    () -> assertTrue(SubscriptionStatus.TRIALING.isLive()),
                    () -> assertTrue(SubscriptionStatus.ACTIVE.isLive()),
                    () -> assertTrue(SubscriptionStatus.PAST_DUE.isLive()),
                    () -> assertFalse(SubscriptionStatus.EXPIRED.isLive()),
                    () -> assertFalse(SubscriptionStatus.CANCELED.isLive()),
                    () -> assertFalse(SubscriptionStatus.NONE.isLive()));
        }

        @Test
        void onlyActiveAndPastDueAreBilled() {
            assertAll(
                    () -> assertTrue(SubscriptionStatus.ACTIVE.isBillable()),
                    () -> assertTrue(SubscriptionStatus.PAST_DUE.isBillable()),
                    () -> assertFalse(SubscriptionStatus.TRIALING.isBillable()),
                    () -> assertFalse(SubscriptionStatus.EXPIRED.isBillable()),
                    () -> assertFalse(SubscriptionStatus.CANCELED.isBillable()),
                    () -> assertFalse(SubscriptionStatus.NONE.isBillable()));
        }

        @Test
        void statusesCarryTheContractsWireNames() {
            assertEquals(List.of("trialing", "expired", "active", "past_due", "canceled", "none"),
                    java.util.Arrays.stream(SubscriptionStatus.values()).map(SubscriptionStatus::wireName).toList());
        }
    }

    @Nested
    class Activation {

        @Test
        void activatingATrialRecordsThePaymentAndKeepsTheTrialEnd() {
            Subscription s = Fixtures.trialing("sub-1").activate(DURING_TRIAL);
            assertEquals(DURING_TRIAL, s.activatedAt());
            assertEquals(TRIAL_END, s.trialEndsAt());
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(DURING_TRIAL));
        }

        @Test
        void activatingAnExpiredTrialMakesItActive() {
            Subscription s = Fixtures.trialing("sub-1").activate(AFTER_TRIAL);
            assertEquals(AFTER_TRIAL, s.activatedAt());
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(AFTER_TRIAL));
        }

        @Test
        void activatingAPastDueSubscriptionClearsPastDueAndKeepsTheFirstActivation() {
            Subscription paid = Fixtures.trialing("sub-1").activate(DURING_TRIAL);
            Subscription pastDue = paid.markPastDue(AFTER_TRIAL);

            Subscription s = pastDue.activate(AFTER_TRIAL.plusSeconds(60));

            assertNull(s.pastDueAt());
            assertEquals(DURING_TRIAL, s.activatedAt());
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(AFTER_TRIAL.plusSeconds(60)));
        }

        @Test
        void activatingAnActiveSubscriptionChangesNothing() {
            Subscription active = Fixtures.withoutTrial("sub-1");
            assertSame(active, active.activate(DURING_TRIAL));
        }

        @Test
        void activatingACanceledSubscriptionIsRefusedSayingWhy() {
            Subscription canceled = cancelNow(Fixtures.trialing("sub-1"), DURING_TRIAL);

            TransitionRefusedException e = assertThrows(TransitionRefusedException.class,
                    () -> canceled.activate(DURING_TRIAL));

            assertEquals("Cannot activate subscription sub-1: it is canceled; only a trialing, expired or past_due "
                    + "subscription can be activated", e.getMessage());
        }

        @Test
        void activatingKeepsAPendingCancellationAtPeriodEnd() {
            Subscription pending = cancelAtPeriodEnd(Fixtures.trialing("sub-1"), DURING_TRIAL);

            Subscription s = pending.activate(DURING_TRIAL.plusSeconds(1));

            assertTrue(s.cancelAtPeriodEnd());
            assertEquals(pending.canceledAt(), s.canceledAt());
            assertEquals(SubscriptionStatus.ACTIVE, s.statusAt(AFTER_TRIAL));
            assertEquals(SubscriptionStatus.CANCELED, s.statusAt(pending.canceledAt()));
        }
    }

    @Nested
    class PastDue {

        @Test
        void onlyAnActiveSubscriptionCanBecomePastDue() {
            Subscription s = Fixtures.withoutTrial("sub-1").markPastDue(DURING_TRIAL);
            assertEquals(DURING_TRIAL, s.pastDueAt());
        }

        @Test
        void markingATrialPastDueIsRefusedSayingWhy() {
            TransitionRefusedException e = assertThrows(TransitionRefusedException.class,
                    () -> Fixtures.trialing("sub-1").markPastDue(DURING_TRIAL));
            assertEquals("Cannot mark past due subscription sub-1: it is trialing; only an active subscription can "
                    + "become past_due", e.getMessage());
        }

        @Test
        void markingAnExpiredPastDueOrCanceledSubscriptionPastDueIsRefused() {
            Subscription expired = Fixtures.trialing("sub-1");
            Subscription pastDue = Fixtures.withoutTrial("sub-2").markPastDue(DURING_TRIAL);
            Subscription canceled = cancelNow(Fixtures.withoutTrial("sub-3"), DURING_TRIAL);

            assertTrue(assertThrows(TransitionRefusedException.class, () -> expired.markPastDue(AFTER_TRIAL))
                    .getMessage().contains("it is expired"));
            assertTrue(assertThrows(TransitionRefusedException.class, () -> pastDue.markPastDue(AFTER_TRIAL))
                    .getMessage().contains("it is past_due"));
            assertTrue(assertThrows(TransitionRefusedException.class, () -> canceled.markPastDue(AFTER_TRIAL))
                    .getMessage().contains("it is canceled"));
        }
    }

    @Nested
    class Cancellation {

        @Test
        void everyStatusButCanceledCanBeCanceled() {
            Subscription trialing = Fixtures.trialing("sub-1");
            Subscription expired = Fixtures.trialing("sub-2");
            Subscription active = Fixtures.withoutTrial("sub-3");
            Subscription pastDue = Fixtures.withoutTrial("sub-4").markPastDue(DURING_TRIAL);

            assertEquals(SubscriptionStatus.CANCELED, cancelNow(trialing, DURING_TRIAL).statusAt(DURING_TRIAL));
            assertEquals(SubscriptionStatus.CANCELED, cancelNow(expired, AFTER_TRIAL).statusAt(AFTER_TRIAL));
            assertEquals(SubscriptionStatus.CANCELED, cancelNow(active, DURING_TRIAL).statusAt(DURING_TRIAL));
            assertEquals(SubscriptionStatus.CANCELED, cancelNow(pastDue, AFTER_TRIAL).statusAt(AFTER_TRIAL));
        }

        @Test
        void cancelingACanceledSubscriptionIsRefusedSayingWhy() {
            Subscription canceled = cancelNow(Fixtures.withoutTrial("sub-1"), DURING_TRIAL);

            TransitionRefusedException e = assertThrows(TransitionRefusedException.class,
                    () -> cancelNow(canceled, AFTER_TRIAL));

            assertEquals("Cannot cancel subscription sub-1: it is canceled; it is already canceled", e.getMessage());
        }

        @Test
        void aPendingCancellationAtPeriodEndCanBeMadeImmediateButNotRepeatedOnceItHasTakenEffect() {
            Subscription pending = cancelAtPeriodEnd(Fixtures.withoutTrial("sub-1"), DURING_TRIAL);

            Subscription now = cancelNow(pending, DURING_TRIAL.plusSeconds(5));
            assertEquals(DURING_TRIAL.plusSeconds(5), now.canceledAt());
            assertFalse(now.cancelAtPeriodEnd());

            assertThrows(TransitionRefusedException.class, () -> cancelNow(pending, pending.canceledAt()));
        }

        @Test
        void theCancellationDateIsTheEndOfThePeriodPassedInNotAnyLaterOne() {
            Subscription active = Fixtures.withoutTrial("sub-1");
            BillingPeriod april = BillingPeriod.ofDays(LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30));

            Subscription s = active.cancel(Instant.parse("2026-04-10T00:00:00Z"), true, april);

            assertEquals(Instant.parse("2026-04-30T00:00:00Z"), s.canceledAt());
        }
    }

    @Nested
    class Creation {

        @Test
        void aNegativeOrHugeTrialIsRefusedAtTrialDays() {
            InvalidInputException negative = assertThrows(InvalidInputException.class,
                    () -> Subscription.start("sub-1", "acct-1", Fixtures.tier("pro", 0), -1, START));
            assertEquals(List.of(List.of("trial_days")),
                    negative.violations().stream().map(Violation::path).toList());
            assertEquals(Violation.GREATER_THAN_EQUAL, negative.violations().get(0).type());

            InvalidInputException huge = assertThrows(InvalidInputException.class,
                    () -> Subscription.start("sub-1", "acct-1", Fixtures.tier("pro", 0), 3651, START));
            assertEquals(Violation.LESS_THAN_EQUAL, huge.violations().get(0).type());
        }

        @Test
        void aSubscriptionNeedsIdsAndAStartAndReportsEveryMissingOne() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> new Subscription("", null, "pro", null, null, null, null, null, false));
            assertEquals(List.of(List.of("subscription_id"), List.of("account_id"), List.of("started_at")),
                    e.violations().stream().map(Violation::path).toList());
        }

        @Test
        void aTrialCannotEndBeforeTheSubscriptionStarts() {
            assertThrows(IllegalArgumentException.class, () -> new Subscription("sub-1", "acct-1", "pro", START,
                    START.minusSeconds(1), null, null, null, false));
        }

        @Test
        void theTrialLengthMayDifferFromTheTiersDefault() {
            Subscription s = Subscription.start("sub-1", "acct-1", Fixtures.tier("pro", 14), 3, START);
            assertEquals(START.plus(Duration.ofDays(3)), s.trialEndsAt());
            assertEquals("pro", s.tierId());
        }
    }
}

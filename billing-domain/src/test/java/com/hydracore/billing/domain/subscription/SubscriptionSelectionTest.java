package com.hydracore.billing.domain.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.BillingCycle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SubscriptionSelectionTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    private static Instant daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days));
    }

    private static Subscription active(String id, String tier, Instant startedAt) {
        return Subscription.start(id, "acct-1", Fixtures.tier(tier, 0), 0, startedAt);
    }

    private static Subscription trialing(String id, String tier, Instant startedAt) {
        return Subscription.start(id, "acct-1", Fixtures.tier(tier, 30), 30, startedAt);
    }

    private static Subscription expired(String id, String tier, Instant startedAt) {
        Subscription s = Subscription.start(id, "acct-1", Fixtures.tier(tier, 1), 1, startedAt);
        assertEquals(SubscriptionStatus.EXPIRED, s.statusAt(NOW));
        return s;
    }

    private static Subscription canceled(String id, String tier, Instant startedAt) {
        Subscription s = active(id, tier, startedAt);
        return s.cancel(startedAt.plusSeconds(60), false, s.periodAt(BillingCycle.MONTHLY, startedAt));
    }

    private static Subscription pastDue(String id, String tier, Instant startedAt) {
        return active(id, tier, startedAt).markPastDue(startedAt.plusSeconds(60));
    }

    private static Optional<String> currentId(List<Subscription> subscriptions) {
        return SubscriptionSelection.current(subscriptions, NOW).map(Subscription::subscriptionId);
    }

    @Test
    void anAccountWithoutSubscriptionsHasNoCurrentOneAndNoTierIds() {
        assertEquals(Optional.empty(), currentId(List.of()));
        assertEquals(List.of(), SubscriptionSelection.subscribedTierIds(List.of(), NOW));
    }

    @Test
    void theLatestStartedLiveSubscriptionIsCurrent() {
        List<Subscription> subs = List.of(
                active("old-active", "basic", daysAgo(90)),
                trialing("new-trial", "pro", daysAgo(3)),
                pastDue("mid-past-due", "team", daysAgo(20)));

        assertEquals(Optional.of("new-trial"), currentId(subs));
    }

    @Test
    void aLiveSubscriptionWinsOverAMoreRecentlyStartedDeadOne() {
        List<Subscription> subs = List.of(
                active("old-active", "basic", daysAgo(90)),
                canceled("new-canceled", "pro", daysAgo(2)),
                expired("newer-expired", "pro", daysAgo(5)));

        assertEquals(Optional.of("old-active"), currentId(subs));
    }

    @Test
    void withNoLiveSubscriptionTheLatestStartedOfAnyStatusIsCurrent() {
        List<Subscription> subs = List.of(
                expired("newest-expired", "pro", daysAgo(10)),
                canceled("old-canceled", "basic", daysAgo(200)),
                canceled("mid-canceled", "team", daysAgo(40)));

        assertEquals(Optional.of("newest-expired"), currentId(subs));
    }

    @Test
    void twoSubscriptionsStartedAtTheSameInstantResolveToTheLaterInTheList() {
        Instant same = daysAgo(7);
        assertEquals(Optional.of("second"), currentId(List.of(active("first", "a", same), active("second", "b", same))));
        assertEquals(Optional.of("first"), currentId(List.of(active("second", "b", same), active("first", "a", same))));
    }

    @Test
    void subscribedTierIdsListLiveTiersOldestFirstWithoutRepeats() {
        List<Subscription> subs = List.of(
                trialing("s1", "pro", daysAgo(3)),
                active("s2", "basic", daysAgo(90)),
                pastDue("s3", "team", daysAgo(20)),
                active("s4", "basic", daysAgo(10)),
                canceled("s5", "enterprise", daysAgo(100)),
                expired("s6", "starter", daysAgo(50)));

        assertEquals(List.of("basic", "team", "pro"), SubscriptionSelection.subscribedTierIds(subs, NOW));
    }

    @Test
    void subscribedTierIdsFollowTheClockAsTrialsExpire() {
        Subscription trial = trialing("s1", "pro", daysAgo(3));
        List<Subscription> subs = List.of(trial);

        assertEquals(List.of("pro"), SubscriptionSelection.subscribedTierIds(subs, NOW));
        assertTrue(SubscriptionSelection.subscribedTierIds(subs, trial.trialEndsAt()).isEmpty());
        assertEquals(Optional.of("s1"),
                SubscriptionSelection.current(subs, trial.trialEndsAt()).map(Subscription::subscriptionId));
    }
}

package com.hydracore.billing.application.service;

import static com.hydracore.billing.application.service.Fixtures.ACME;
import static com.hydracore.billing.application.service.Fixtures.GLOBEX;
import static com.hydracore.billing.application.service.Fixtures.LEGACY;
import static com.hydracore.billing.application.service.Fixtures.PRO;
import static com.hydracore.billing.application.service.Fixtures.TEAM;
import static com.hydracore.billing.application.service.Fixtures.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.error.ConflictException;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.port.in.ManageSubscriptions.CreateSubscription;
import com.hydracore.billing.application.port.in.ManageSubscriptions.SubscriptionView;
import com.hydracore.billing.application.testing.InMemoryBilling;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.subscription.SubscriptionStatus;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The admin operations: catalog, subscriptions through their lifecycle, inventory. */
class AdminServiceTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBilling app = new InMemoryBilling(clock);

    @BeforeEach
    void catalog() {
        app.admin.put(PRO);
        app.admin.put(TEAM);
        app.admin.put(LEGACY);
    }

    @Nested
    class Tiers {

        @Test
        void tiersAreListedByIdAndAPutReplacesTheTier() {
            Tier cheaperPro = new Tier("pro", "pro-monthly", "HydraCore Agents", "Pro", 1900, BillingCycle.MONTHLY,
                    30, new PlanLimits(1, 2, 3, 4, 5));

            assertEquals(cheaperPro, app.admin.put(cheaperPro));

            assertEquals(List.of(LEGACY, cheaperPro, TEAM), app.admin.list());
        }
    }

    @Nested
    class Creating {

        @Test
        void aNewSubscriptionTakesTheTiersTrialAndStartsNow() {
            SubscriptionView view = app.admin.create(subscribe(ACME, "pro"));

            Subscription expected = new Subscription("sub-1", ACME, "pro", NOW, Instant.parse("2026-03-24T12:00:00Z"),
                    null, null, null, false);
            assertEquals(expected, view.subscription());
            assertEquals(SubscriptionStatus.TRIALING, view.status());
            assertEquals(period("2026-03-10", "2026-04-10"), view.currentPeriod());
            assertEquals(Optional.of(expected), app.subscriptions.find(ACME, "sub-1"));
        }

        @Test
        void trialDaysAndStartCanBeGiven() {
            SubscriptionView noTrial = app.admin.create(subscribe(ACME, "pro", 0, "2026-01-31T08:00:00Z"));
            SubscriptionView shortTrial = app.admin.create(subscribe(GLOBEX, "team", 3, "2026-03-09T00:00:00Z"));

            assertEquals(SubscriptionStatus.ACTIVE, noTrial.status());
            assertEquals(null, noTrial.subscription().trialEndsAt());
            assertEquals(Instant.parse("2026-01-31T08:00:00Z"), noTrial.subscription().startedAt());
            assertEquals(period("2026-02-28", "2026-03-31"), noTrial.currentPeriod());
            assertEquals(SubscriptionStatus.TRIALING, shortTrial.status());
            assertEquals(Instant.parse("2026-03-12T00:00:00Z"), shortTrial.subscription().trialEndsAt());
        }

        @Test
        void aTierWithoutTrialStartsActive() {
            SubscriptionView view = app.admin.create(subscribe(ACME, "team"));

            assertEquals(SubscriptionStatus.ACTIVE, view.status());
            assertEquals(null, view.subscription().trialEndsAt());
        }

        @Test
        void anUnknownTierIsInvalidAtTierIdAndNothingIsStored() {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> app.admin.create(subscribe(ACME, "platinum")));

            assertEquals(List.of(List.of("tier_id")), e.violations().stream().map(Violation::path).toList());
            assertEquals("platinum", e.violations().get(0).input());
            assertEquals(List.of(), app.subscriptions.forAccount(ACME));
        }

        @Test
        void aMissingTierIsInvalidAtTierId() {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.admin.create(
                    new CreateSubscription(ACME, null, OptionalInt.empty(), Optional.empty())));

            assertEquals(List.of(new Violation(List.of("tier_id"), Violation.MISSING, "Field required", null)),
                    e.violations());
        }

        @Test
        void trialDaysOutOfRangeAreInvalidAtTrialDays() {
            for (int days : new int[] {-1, Tier.MAX_TRIAL_DAYS + 1}) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.admin.create(
                        new CreateSubscription(ACME, "pro", OptionalInt.of(days), Optional.empty())));
                assertEquals(List.of(List.of("trial_days")), e.violations().stream().map(Violation::path).toList());
            }
            assertEquals(List.of(), app.subscriptions.forAccount(ACME));
        }

        @Test
        void nowIsKeptToTheSecondTheApiShows() {
            clock.set(Instant.parse("2026-03-10T12:00:00.750Z"));

            Subscription created = app.admin.create(subscribe(ACME, "pro")).subscription();

            assertEquals(NOW, created.startedAt());
            assertEquals(Instant.parse("2026-03-24T12:00:00Z"), created.trialEndsAt());
        }
    }

    @Nested
    class Activating {

        @Test
        void aTrialingSubscriptionBecomesActiveFromNow() {
            String id = create(ACME, "pro");
            clock.set(NOW.plusSeconds(3600));

            SubscriptionView view = app.admin.activate(ACME, id);

            assertEquals(SubscriptionStatus.ACTIVE, view.status());
            assertEquals(NOW.plusSeconds(3600), view.subscription().activatedAt());
            assertEquals(view.subscription(), stored(ACME, id));
        }

        @Test
        void anExpiredSubscriptionCanStillBeActivated() {
            String id = app.admin.create(subscribe(ACME, "pro", "2026-02-01T00:00:00Z")).subscription()
                    .subscriptionId();
            assertEquals(SubscriptionStatus.EXPIRED, app.reads.trialStatus(ACME).status());

            assertEquals(SubscriptionStatus.ACTIVE, app.admin.activate(ACME, id).status());
        }

        @Test
        void activatingAPastDueSubscriptionClearsPastDueAndKeepsTheFirstActivation() {
            String id = create(ACME, "pro");
            app.admin.activate(ACME, id);
            clock.set(NOW.plusSeconds(86_400));
            app.admin.markPastDue(ACME, id);
            clock.set(NOW.plusSeconds(2 * 86_400));

            SubscriptionView view = app.admin.activate(ACME, id);

            assertEquals(SubscriptionStatus.ACTIVE, view.status());
            assertEquals(null, view.subscription().pastDueAt());
            assertEquals(NOW, view.subscription().activatedAt());
        }

        @Test
        void activatingAnActiveSubscriptionChangesNothing() {
            String id = create(ACME, "pro");
            Subscription activated = app.admin.activate(ACME, id).subscription();
            clock.set(NOW.plusSeconds(60));

            SubscriptionView again = app.admin.activate(ACME, id);

            assertEquals(activated, again.subscription());
            assertEquals(SubscriptionStatus.ACTIVE, again.status());
            assertEquals(activated, stored(ACME, id));
        }

        @Test
        void aCanceledSubscriptionCannotBeActivated() {
            String id = create(ACME, "team");
            Subscription canceled = app.admin.cancel(ACME, id, false).subscription();

            ConflictException e = assertThrows(ConflictException.class, () -> app.admin.activate(ACME, id));

            assertTrue(e.getMessage().contains("canceled"), e.getMessage());
            assertEquals(canceled, stored(ACME, id));
        }
    }

    @Nested
    class MarkingPastDue {

        @Test
        void anActiveSubscriptionBecomesPastDueAndIsStillCharged() {
            String id = create(ACME, "team");

            SubscriptionView view = app.admin.markPastDue(ACME, id);

            assertEquals(SubscriptionStatus.PAST_DUE, view.status());
            assertEquals(NOW, view.subscription().pastDueAt());
            assertEquals(SubscriptionStatus.PAST_DUE, app.reads.overview(ACME).plan().status());
            assertEquals(Money.parse("49"), app.reads.overview(ACME).plan().platformCost());
        }

        @Test
        void onlyAnActiveSubscriptionCanBecomePastDueAndTheRefusalSaysWhy() {
            String trialing = create("trialing", "pro");
            String expired = app.admin.create(subscribe("expired", "pro", "2026-02-01T00:00:00Z")).subscription()
                    .subscriptionId();
            String pastDue = create("past-due", "team");
            app.admin.markPastDue("past-due", pastDue);
            String canceled = create("canceled", "team");
            app.admin.cancel("canceled", canceled, false);

            assertConflict(() -> app.admin.markPastDue("trialing", trialing), "trialing");
            assertConflict(() -> app.admin.markPastDue("expired", expired), "expired");
            assertConflict(() -> app.admin.markPastDue("past-due", pastDue), "past_due");
            assertConflict(() -> app.admin.markPastDue("canceled", canceled), "canceled");
        }
    }

    @Nested
    class Canceling {

        @Test
        void cancelingNowTakesEffectNowFromAnyLiveOrExpiredStatus() {
            String trialing = create("trialing", "pro");
            String active = create("active", "team");
            String pastDue = create("past-due", "team");
            app.admin.markPastDue("past-due", pastDue);
            String expired = app.admin.create(subscribe("expired", "pro", "2026-02-01T00:00:00Z")).subscription()
                    .subscriptionId();

            for (String[] s : new String[][] {{"trialing", trialing}, {"active", active}, {"past-due", pastDue},
                    {"expired", expired}}) {
                SubscriptionView view = app.admin.cancel(s[0], s[1], false);
                assertEquals(SubscriptionStatus.CANCELED, view.status(), s[0]);
                assertEquals(NOW, view.subscription().canceledAt(), s[0]);
                assertEquals(false, view.subscription().cancelAtPeriodEnd(), s[0]);
                assertEquals(SubscriptionStatus.CANCELED, app.reads.trialStatus(s[0]).status(), s[0]);
            }
        }

        @Test
        void aCanceledSubscriptionCannotBeCanceledAgain() {
            String id = create(ACME, "team");
            app.admin.cancel(ACME, id, false);

            assertConflict(() -> app.admin.cancel(ACME, id, false), "already canceled");
            assertConflict(() -> app.admin.cancel(ACME, id, true), "already canceled");
        }

        @Test
        void cancelingAtPeriodEndTakesEffectAtTheEndOfThePeriodCurrentWhenAsked() {
            String id = app.admin.create(subscribe(ACME, "team", "2026-01-31T08:00:00Z")).subscription()
                    .subscriptionId();

            SubscriptionView view = app.admin.cancel(ACME, id, true);

            assertEquals(Instant.parse("2026-03-31T00:00:00Z"), view.subscription().canceledAt());
            assertTrue(view.subscription().cancelAtPeriodEnd());
            assertEquals(SubscriptionStatus.ACTIVE, view.status());
            assertEquals(view.subscription(), stored(ACME, id));

            clock.set(Instant.parse("2026-03-30T23:59:59Z"));
            assertEquals(SubscriptionStatus.ACTIVE, app.reads.overview(ACME).plan().status());
            assertEquals(List.of("team"), app.reads.overview(ACME).subscribedTierIds());

            clock.set(Instant.parse("2026-03-31T00:00:00Z"));
            assertEquals(SubscriptionStatus.CANCELED, app.reads.overview(ACME).plan().status());
            assertEquals(List.of(), app.reads.overview(ACME).subscribedTierIds());
            assertEquals(Money.ZERO, app.reads.overview(ACME).plan().platformCost());
        }

        @Test
        void aYearlyPlanCanceledAtPeriodEndRunsToItsAnniversary() {
            String id = app.admin.create(subscribe(ACME, "legacy", 0, "2025-06-15T10:00:00Z")).subscription()
                    .subscriptionId();

            SubscriptionView view = app.admin.cancel(ACME, id, true);

            assertEquals(Instant.parse("2026-06-15T00:00:00Z"), view.subscription().canceledAt());
            assertEquals(period("2025-06-15", "2026-06-15"), view.currentPeriod());
        }

        @Test
        void aCancellationPendingAtPeriodEndCanBeMadeImmediate() {
            String id = create(ACME, "team");
            app.admin.cancel(ACME, id, true);
            clock.set(NOW.plusSeconds(60));

            SubscriptionView view = app.admin.cancel(ACME, id, false);

            assertEquals(SubscriptionStatus.CANCELED, view.status());
            assertEquals(NOW.plusSeconds(60), view.subscription().canceledAt());
            assertEquals(false, view.subscription().cancelAtPeriodEnd());
        }
    }

    @Nested
    class UnknownSubscriptions {

        @Test
        void anUnknownSubscriptionIsNotFound() {
            assertNotFound(() -> app.admin.activate(ACME, "sub-404"));
            assertNotFound(() -> app.admin.markPastDue(ACME, "sub-404"));
            assertNotFound(() -> app.admin.cancel(ACME, "sub-404", false));
        }

        @Test
        void anotherAccountsSubscriptionIsNotFoundAndStaysAsItWas() {
            String id = create(GLOBEX, "team");
            Subscription before = stored(GLOBEX, id);

            assertNotFound(() -> app.admin.activate(ACME, id));
            assertNotFound(() -> app.admin.markPastDue(ACME, id));
            assertNotFound(() -> app.admin.cancel(ACME, id, false));

            assertEquals(before, stored(GLOBEX, id));
            assertEquals(List.of(), app.subscriptions.forAccount(ACME));
        }

        private void assertNotFound(Executable call) {
            NotFoundException e = assertThrows(NotFoundException.class, call);
            assertEquals("Subscription not found", e.getMessage());
        }
    }

    @Nested
    class Inventory {

        @Test
        void putInstanceStoresOrReplacesIt() {
            Instance bot = new Instance(ACME, "inst-1", "Bot", InstanceStatus.ACTIVE);
            Instance renamed = new Instance(ACME, "inst-1", "Support bot", InstanceStatus.STOPPED);

            assertEquals(bot, app.admin.putInstance(bot));
            assertEquals(renamed, app.admin.putInstance(renamed));

            assertEquals(List.of(renamed), app.inventory.instances(ACME));
        }

        @Test
        void putNodeReplacesItsSiteCount() {
            app.admin.putNode(new WebhostNode(ACME, "node-1", 12));

            assertEquals(new WebhostNode(ACME, "node-1", 3), app.admin.putNode(new WebhostNode(ACME, "node-1", 3)));

            assertEquals(List.of(new WebhostNode(ACME, "node-1", 3)), app.inventory.nodes(ACME));
        }

        @Test
        void deletingANodeRemovesIt() {
            app.admin.putNode(new WebhostNode(ACME, "node-1", 12));

            app.admin.deleteNode(ACME, "node-1");

            assertEquals(List.of(), app.inventory.nodes(ACME));
        }

        @Test
        void deletingAnUnknownOrAnotherAccountsNodeIsNotFound() {
            app.admin.putNode(new WebhostNode(GLOBEX, "node-1", 12));

            NotFoundException unknown = assertThrows(NotFoundException.class,
                    () -> app.admin.deleteNode(ACME, "node-2"));
            NotFoundException foreign = assertThrows(NotFoundException.class,
                    () -> app.admin.deleteNode(ACME, "node-1"));

            assertEquals("Webhost node not found", unknown.getMessage());
            assertEquals("Webhost node not found", foreign.getMessage());
            assertEquals(List.of(new WebhostNode(GLOBEX, "node-1", 12)), app.inventory.nodes(GLOBEX));
        }
    }

    private String create(String accountId, String tierId) {
        return app.admin.create(subscribe(accountId, tierId)).subscription().subscriptionId();
    }

    private Subscription stored(String accountId, String subscriptionId) {
        return app.subscriptions.find(accountId, subscriptionId).orElseThrow();
    }

    private static void assertConflict(Executable call, String because) {
        ConflictException e = assertThrows(ConflictException.class, call);
        assertTrue(e.getMessage().contains(because), "message says why: " + e.getMessage());
    }

    private static BillingPeriod period(String first, String endExclusive) {
        return BillingPeriod.ofDays(LocalDate.parse(first), LocalDate.parse(endExclusive));
    }
}

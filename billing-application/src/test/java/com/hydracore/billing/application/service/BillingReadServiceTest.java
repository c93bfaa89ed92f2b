package com.hydracore.billing.application.service;

import static com.hydracore.billing.application.service.Fixtures.ACME;
import static com.hydracore.billing.application.service.Fixtures.GLOBEX;
import static com.hydracore.billing.application.service.Fixtures.LEGACY;
import static com.hydracore.billing.application.service.Fixtures.PRO;
import static com.hydracore.billing.application.service.Fixtures.TEAM;
import static com.hydracore.billing.application.service.Fixtures.batch;
import static com.hydracore.billing.application.service.Fixtures.draft;
import static com.hydracore.billing.application.service.Fixtures.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.port.in.GetBillingOverview.Overview;
import com.hydracore.billing.application.port.in.GetTrialStatus.TrialStatus;
import com.hydracore.billing.application.port.in.GetUsageBreakdown.Breakdown;
import com.hydracore.billing.application.port.in.GetUsageChart;
import com.hydracore.billing.application.port.in.GetUsageChart.Chart;
import com.hydracore.billing.application.port.in.GetUsageChart.ChartQuery;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.application.testing.InMemoryBilling;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.SubscriptionStatus;
import com.hydracore.billing.domain.subscription.Trial;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.EventWindow;
import com.hydracore.billing.domain.usage.InstanceBreakdown;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The four reads of the billing page, on in-memory ports with a hand-set clock. */
class BillingReadServiceTest {

    private final MutableClock clock = MutableClock.at("2026-03-10T12:00:00Z");
    private final InMemoryBilling app = new InMemoryBilling(clock);

    @BeforeEach
    void catalog() {
        app.admin.put(PRO);
        app.admin.put(TEAM);
        app.admin.put(LEGACY);
    }

    @Nested
    class Overviews {

        @Test
        void anAccountWithNoPlanReadsNoPlanWithTheDefaultLimitsOverTheCalendarMonth() {
            Overview overview = app.reads.overview(ACME);

            assertEquals("No Plan", overview.plan().planName());
            assertEquals(SubscriptionStatus.NONE, overview.plan().status());
            assertEquals(Optional.empty(), overview.plan().currentTier());
            assertEquals(0, overview.plan().priceCents());
            assertEquals(PlanLimits.DEFAULTS, overview.plan().limits());
            assertEquals(new PlanLimits(100_000, 10_000, 1_000, 1, 25), overview.plan().limits());
            assertEquals(BillingPeriod.ofDays(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-01")),
                    overview.plan().period());
            assertEquals(Trial.NONE, overview.plan().trial());
            assertEquals(List.of(), overview.subscribedTierIds());
            assertEquals(UsageTotals.ZERO, overview.usage());
            assertEquals(InventorySummary.EMPTY, overview.inventory());
            assertEquals(Money.ZERO, overview.plan().platformCost());
            assertEquals(Money.ZERO, overview.totalCost());
        }

        @Test
        void theDefaultLimitsAreConfigurable() {
            PlanLimits custom = new PlanLimits(5, 4, 3, 2, 1);
            InMemoryBilling configured = new InMemoryBilling(clock,
                    new BillingSettings(custom, EventWindow.DEFAULT, "/billing"));

            assertEquals(custom, configured.reads.overview(ACME).plan().limits());
        }

        @Test
        void aPlanShowsItsTiersLimitsSoTheUsageInstanceLimitIsThePlans() {
            app.admin.create(subscribe(ACME, "pro"));

            Overview overview = app.reads.overview(ACME);

            assertEquals("Pro", overview.plan().planName());
            assertEquals(Optional.of(PRO), overview.plan().currentTier());
            assertEquals(2900, overview.plan().priceCents());
            assertEquals(PRO.limits(), overview.plan().limits());
            assertEquals(3, overview.plan().limits().instanceLimit());
            assertEquals(List.of("pro"), overview.subscribedTierIds());
        }

        @Test
        void usageIsSummedOverTheCurrentAnniversaryPeriodOnly() {
            app.admin.create(subscribe(ACME, "team", "2026-02-15T09:00:00Z"));
            app.recorder.record(batch(
                    draft(ACME, "before", "inst-1", "2026-02-14T23:59:59Z", 1000, 1, "5", "u9"),
                    draft(ACME, "start", "inst-1", "2026-02-15T00:00:00Z", 100, 1, "0.25", "u1"),
                    draft(ACME, "mid", "inst-2", "2026-03-01T00:00:00Z", 7, 1, null, "u1"),
                    draft(ACME, "now", "inst-2", "2026-03-10T11:59:59Z", 50, 2, "0.000001", "u2")));

            Overview overview = app.reads.overview(ACME);

            assertEquals(BillingPeriod.ofDays(LocalDate.parse("2026-02-15"), LocalDate.parse("2026-03-15")),
                    overview.plan().period());
            assertEquals(new UsageTotals(157, 4, Money.parse("0.250001"), 2), overview.usage());
            assertEquals(Money.parse("49.00"), overview.plan().platformCost());
            assertEquals(Money.parse("49.250001"), overview.totalCost());
        }

        @Test
        void inventoryCountsActiveInstancesNodesAndHostedSites() {
            app.recorder.record(batch(draft(ACME, "e1", "inst-discovered", "2026-03-10T10:00:00Z")));
            app.admin.putInstance(new Instance(ACME, "inst-active", "Sales", InstanceStatus.ACTIVE));
            app.admin.putInstance(new Instance(ACME, "inst-stopped", "Old", InstanceStatus.STOPPED));
            app.admin.putInstance(new Instance(ACME, "inst-deleted", "Gone", InstanceStatus.DELETED));
            app.admin.putNode(new WebhostNode(ACME, "node-1", 12));
            app.admin.putNode(new WebhostNode(ACME, "node-2", 0));
            app.admin.putNode(new WebhostNode(ACME, "node-3", 5));
            app.admin.putNode(new WebhostNode(GLOBEX, "node-9", 100));

            assertEquals(new InventorySummary(2, 3, 17), app.reads.overview(ACME).inventory());
        }

        @Test
        void subscribedTierIdsAreTheLiveSubscriptionsTiersOldestFirstWithoutRepeats() {
            app.admin.create(subscribe(ACME, "team", "2026-01-20T00:00:00Z"));                 // active
            String pastDue = app.admin.create(subscribe(ACME, "legacy", 0, "2026-02-01T00:00:00Z"))
                    .subscription().subscriptionId();
            app.admin.markPastDue(ACME, pastDue);                                              // past_due
            app.admin.create(subscribe(ACME, "pro", "2026-03-01T00:00:00Z"));                 // trialing
            app.admin.create(subscribe(ACME, "pro", "2026-01-02T00:00:00Z"));                 // expired
            String canceled = app.admin.create(subscribe(ACME, "pro", 0, "2026-01-01T00:00:00Z"))
                    .subscription().subscriptionId();
            app.admin.cancel(ACME, canceled, false);                                           // canceled
            app.admin.create(subscribe(ACME, "team", "2026-03-05T00:00:00Z"));                // active again

            Overview overview = app.reads.overview(ACME);

            assertEquals(List.of("team", "legacy", "pro"), overview.subscribedTierIds());
            assertEquals("Team", overview.plan().planName(), "the latest-started live subscription is current");
        }

        @Test
        void thePlatformChargesThePriceOnlyWhileActiveOrPastDue() {
            app.admin.create(subscribe("trialing", "pro"));
            app.admin.create(subscribe("active", "team"));
            String pastDue = app.admin.create(subscribe("past-due", "team")).subscription().subscriptionId();
            app.admin.markPastDue("past-due", pastDue);
            app.admin.create(subscribe("expired", "pro", "2026-02-01T00:00:00Z"));
            String canceled = app.admin.create(subscribe("canceled", "team")).subscription().subscriptionId();
            app.admin.cancel("canceled", canceled, false);

            assertEquals(Money.ZERO, app.reads.overview("trialing").plan().platformCost());
            assertEquals(Money.parse("49.00"), app.reads.overview("active").plan().platformCost());
            assertEquals(Money.parse("49.00"), app.reads.overview("past-due").plan().platformCost());
            assertEquals(SubscriptionStatus.EXPIRED, app.reads.overview("expired").plan().status());
            assertEquals(Money.ZERO, app.reads.overview("expired").plan().platformCost());
            assertEquals(SubscriptionStatus.CANCELED, app.reads.overview("canceled").plan().status());
            assertEquals(Money.ZERO, app.reads.overview("canceled").plan().platformCost());
        }

        @Test
        void anotherAccountsPlanAndUsageNeverShow() {
            app.admin.create(subscribe(GLOBEX, "team"));
            app.recorder.record(batch(draft(GLOBEX, "e1", "inst-1", "2026-03-10T10:00:00Z")));

            Overview overview = app.reads.overview(ACME);

            assertEquals("No Plan", overview.plan().planName());
            assertEquals(UsageTotals.ZERO, overview.usage());
            assertEquals(InventorySummary.EMPTY, overview.inventory());
        }
    }

    @Nested
    class TrialStatuses {

        @Test
        void aRunningTrialCountsItsRemainingDaysRoundedUp() {
            app.admin.create(subscribe(ACME, "pro", "2026-03-01T12:00:00Z"));

            TrialStatus status = app.reads.trialStatus(ACME);

            assertEquals("Pro", status.planName());
            assertEquals(SubscriptionStatus.TRIALING, status.status());
            assertEquals(new Trial(Instant.parse("2026-03-15T12:00:00Z"), 5, false), status.trial());
            assertEquals("/billing", status.upgradeUrl());

            clock.set(Instant.parse("2026-03-15T07:00:00Z"));
            assertEquals(1, app.reads.trialStatus(ACME).trial().daysRemaining(), "five hours left reads one day");
        }

        @Test
        void aTrialThatEndedWithoutPaymentIsExpired() {
            app.admin.create(subscribe(ACME, "pro", "2026-03-01T12:00:00Z"));
            clock.set(Instant.parse("2026-03-15T12:00:00Z"));

            TrialStatus status = app.reads.trialStatus(ACME);

            assertEquals("Pro", status.planName());
            assertEquals(SubscriptionStatus.EXPIRED, status.status());
            assertEquals(new Trial(Instant.parse("2026-03-15T12:00:00Z"), 0, true), status.trial());
        }

        @Test
        void anActivatedTrialKeepsItsEndVisibleWithNoDaysLeftAndNotExpired() {
            String id = app.admin.create(subscribe(ACME, "pro", "2026-03-01T12:00:00Z"))
                    .subscription().subscriptionId();
            app.admin.activate(ACME, id);
            clock.set(Instant.parse("2026-03-20T00:00:00Z"));

            TrialStatus status = app.reads.trialStatus(ACME);

            assertEquals(SubscriptionStatus.ACTIVE, status.status());
            assertEquals(new Trial(Instant.parse("2026-03-15T12:00:00Z"), 0, false), status.trial());
        }

        @Test
        void aSubscriptionWithoutTrialHasNoTrialEnd() {
            app.admin.create(subscribe(ACME, "team"));

            assertEquals(new Trial(null, 0, false), app.reads.trialStatus(ACME).trial());
        }

        @Test
        void anAccountWithNoPlanReadsNoneAndTheConfiguredUpgradeUrl() {
            InMemoryBilling configured = new InMemoryBilling(clock,
                    new BillingSettings(PlanLimits.DEFAULTS, EventWindow.DEFAULT, "/upgrade?from=trial"));

            TrialStatus status = configured.reads.trialStatus(ACME);

            assertEquals(new TrialStatus("No Plan", SubscriptionStatus.NONE, Trial.NONE, "/upgrade?from=trial"),
                    status);
        }

        @Test
        void theTrialStatusNeverReadsUsage() {
            UsageSums usage = mock(UsageSums.class);
            app.admin.create(subscribe(ACME, "pro"));
            BillingReadService reads = new BillingReadService(app.catalog, app.subscriptions, usage, app.inventory,
                    BillingSettings.DEFAULTS, clock);

            assertEquals(SubscriptionStatus.TRIALING, reads.trialStatus(ACME).status());

            verifyNoInteractions(usage);
        }
    }

    @Nested
    class Breakdowns {

        @Test
        void oneRowPerActiveInstanceOrInstanceWithUsageMostTokensFirstThenById() {
            app.recorder.record(batch(
                    draft(ACME, "e1", "b-stopped", "2026-03-02T00:00:00Z", 300, 3, "3", "u1"),
                    draft(ACME, "e2", "e-new", "2026-03-09T00:00:00Z", 300, 1, "1", "u2"),
                    draft(ACME, "e3", "f-small", "2026-03-09T00:00:00Z", 100, 1, "0.5", "u1"),
                    draft(ACME, "e4", "d-deleted-old", "2026-02-20T00:00:00Z", 999, 1, "9", null)));
            app.ledger.append(List.of(new UsageEvent(ACME, "e5", "g-unknown", Instant.parse("2026-03-05T00:00:00Z"),
                    100, 1, Money.ZERO, null, null)));
            app.admin.putInstance(new Instance(ACME, "a-idle", "Idle bot", InstanceStatus.ACTIVE));
            app.admin.putInstance(new Instance(ACME, "b-stopped", "Billing bot", InstanceStatus.STOPPED));
            app.admin.putInstance(new Instance(ACME, "c-stopped-idle", "Parked", InstanceStatus.STOPPED));
            app.admin.putInstance(new Instance(ACME, "d-deleted-old", "Gone", InstanceStatus.DELETED));

            Breakdown breakdown = app.reads.breakdown(ACME);

            assertEquals(List.of(
                    new InstanceBreakdown("b-stopped", "Billing bot", InstanceStatus.STOPPED,
                            new UsageTotals(300, 3, Money.parse("3"), 1), new BigDecimal("37.50")),
                    new InstanceBreakdown("e-new", "e-new", InstanceStatus.ACTIVE,
                            new UsageTotals(300, 1, Money.parse("1"), 1), new BigDecimal("37.50")),
                    new InstanceBreakdown("f-small", "f-small", InstanceStatus.ACTIVE,
                            new UsageTotals(100, 1, Money.parse("0.5"), 1), new BigDecimal("12.50")),
                    new InstanceBreakdown("g-unknown", "g-unknown", InstanceStatus.ACTIVE,
                            new UsageTotals(100, 1, Money.ZERO, 0), new BigDecimal("12.50")),
                    new InstanceBreakdown("a-idle", "Idle bot", InstanceStatus.ACTIVE, UsageTotals.ZERO,
                            new BigDecimal("0.00"))), breakdown.byInstance());
            assertEquals(new UsageTotals(800, 6, Money.parse("4.5"), 2), breakdown.totals());
            assertEquals(new BigDecimal("0.80"), breakdown.tokenUsagePct());
            assertEquals(Money.parse("4.5"), breakdown.totalCost());
        }

        @Test
        void anAccountWithoutUsageListsItsActiveInstancesWithZeroShares() {
            app.admin.putInstance(new Instance(ACME, "inst-1", "Bot", InstanceStatus.ACTIVE));
            app.admin.putInstance(new Instance(ACME, "inst-2", "Parked", InstanceStatus.STOPPED));

            Breakdown breakdown = app.reads.breakdown(ACME);

            assertEquals(List.of(new InstanceBreakdown("inst-1", "Bot", InstanceStatus.ACTIVE, UsageTotals.ZERO,
                    new BigDecimal("0.00"))), breakdown.byInstance());
            assertEquals(UsageTotals.ZERO, breakdown.totals());
            assertEquals(new BigDecimal("0.00"), breakdown.tokenUsagePct());
        }

        @Test
        void theBreakdownCoversTheCurrentPeriodAndChargesThePlatformPrice() {
            app.admin.create(subscribe(ACME, "team", "2026-02-15T00:00:00Z"));
            app.recorder.record(batch(
                    draft(ACME, "old", "inst-1", "2026-02-14T23:59:59Z", 5, 1, "1", null),
                    draft(ACME, "new", "inst-1", "2026-02-15T00:00:00Z", 7, 1, "0.000001", null)));

            Breakdown breakdown = app.reads.breakdown(ACME);

            assertEquals(BillingPeriod.ofDays(LocalDate.parse("2026-02-15"), LocalDate.parse("2026-03-15")),
                    breakdown.plan().period());
            assertEquals(7, breakdown.totals().tokens());
            assertEquals(Money.parse("49.000001"), breakdown.totalCost());
            assertEquals(7, breakdown.byInstance().get(0).totals().tokens());
        }

        @Test
        void tokenUsageIsAPercentOfTheAllowanceRoundedHalfUpAndMayPassAHundred() {
            app.admin.put(new Tier("tiny", "tiny", "Agents", "Tiny", 0, BillingCycle.MONTHLY, 0,
                    new PlanLimits(3, 1, 1, 1, 1)));
            app.admin.put(new Tier("zero", "zero", "Agents", "Zero", 0, BillingCycle.MONTHLY, 0,
                    new PlanLimits(0, 1, 1, 1, 1)));
            app.admin.create(subscribe("two-of-three", "tiny"));
            app.admin.create(subscribe("seven-of-three", "tiny"));
            app.admin.create(subscribe("none-of-zero", "zero"));
            app.admin.create(subscribe("one-of-zero", "zero"));
            app.recorder.record(batch(
                    draft("two-of-three", "e1", "i", "2026-03-10T11:00:00Z", 2, 1, null, null),
                    draft("seven-of-three", "e1", "i", "2026-03-10T11:00:00Z", 7, 1, null, null),
                    draft("one-of-zero", "e1", "i", "2026-03-10T11:00:00Z", 1, 1, null, null)));

            assertEquals(new BigDecimal("66.67"), app.reads.breakdown("two-of-three").tokenUsagePct());
            assertEquals(new BigDecimal("233.33"), app.reads.breakdown("seven-of-three").tokenUsagePct());
            assertEquals(new BigDecimal("0.00"), app.reads.breakdown("none-of-zero").tokenUsagePct());
            assertEquals(new BigDecimal("100.00"), app.reads.breakdown("one-of-zero").tokenUsagePct());
        }

        @Test
        void anotherAccountsInstancesNeverShow() {
            app.recorder.record(batch(draft(GLOBEX, "e1", "inst-1", "2026-03-10T10:00:00Z")));
            app.admin.putInstance(new Instance(GLOBEX, "inst-2", "Globex bot", InstanceStatus.ACTIVE));

            assertEquals(List.of(), app.reads.breakdown(ACME).byInstance());
        }
    }

    @Nested
    class Charts {

        @Test
        void daysOutsideOneTo365AreRefusedAtDays() {
            for (int days : new int[] {0, -1, 366, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
                InvalidInputException e = assertThrows(InvalidInputException.class,
                        () -> new ChartQuery(ACME, days, Optional.empty()), "days=" + days);
                assertEquals(List.of(List.of("days")), e.violations().stream().map(Violation::path).toList());
            }
            assertEquals(1, app.reads.chart(new ChartQuery(ACME, 1, Optional.empty())).points().size());
            assertEquals(365, app.reads.chart(new ChartQuery(ACME, 365, Optional.empty())).points().size());
        }

        @Test
        void oneZeroFilledPointPerUtcDayEndingTodayAscending() {
            app.recorder.record(batch(
                    draft(ACME, "e0", "inst-1", "2026-03-03T23:59:59Z", 1000, 1, "1", null),
                    draft(ACME, "e1", "inst-1", "2026-03-04T00:00:00Z", 10, 1, "0.10", null),
                    draft(ACME, "e2", "inst-1", "2026-03-09T23:59:59Z", 5, 2, "0.05", null),
                    draft(ACME, "e3", "inst-2", "2026-03-10T12:00:00Z", 1, 1, "0.000001", null)));

            Chart chart = app.reads.chart(new ChartQuery(ACME, 7, Optional.empty()));

            assertEquals("Last 7 days", chart.periodLabel());
            assertEquals(List.of(
                    new DailyUsage(LocalDate.parse("2026-03-04"), 10, 1, Money.parse("0.10")),
                    DailyUsage.empty(LocalDate.parse("2026-03-05")),
                    DailyUsage.empty(LocalDate.parse("2026-03-06")),
                    DailyUsage.empty(LocalDate.parse("2026-03-07")),
                    DailyUsage.empty(LocalDate.parse("2026-03-08")),
                    new DailyUsage(LocalDate.parse("2026-03-09"), 5, 2, Money.parse("0.05")),
                    new DailyUsage(LocalDate.parse("2026-03-10"), 1, 1, Money.parse("0.000001"))), chart.points());
        }

        @Test
        void todayIsTheUtcDate() {
            clock.set(Instant.parse("2026-03-10T00:30:00Z"));
            app.recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-09T23:59:00Z")));

            Chart chart = app.reads.chart(new ChartQuery(ACME, 2, Optional.empty()));

            assertEquals(List.of(new DailyUsage(LocalDate.parse("2026-03-09"), 10, 1, Money.ZERO),
                    DailyUsage.empty(LocalDate.parse("2026-03-10"))), chart.points());
        }

        @Test
        void oneDayIsLabelledInTheSingularAndTheDefaultIsThirtyDays() {
            assertEquals("Last 1 day", app.reads.chart(new ChartQuery(ACME, 1, Optional.empty())).periodLabel());

            Chart chart = app.reads.chart(new ChartQuery(ACME, GetUsageChart.DEFAULT_DAYS, Optional.empty()));

            assertEquals("Last 30 days", chart.periodLabel());
            assertEquals(30, chart.points().size());
            assertEquals(LocalDate.parse("2026-02-09"), chart.points().get(0).date());
            assertEquals(LocalDate.parse("2026-03-10"), chart.points().get(29).date());
        }

        @Test
        void anInstanceFilterChartsThatInstanceOnly() {
            app.recorder.record(batch(
                    draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z", 10, 1, null, null),
                    draft(ACME, "e2", "inst-2", "2026-03-10T10:00:00Z", 20, 1, null, null)));

            Chart chart = app.reads.chart(new ChartQuery(ACME, 1, Optional.of("inst-2")));

            assertEquals(List.of(new DailyUsage(LocalDate.parse("2026-03-10"), 20, 1, Money.ZERO)), chart.points());
        }

        @Test
        void anInstanceTheInventoryKnowsWithoutUsageChartsZeros() {
            app.admin.putInstance(new Instance(ACME, "inst-1", "Bot", InstanceStatus.DELETED));

            Chart chart = app.reads.chart(new ChartQuery(ACME, 3, Optional.of("inst-1")));

            assertEquals(3, chart.points().size());
            assertTrue(chart.points().stream().allMatch(p -> p.tokens() == 0 && p.cost().isZero()));
        }

        @Test
        void anUnknownInstanceIsNotFound() {
            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> app.reads.chart(new ChartQuery(ACME, 30, Optional.of("inst-404"))));

            assertEquals("Instance not found", e.getMessage());
        }

        @Test
        void anotherAccountsInstanceIsNotFoundAndNothingOfItLeaks() {
            app.recorder.record(batch(draft(GLOBEX, "e1", "inst-globex", "2026-03-10T10:00:00Z")));
            app.recorder.record(batch(draft(ACME, "e1", "inst-acme", "2026-03-10T10:00:00Z")));

            NotFoundException e = assertThrows(NotFoundException.class,
                    () -> app.reads.chart(new ChartQuery(ACME, 30, Optional.of("inst-globex"))));

            assertEquals("Instance not found", e.getMessage());
            assertFalse(e.getMessage().contains(GLOBEX));
        }

        @Test
        void theWholeAccountsChartNeverIncludesAnotherAccount() {
            app.recorder.record(batch(draft(GLOBEX, "e1", "inst-1", "2026-03-10T10:00:00Z")));

            Chart chart = app.reads.chart(new ChartQuery(ACME, 1, Optional.empty()));

            assertEquals(List.of(DailyUsage.empty(LocalDate.parse("2026-03-10"))), chart.points());
        }

        @Test
        void aSeriesReachingBackAYearStillEndsToday() {
            clock.advance(Duration.ofDays(1));

            List<DailyUsage> points = app.reads.chart(new ChartQuery(ACME, 365, Optional.empty())).points();

            assertEquals(LocalDate.parse("2025-03-12"), points.get(0).date());
            assertEquals(LocalDate.parse("2026-03-11"), points.get(364).date());
        }
    }
}

package com.hydracore.billing.application.service;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.port.in.ExportUsage;
import com.hydracore.billing.application.port.in.GetBillingOverview;
import com.hydracore.billing.application.port.in.GetTrialStatus;
import com.hydracore.billing.application.port.in.GetUsageBreakdown;
import com.hydracore.billing.application.port.in.GetUsageChart;
import com.hydracore.billing.application.port.out.BillingPageReads;
import com.hydracore.billing.application.port.out.BillingPageReads.OverviewUsage;
import com.hydracore.billing.application.port.out.BillingPageReads.PeriodUsage;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.application.port.out.UsageSums.LocalDayQuery;
import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.period.ZonedDays;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.subscription.SubscriptionSelection;
import com.hydracore.billing.domain.usage.DailySeries;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageGrouping;
import com.hydracore.billing.domain.usage.UsageMeasures;
import com.hydracore.billing.domain.usage.InstanceBreakdown;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers the billing page's four questions, and the export, from the ports; every read is scoped to the caller's
 * account. The chart and the export read through one port method, {@link UsageSums#byLocalDay}.
 */
public final class BillingReadService implements GetBillingOverview, GetTrialStatus, GetUsageBreakdown, GetUsageChart,
        ExportUsage {

    private final SubscriptionStore subscriptions;
    private final UsageSums sums;
    private final Inventory inventory;
    private final BillingPageReads pageReads;
    private final BillingSettings settings;
    private final Clock clock;
    private final PlanResolver plans;

    /** Wires the reads to their ports; the page's usage reads as separate calls of {@code sums} and {@code inventory}. */
    public BillingReadService(TierCatalog catalog, SubscriptionStore subscriptions, UsageSums sums,
                              Inventory inventory, BillingSettings settings, Clock clock) {
        this(catalog, subscriptions, sums, inventory, BillingPageReads.separately(sums, inventory), settings, clock);
    }

    /** Wires the reads to their ports, the page's usage reads to a store's combined reads ({@code pageReads}). */
    public BillingReadService(TierCatalog catalog, SubscriptionStore subscriptions, UsageSums sums,
                              Inventory inventory, BillingPageReads pageReads, BillingSettings settings,
                              Clock clock) {
        this.subscriptions = subscriptions;
        this.sums = sums;
        this.inventory = inventory;
        this.pageReads = pageReads;
        this.settings = settings;
        this.clock = clock;
        this.plans = new PlanResolver(subscriptions, catalog, settings);
    }

    @Override
    public Overview overview(String accountId) {
        Instant now = clock.instant();
        List<Subscription> accountSubscriptions = subscriptions.forAccount(accountId);
        AccountPlan plan = plans.planOf(accountSubscriptions, now);
        OverviewUsage usage = pageReads.overview(accountId, plan.period());
        return new Overview(plan, SubscriptionSelection.subscribedTierIds(accountSubscriptions, now), usage.totals(),
                usage.inventory());
    }

    @Override
    public TrialStatus trialStatus(String accountId) {
        AccountPlan plan = plans.planOf(accountId, clock.instant());
        return new TrialStatus(plan.planName(), plan.status(), plan.trial(), settings.upgradeUrl());
    }

    @Override
    public Breakdown breakdown(String accountId) {
        AccountPlan plan = plans.planOf(accountId, clock.instant());
        PeriodUsage usage = pageReads.breakdown(accountId, plan.period());
        List<InstanceBreakdown> rows = InstanceBreakdown.rows(usage.instances(), usage.byInstance(),
                usage.totals().tokens());
        return new Breakdown(plan, usage.totals(), rows, usage.byModel());
    }

    @Override
    public Chart chart(ChartQuery query) {
        query.instanceId().ifPresent(id -> inventory.instance(query.accountId(), id)
                .orElseThrow(() -> new NotFoundException("Instance not found")));
        DayRange days = DayRange.endingOn(ZonedDays.today(query.zone(), clock.instant()), query.days());
        List<DailyUsage> usage = new ArrayList<>();
        sums.byLocalDay(new LocalDayQuery(query.accountId(), days, query.zone(), query.instanceId(), query.model(),
                UsageGrouping.DAY), row -> usage.add(row.toDaily()));
        return new Chart(DailySeries.label(query.days()), DailySeries.zeroFilled(days.from(), days.to(), usage));
    }

    @Override
    public void export(ExportQuery query, Consumer<DayUsage> rows) {
        LocalDayQuery sum = new LocalDayQuery(query.accountId(), query.days(), query.zone(), Optional.empty(),
                Optional.empty(), query.grouping());
        if (query.grouping().isGrouped()) {
            sums.byLocalDay(sum, rows);
            return;
        }
        // One row per date: the dates the sums skip (no usage) are handed over as zeros, in order, as rows arrive.
        LocalDate[] next = {query.days().from()};
        sums.byLocalDay(sum, row -> {
            for (; next[0].isBefore(row.date()); next[0] = next[0].plusDays(1)) {
                rows.accept(new DayUsage(next[0], null, UsageMeasures.ZERO));
            }
            rows.accept(row);
            next[0] = row.date().plusDays(1);
        });
        for (; !next[0].isAfter(query.days().to()); next[0] = next[0].plusDays(1)) {
            rows.accept(new DayUsage(next[0], null, UsageMeasures.ZERO));
        }
    }
}

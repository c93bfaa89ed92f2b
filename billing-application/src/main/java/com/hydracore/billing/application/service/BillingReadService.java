package com.hydracore.billing.application.service;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.port.in.GetBillingOverview;
import com.hydracore.billing.application.port.in.GetTrialStatus;
import com.hydracore.billing.application.port.in.GetUsageBreakdown;
import com.hydracore.billing.application.port.in.GetUsageChart;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.period.PeriodCalendar;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.subscription.SubscriptionSelection;
import com.hydracore.billing.domain.usage.DailySeries;
import com.hydracore.billing.domain.usage.InstanceBreakdown;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Answers the billing page's four questions from the ports; every read is scoped to the caller's account. */
public final class BillingReadService implements GetBillingOverview, GetTrialStatus, GetUsageBreakdown, GetUsageChart {

    private final SubscriptionStore subscriptions;
    private final UsageSums sums;
    private final Inventory inventory;
    private final BillingSettings settings;
    private final Clock clock;
    private final PlanResolver plans;

    /** Wires the reads to their ports. */
    public BillingReadService(TierCatalog catalog, SubscriptionStore subscriptions, UsageSums sums,
                              Inventory inventory, BillingSettings settings, Clock clock) {
        this.subscriptions = subscriptions;
        this.sums = sums;
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
        this.plans = new PlanResolver(subscriptions, catalog, settings);
    }

    @Override
    public Overview overview(String accountId) {
        Instant now = clock.instant();
        List<Subscription> accountSubscriptions = subscriptions.forAccount(accountId);
        AccountPlan plan = plans.planOf(accountSubscriptions, now);
        UsageTotals usage = sums.totals(accountId, plan.period());
        return new Overview(plan, SubscriptionSelection.subscribedTierIds(accountSubscriptions, now), usage,
                inventory.summary(accountId));
    }

    @Override
    public TrialStatus trialStatus(String accountId) {
        AccountPlan plan = plans.planOf(accountId, clock.instant());
        return new TrialStatus(plan.planName(), plan.status(), plan.trial(), settings.upgradeUrl());
    }

    @Override
    public Breakdown breakdown(String accountId) {
        AccountPlan plan = plans.planOf(accountId, clock.instant());
        UsageTotals totals = sums.totals(accountId, plan.period());
        List<InstanceBreakdown> rows = InstanceBreakdown.rows(inventory.instances(accountId),
                sums.byInstance(accountId, plan.period()), totals.tokens());
        return new Breakdown(plan, totals, rows);
    }

    @Override
    public Chart chart(ChartQuery query) {
        query.instanceId().ifPresent(id -> inventory.instance(query.accountId(), id)
                .orElseThrow(() -> new NotFoundException("Instance not found")));
        LocalDate today = PeriodCalendar.utcDate(clock.instant());
        LocalDate first = DailySeries.firstDay(today, query.days());
        return new Chart(DailySeries.label(query.days()), DailySeries.zeroFilled(first, today,
                sums.daily(query.accountId(), first, today, query.instanceId())));
    }
}

package com.hydracore.billing.adapter.rest.billing;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.hydracore.billing.adapter.rest.http.Json;
import com.hydracore.billing.application.port.in.GetBillingOverview;
import com.hydracore.billing.application.port.in.GetTrialStatus.TrialStatus;
import com.hydracore.billing.application.port.in.GetUsageBreakdown.Breakdown;
import com.hydracore.billing.application.port.in.GetUsageChart.Chart;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceBreakdown;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.UsageMeasures;
import com.hydracore.billing.domain.usage.UsageTotals;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** The four reads' JSON, field for field as the seed API page shows them. */
public final class BillingJson {

    private BillingJson() {
    }

    /** {@code GET /v1/billing}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "BillingOverview")
    public record OverviewJson(PlanJson plan, List<String> subscribedTierIds, UsageSummaryJson usage) {

        static OverviewJson of(GetBillingOverview.Overview answer) {
            AccountPlan plan = answer.plan();
            PlanLimits limits = plan.limits();
            InventorySummary inventory = answer.inventory();
            UsageTotals usage = answer.usage();
            return new OverviewJson(PlanJson.of(plan), answer.subscribedTierIds(), new UsageSummaryJson(
                    inventory.activeInstances(), limits.apiCallLimit(), limits.conversationLimit(),
                    limits.instanceLimit(), limits.maxSitesPerNode(), plan.platformCost().format(),
                    limits.tokenAllowance(), answer.totalCost().format(), inventory.totalHostedSites(),
                    usage.requests(), usage.tokens(), usage.uniqueEndUsers(), inventory.webhostNodes()));
        }
    }

    /** The {@code plan} object of the overview. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Plan")
    public record PlanJson(long apiCallLimit,
                           @Schema(nullable = true, allowableValues = {"monthly", "yearly"}) String billingCycle,
                           long conversationLimit,
                           @Schema(format = "date-time") String currentPeriodEnd,
                           @Schema(format = "date-time") String currentPeriodStart,
                           long instanceLimit, long maxSitesPerNode, String planName, long priceCents,
                           @Schema(nullable = true) String productName,
                           @Schema(allowableValues = {"none", "trialing", "active", "past_due", "canceled", "expired"})
                           String status,
                           @Schema(nullable = true) String tierId,
                           @Schema(nullable = true) String tierSlug,
                           long tokenAllowance, long trialDaysRemaining,
                           @Schema(nullable = true, format = "date-time") String trialEndsAt) {

        static PlanJson of(AccountPlan plan) {
            PlanLimits limits = plan.limits();
            Tier tier = plan.tier();
            return new PlanJson(limits.apiCallLimit(), tier == null ? null : tier.billingCycle().wireName(),
                    limits.conversationLimit(), Json.instant(plan.period().end()), Json.instant(plan.period().start()),
                    limits.instanceLimit(), limits.maxSitesPerNode(), plan.planName(), plan.priceCents(),
                    tier == null ? null : tier.productName(), plan.status().wireName(),
                    tier == null ? null : tier.tierId(), tier == null ? null : tier.tierSlug(),
                    limits.tokenAllowance(), plan.trial().daysRemaining(), Json.instant(plan.trial().trialEndsAt()));
        }
    }

    /** The {@code usage} object of the overview: the plan's limits next to the period's actuals. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "UsageSummary")
    public record UsageSummaryJson(long activeInstances, long apiCallLimit, long conversationLimit, long instanceLimit,
                                   long maxSitesPerNode,
                                   @Schema(description = "USD, plain decimal string", example = "29.00")
                                   String platformCostUsd,
                                   long tokenAllowance,
                                   @Schema(description = "USD, plain decimal string", example = "29.0015")
                                   String totalCostUsd,
                                   long totalHostedSites, long totalRequests, long totalTokens, long uniqueEndUsers,
                                   long webhostNodes) {
    }

    /** {@code GET /v1/billing/trial-status}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "TrialStatus")
    public record TrialStatusJson(String planName, String status, long trialDaysRemaining,
                                  @Schema(nullable = true, format = "date-time") String trialEndsAt,
                                  boolean trialExpired, String upgradeUrl) {

        static TrialStatusJson of(TrialStatus answer) {
            return new TrialStatusJson(answer.planName(), answer.status().wireName(), answer.trial().daysRemaining(),
                    Json.instant(answer.trial().trialEndsAt()), answer.trial().expired(), answer.upgradeUrl());
        }
    }

    /** {@code GET /v1/billing/usage}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "UsageBreakdown")
    public record UsageJson(List<InstanceUsageJson> byInstance, List<ModelUsageJson> byModel,
                            @Schema(format = "date-time") String periodEnd,
                            @Schema(format = "date-time") String periodStart,
                            @Schema(description = "USD, plain decimal string") String platformCostUsd,
                            long tokenAllowanceMonthly, BigDecimal tokenUsagePct,
                            @Schema(description = "USD, plain decimal string") String totalCostUsd,
                            long totalRequests, long totalTokens,
                            @Schema(description = "Distinct conversations of the period: what conversation_limit limits")
                            long uniqueConversations,
                            long uniqueEndUsers) {

        static UsageJson of(Breakdown answer) {
            AccountPlan plan = answer.plan();
            UsageTotals totals = answer.totals();
            return new UsageJson(answer.byInstance().stream().map(InstanceUsageJson::of).toList(),
                    answer.byModel().stream().map(ModelUsageJson::of).toList(),
                    Json.instant(plan.period().end()), Json.instant(plan.period().start()),
                    plan.platformCost().format(), plan.limits().tokenAllowance(), answer.tokenUsagePct(),
                    answer.totalCost().format(), totals.requests(), totals.tokens(), totals.uniqueConversations(),
                    totals.uniqueEndUsers());
        }
    }

    /** One row of {@code by_model}; events without a model are summed under {@code "model": null}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ModelUsage")
    public record ModelUsageJson(@Schema(nullable = true) String model, long totalTokens, long inputTokens,
                                 long outputTokens, long cachedInputTokens, long cacheWriteTokens,
                                 long reasoningTokens, long totalRequests,
                                 @Schema(description = "USD, plain decimal string") String costUsd) {

        static ModelUsageJson of(ModelUsage row) {
            UsageMeasures m = row.measures();
            return new ModelUsageJson(row.model(), m.tokens(), m.inputTokens(), m.outputTokens(),
                    m.cachedInputTokens(), m.cacheWriteTokens(), m.reasoningTokens(), m.requests(),
                    m.cost().format());
        }
    }

    /** One row of {@code by_instance}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "InstanceUsage")
    public record InstanceUsageJson(String instanceId, String instanceName,
                                    @Schema(allowableValues = {"active", "stopped", "deleted"}) String status,
                                    long totalTokens, long totalRequests,
                                    @Schema(description = "USD, plain decimal string") String costUsd,
                                    long uniqueEndUsers, BigDecimal tokenSharePct) {

        static InstanceUsageJson of(InstanceBreakdown row) {
            return new InstanceUsageJson(row.instanceId(), row.instanceName(), row.status().wireName(),
                    row.totals().tokens(), row.totals().requests(), row.totals().cost().format(),
                    row.totals().uniqueEndUsers(), row.tokenSharePct());
        }
    }

    /** {@code GET /v1/billing/usage/chart}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "UsageChart")
    public record ChartJson(String periodLabel, List<PointJson> points) {

        static ChartJson of(Chart answer) {
            return new ChartJson(answer.periodLabel(), answer.points().stream().map(PointJson::of).toList());
        }
    }

    /** One day of the chart. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ChartPoint")
    public record PointJson(@Schema(description = "USD, plain decimal string") String costUsd,
                            @Schema(format = "date") String date, long requests, long tokens) {

        static PointJson of(DailyUsage day) {
            return new PointJson(day.cost().format(), day.date().toString(), day.requests(), day.tokens());
        }
    }
}

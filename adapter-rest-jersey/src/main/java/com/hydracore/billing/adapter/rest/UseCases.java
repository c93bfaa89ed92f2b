package com.hydracore.billing.adapter.rest;

import com.hydracore.billing.application.port.in.ExportUsage;
import com.hydracore.billing.application.port.in.GetQuota;
import com.hydracore.billing.application.port.in.HoldQuota;
import com.hydracore.billing.application.port.in.GetBillingOverview;
import com.hydracore.billing.application.port.in.GetTrialStatus;
import com.hydracore.billing.application.port.in.GetUsageBreakdown;
import com.hydracore.billing.application.port.in.GetUsageChart;
import com.hydracore.billing.application.port.in.ManageInventory;
import com.hydracore.billing.application.port.in.ManageSubscriptions;
import com.hydracore.billing.application.port.in.ManageTiers;
import com.hydracore.billing.application.port.in.ManageWebhooks;
import com.hydracore.billing.application.port.in.RecordUsage;
import java.util.Objects;

/**
 * Every inbound port the HTTP API calls, handed over in one piece by the bootstrap. {@code webhooks}, {@code export}
 * and {@code quota} with {@code holds} (together) may be {@code null}: the webhook admin endpoints, the usage export,
 * or the quota read and the reservations are then not served (404), as before they existed.
 */
public record UseCases(GetBillingOverview overview, GetTrialStatus trialStatus, GetUsageBreakdown usage,
                       GetUsageChart chart, RecordUsage recordUsage, ManageTiers tiers,
                       ManageSubscriptions subscriptions, ManageInventory inventory, ManageWebhooks webhooks,
                       ExportUsage export, GetQuota quota, HoldQuota holds) {

    /** Every port but the export's and the quotas': those are not served. */
    public UseCases(GetBillingOverview overview, GetTrialStatus trialStatus, GetUsageBreakdown usage,
                    GetUsageChart chart, RecordUsage recordUsage, ManageTiers tiers,
                    ManageSubscriptions subscriptions, ManageInventory inventory, ManageWebhooks webhooks) {
        this(overview, trialStatus, usage, chart, recordUsage, tiers, subscriptions, inventory, webhooks, null, null,
                null);
    }

    /** Every port but the webhooks': the webhook admin endpoints are not served. */
    public UseCases(GetBillingOverview overview, GetTrialStatus trialStatus, GetUsageBreakdown usage,
                    GetUsageChart chart, RecordUsage recordUsage, ManageTiers tiers,
                    ManageSubscriptions subscriptions, ManageInventory inventory) {
        this(overview, trialStatus, usage, chart, recordUsage, tiers, subscriptions, inventory, null, null, null,
                null);
    }

    /** Requires every port but {@code webhooks}, {@code export}, {@code quota} and {@code holds}. */
    public UseCases {
        Objects.requireNonNull(overview, "overview");
        Objects.requireNonNull(trialStatus, "trialStatus");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(chart, "chart");
        Objects.requireNonNull(recordUsage, "recordUsage");
        Objects.requireNonNull(tiers, "tiers");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(inventory, "inventory");
    }
}

package com.hydracore.billing.adapter.rest;

import com.hydracore.billing.application.port.in.GetBillingOverview;
import com.hydracore.billing.application.port.in.GetTrialStatus;
import com.hydracore.billing.application.port.in.GetUsageBreakdown;
import com.hydracore.billing.application.port.in.GetUsageChart;
import com.hydracore.billing.application.port.in.ManageInventory;
import com.hydracore.billing.application.port.in.ManageSubscriptions;
import com.hydracore.billing.application.port.in.ManageTiers;
import com.hydracore.billing.application.port.in.RecordUsage;
import java.util.Objects;

/** Every inbound port the HTTP API calls, handed over in one piece by the bootstrap. */
public record UseCases(GetBillingOverview overview, GetTrialStatus trialStatus, GetUsageBreakdown usage,
                       GetUsageChart chart, RecordUsage recordUsage, ManageTiers tiers,
                       ManageSubscriptions subscriptions, ManageInventory inventory) {

    /** Requires every port. */
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

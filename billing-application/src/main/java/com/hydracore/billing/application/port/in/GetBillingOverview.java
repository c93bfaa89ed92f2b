package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.util.List;

/** "What plan am I on, and how much of it have I used?" — the billing page's first card. */
public interface GetBillingOverview {

    /** The overview of {@code accountId} now. */
    Overview overview(String accountId);

    /**
     * The answer.
     *
     * @param plan              the current plan, period, trial and limits
     * @param subscribedTierIds tiers of every live subscription, oldest first
     * @param usage             usage in the current period
     * @param inventory         instance and webhost counts
     */
    record Overview(AccountPlan plan, List<String> subscribedTierIds, UsageTotals usage, InventorySummary inventory) {

        /** Platform charge plus usage cost for the period. */
        public Money totalCost() {
            return plan.totalCost(usage.cost());
        }
    }
}

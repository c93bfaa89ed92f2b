package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.plan.AccountPlan;
import com.hydracore.billing.domain.usage.InstanceBreakdown;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.util.List;

/** "What did I use this period, and which instance used it?" */
public interface GetUsageBreakdown {

    /** The current period's usage of {@code accountId}, split per instance. */
    Breakdown breakdown(String accountId);

    /**
     * The answer.
     *
     * @param plan       the current plan (its period bounds the sums)
     * @param totals     the account's usage in the period
     * @param byInstance one row per active instance or instance with usage, in the contract's order
     * @param byModel    one row per model with usage (no model: {@code null}), in {@link ModelUsage#ORDER}
     */
    record Breakdown(AccountPlan plan, UsageTotals totals, List<InstanceBreakdown> byInstance,
                     List<ModelUsage> byModel) {

        /** Freezes the rows. */
        public Breakdown {
            byInstance = List.copyOf(byInstance);
            byModel = List.copyOf(byModel);
        }

        /** A breakdown without models. */
        public Breakdown(AccountPlan plan, UsageTotals totals, List<InstanceBreakdown> byInstance) {
            this(plan, totals, byInstance, List.of());
        }

        /** Platform charge plus usage cost. */
        public Money totalCost() {
            return plan.totalCost(totals.cost());
        }

        /** Tokens as a percentage of the allowance. */
        public BigDecimal tokenUsagePct() {
            return plan.tokenUsagePct(totals.tokens());
        }
    }
}

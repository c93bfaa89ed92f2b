package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.util.List;
import java.util.Objects;

/**
 * What the billing page's two usage reads need, each read together: the page asks on every load, and a store that
 * answers each in one round trip answers from one snapshot too (the parts agree with each other) instead of several
 * statements on several pooled connections. Each part is what {@link UsageSums} and {@link Inventory} over the same
 * store answer; {@link #separately} asks them, for a store without a combined read. The application shapes the
 * answers ({@code BillingReadService}); this only reads.
 *
 * <p>Every method is scoped to one account. Checked by
 * {@code com.hydracore.billing.application.contract.BillingPageReadsContract} in this module's test-jar. A call that
 * cannot reach the store throws {@link com.hydracore.billing.application.error.StoreUnavailableException}, or
 * carries it in its cause chain.
 */
public interface BillingPageReads {

    /** The usage breakdown's parts ({@code GET /v1/billing/usage}) for the period. */
    PeriodUsage breakdown(String accountId, BillingPeriod period);

    /** The overview's usage and inventory counts ({@code GET /v1/billing}) for the period. */
    OverviewUsage overview(String accountId, BillingPeriod period);

    /**
     * The breakdown's parts.
     *
     * @param totals     as {@link UsageSums#totals}
     * @param instances  the account's instances, as {@link Inventory#instances} (in its order)
     * @param byInstance as {@link UsageSums#byInstance} (any order)
     * @param byModel    as {@link UsageSums#byModel} (in {@link ModelUsage#ORDER})
     */
    record PeriodUsage(UsageTotals totals, List<Instance> instances, List<InstanceUsage> byInstance,
                       List<ModelUsage> byModel) {

        /** Requires every part; keeps copies. */
        public PeriodUsage {
            Objects.requireNonNull(totals, "totals");
            instances = List.copyOf(instances);
            byInstance = List.copyOf(byInstance);
            byModel = List.copyOf(byModel);
        }
    }

    /**
     * The overview's parts.
     *
     * @param totals    as {@link UsageSums#totals}
     * @param inventory as {@link Inventory#summary}
     */
    record OverviewUsage(UsageTotals totals, InventorySummary inventory) {

        /** Requires both parts. */
        public OverviewUsage {
            Objects.requireNonNull(totals, "totals");
            Objects.requireNonNull(inventory, "inventory");
        }
    }

    /** The reads as separate calls of {@code sums} and {@code inventory}: several round trips, several snapshots. */
    static BillingPageReads separately(UsageSums sums, Inventory inventory) {
        return new BillingPageReads() {
            @Override
            public PeriodUsage breakdown(String accountId, BillingPeriod period) {
                return new PeriodUsage(sums.totals(accountId, period), inventory.instances(accountId),
                        sums.byInstance(accountId, period), sums.byModel(accountId, period));
            }

            @Override
            public OverviewUsage overview(String accountId, BillingPeriod period) {
                return new OverviewUsage(sums.totals(accountId, period), inventory.summary(accountId));
            }
        };
    }
}

package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.money.Percent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One row of the per-instance split of a period's usage.
 *
 * @param instanceId    the instance
 * @param instanceName  its display name (its id when the inventory does not know it)
 * @param status        its inventory status ({@code active} when the inventory does not know it)
 * @param totals        its usage in the period
 * @param tokenSharePct its share of the account's tokens in the period, in percent
 */
public record InstanceBreakdown(String instanceId, String instanceName, InstanceStatus status, UsageTotals totals,
                                BigDecimal tokenSharePct) {

    /** The contract's order: most tokens first, then instance id ascending. */
    public static final Comparator<InstanceBreakdown> ORDER = Comparator
            .comparingLong((InstanceBreakdown r) -> r.totals().tokens()).reversed()
            .thenComparing(InstanceBreakdown::instanceId);

    /**
     * The rows of the split: one per instance that is active or used something in the period, in {@link #ORDER}.
     *
     * @param inventory     the account's known instances
     * @param usage         the period's usage per instance
     * @param accountTokens the account's tokens in the period (the denominator of the shares)
     */
    public static List<InstanceBreakdown> rows(Collection<Instance> inventory, Collection<InstanceUsage> usage,
                                               long accountTokens) {
        Map<String, Instance> known = new HashMap<>();
        inventory.forEach(i -> known.put(i.instanceId(), i));
        Map<String, UsageTotals> used = new LinkedHashMap<>();
        usage.forEach(u -> used.put(u.instanceId(), u.totals()));

        List<InstanceBreakdown> rows = new ArrayList<>();
        for (Instance instance : inventory) {
            if (instance.status() == InstanceStatus.ACTIVE || used.containsKey(instance.instanceId())) {
                rows.add(row(instance.instanceId(), instance.name(), instance.status(),
                        used.getOrDefault(instance.instanceId(), UsageTotals.ZERO), accountTokens));
            }
        }
        used.forEach((id, totals) -> {
            if (!known.containsKey(id)) {
                rows.add(row(id, id, InstanceStatus.ACTIVE, totals, accountTokens));
            }
        });
        rows.sort(ORDER);
        return List.copyOf(rows);
    }

    private static InstanceBreakdown row(String id, String name, InstanceStatus status, UsageTotals totals,
                                         long accountTokens) {
        return new InstanceBreakdown(id, name, status, totals, Percent.share(totals.tokens(), accountTokens));
    }
}

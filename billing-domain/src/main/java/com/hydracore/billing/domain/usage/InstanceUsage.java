package com.hydracore.billing.domain.usage;

import java.util.Objects;

/**
 * The usage of one instance over some span.
 *
 * @param instanceId the instance
 * @param totals     its sums; {@code uniqueEndUsers} counts distinct end users of this instance alone
 */
public record InstanceUsage(String instanceId, UsageTotals totals) {

    /** Requires both fields. */
    public InstanceUsage {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(totals, "totals");
    }
}

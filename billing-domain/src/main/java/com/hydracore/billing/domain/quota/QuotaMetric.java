package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.catalog.PlanLimits;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a quota counts, in the contract's order: the order of {@code quotas} in every answer and the order in which a
 * refused hold's metric is chosen (the first that would pass its limit).
 */
public enum QuotaMetric {
    /** Period tokens, limited by {@code token_allowance}. */
    TOKENS("tokens"),
    /** Period requests, limited by {@code api_call_limit}. */
    API_CALLS("api_calls"),
    /** Distinct conversations of the period, limited by {@code conversation_limit}. */
    CONVERSATIONS("conversations"),
    /** Active instances, limited by {@code instance_limit}; never held. */
    INSTANCES("instances");

    private final String wireName;

    QuotaMetric(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name, e.g. {@code api_calls}. */
    public String wireName() {
        return wireName;
    }

    /** The metric with this wire name, if any. */
    public static Optional<QuotaMetric> fromWireName(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    /** The plan limit that bounds this metric. */
    public long limitOf(PlanLimits limits) {
        return switch (this) {
            case TOKENS -> limits.tokenAllowance();
            case API_CALLS -> limits.apiCallLimit();
            case CONVERSATIONS -> limits.conversationLimit();
            case INSTANCES -> limits.instanceLimit();
        };
    }
}

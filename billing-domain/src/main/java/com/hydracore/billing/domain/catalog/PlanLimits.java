package com.hydracore.billing.domain.catalog;

import com.hydracore.billing.domain.validation.Checks;

/**
 * What a plan allows per billing period; every limit is a non-negative integer.
 *
 * @param tokenAllowance    LLM tokens included per period
 * @param apiCallLimit      API calls per period
 * @param conversationLimit conversations per period
 * @param instanceLimit     agent instances
 * @param maxSitesPerNode   sites one webhost node may host
 */
public record PlanLimits(long tokenAllowance, long apiCallLimit, long conversationLimit, long instanceLimit,
                         long maxSitesPerNode) {

    /** The limits of an account with no plan, as the seed API shows them. */
    public static final PlanLimits DEFAULTS = new PlanLimits(100_000, 10_000, 1_000, 1, 25);

    /** Refuses negative limits, naming every offending field. */
    public PlanLimits {
        Checks checks = new Checks();
        checks.nonNegative("token_allowance", tokenAllowance);
        checks.nonNegative("api_call_limit", apiCallLimit);
        checks.nonNegative("conversation_limit", conversationLimit);
        checks.nonNegative("instance_limit", instanceLimit);
        checks.nonNegative("max_sites_per_node", maxSitesPerNode);
        checks.throwIfAny();
    }
}

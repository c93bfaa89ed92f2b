package com.hydracore.billing.domain.quota;

/**
 * What an account has used of each quota in the current period: the {@code used} side of the quotas.
 *
 * @param tokens          the period's {@code total_tokens}, ≥ 0
 * @param requests        the period's {@code total_requests}, ≥ 0
 * @param conversations   the period's {@code unique_conversations}, ≥ 0
 * @param activeInstances {@code active_instances} now, ≥ 0
 */
public record QuotaUsage(long tokens, long requests, long conversations, long activeInstances) {

    /** Nothing used. */
    public static final QuotaUsage NONE = new QuotaUsage(0, 0, 0, 0);

    /** Refuses negative counts. */
    public QuotaUsage {
        if (tokens < 0 || requests < 0 || conversations < 0 || activeInstances < 0) {
            throw new IllegalArgumentException("usage counts cannot be negative");
        }
    }

    /** What this usage counts for {@code metric}. */
    public long of(QuotaMetric metric) {
        return switch (metric) {
            case TOKENS -> tokens;
            case API_CALLS -> requests;
            case CONVERSATIONS -> conversations;
            case INSTANCES -> activeInstances;
        };
    }
}

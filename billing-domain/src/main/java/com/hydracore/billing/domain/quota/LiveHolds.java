package com.hydracore.billing.domain.quota;

/**
 * What an account's live holds add to its quotas: the {@code reserved} side. Instances are never held.
 *
 * @param tokens        tokens of the live holds, ≥ 0
 * @param requests      requests of the live holds, ≥ 0
 * @param conversations distinct conversations of the live holds that the period has not seen yet, ≥ 0
 */
public record LiveHolds(long tokens, long requests, long conversations) {

    /** Nothing held. */
    public static final LiveHolds NONE = new LiveHolds(0, 0, 0);

    /** Refuses negative counts. */
    public LiveHolds {
        if (tokens < 0 || requests < 0 || conversations < 0) {
            throw new IllegalArgumentException("held counts cannot be negative");
        }
    }

    /** What these holds add to {@code metric} (0 for instances). */
    public long of(QuotaMetric metric) {
        return switch (metric) {
            case TOKENS -> tokens;
            case API_CALLS -> requests;
            case CONVERSATIONS -> conversations;
            case INSTANCES -> 0;
        };
    }
}

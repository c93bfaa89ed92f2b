package com.hydracore.billing.application.error;

import com.hydracore.billing.domain.quota.QuotaMetric;

/** A hold refused under a hard limit (API §7): the 402, naming the first metric it would pass and its remaining. */
public class QuotaExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient QuotaMetric metric;
    private final long remaining;

    /** The refusal of a hold that would pass {@code metric}, which has {@code remaining} left. */
    public QuotaExceededException(QuotaMetric metric, long remaining) {
        super("Quota exceeded");
        this.metric = metric;
        this.remaining = remaining;
    }

    /** The first metric, in contract order, the hold would have passed. */
    public QuotaMetric metric() {
        return metric;
    }

    /** That quota's remaining before the hold. */
    public long remaining() {
        return remaining;
    }
}

package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.money.Percent;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One live quota of an account over the current period: how much of a metric is used, how much live holds reserve,
 * and the plan's limit. Usage is fact, so {@code used} (and {@code used + reserved}) may exceed the limit.
 *
 * @param metric   what is counted
 * @param used     what the period's accepted usage counts, ≥ 0
 * @param reserved what live holds add on top, ≥ 0
 * @param limit    the plan's limit for the period, ≥ 0
 */
public record Quota(QuotaMetric metric, long used, long reserved, long limit) {

    /** Requires a metric and refuses negative counts. */
    public Quota {
        Objects.requireNonNull(metric, "metric");
        if (used < 0 || reserved < 0 || limit < 0) {
            throw new IllegalArgumentException("a quota's counts cannot be negative: used " + used + ", reserved "
                    + reserved + ", limit " + limit);
        }
    }

    /** A quota nothing is held against. */
    public static Quota of(QuotaMetric metric, long used, long limit) {
        return new Quota(metric, used, 0, limit);
    }

    /** {@code max(0, limit − used − reserved)}: what a hold may still take without passing the limit. */
    public long remaining() {
        return Math.max(0, headroom());
    }

    /**
     * {@code used × 100 / limit}, half-up to 2 decimals; 0 when both are 0, 100 when the limit is 0 and something was
     * used: the rule of {@code token_usage_pct}, so it can exceed 100. Holds do not count.
     */
    public BigDecimal usedPct() {
        return Percent.of(used, limit);
    }

    /**
     * Whether a hold asking {@code requested} more would pass the limit: {@code used + reserved + requested > limit}.
     * A hold asking nothing of a metric never passes it, even when usage is already past the limit: it would not be
     * the hold that made it so.
     */
    public boolean wouldPass(long requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("a hold cannot ask a negative amount: " + requested);
        }
        return requested > 0 && requested > headroom();
    }

    /** Whether {@code used + reserved} already exceeds the limit. */
    public boolean isOverLimit() {
        return headroom() < 0;
    }

    /** The same quota with {@code more} reserved on top. */
    public Quota plusReserved(long more) {
        return new Quota(metric, used, Math.addExact(reserved, more), limit);
    }

    // limit − used − reserved when that is ≥ 0, else some negative number: callers only compare it with amounts ≥ 0,
    // and the exact difference could overflow, while limit − used cannot (both are ≥ 0).
    private long headroom() {
        long afterUse = limit - used;
        return afterUse < 0 ? afterUse : afterUse - reserved;
    }
}

package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.catalog.LimitPolicy;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a hold: granted (possibly over a soft limit) or refused under a hard limit, naming the metric that
 * would have passed its limit. {@link #decide} is the rule.
 */
public sealed interface HoldDecision permits HoldDecision.Granted, HoldDecision.Refused {

    /** Whether the hold is granted (and must be stored). */
    boolean isGranted();

    /**
     * The hold rule of the contract (API §7). A metric "would pass" when {@code used + reserved + requested > limit}
     * ({@link Quota#wouldPass}: asking nothing of a metric never passes it).
     * <ul>
     *   <li>{@link LimitPolicy#HARD}: refused when some metric would pass, naming the first in contract order
     *       ({@link QuotaMetric}) and that quota's remaining before the hold; else granted, not over limit.</li>
     *   <li>{@link LimitPolicy#SOFT}: always granted; {@code overLimit} exactly when some metric would pass.</li>
     * </ul>
     *
     * @param current the account's quotas now, one per metric, in contract order
     * @param policy  the current plan's limit policy
     * @param hold    what is asked
     */
    static HoldDecision decide(List<Quota> current, LimitPolicy policy, Hold hold) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(hold, "hold");
        for (Quota quota : current) {
            if (quota.wouldPass(hold.requested(quota.metric()))) {
                return policy == LimitPolicy.HARD ? new Refused(quota.metric(), quota.remaining()) : new Granted(true);
            }
        }
        return new Granted(false);
    }

    /**
     * The hold is granted.
     *
     * @param overLimit whether it passes some limit (only ever true under {@link LimitPolicy#SOFT}); the
     *                  reservation's {@code over_limit}
     */
    record Granted(boolean overLimit) implements HoldDecision {

        /** Always true. */
        @Override
        public boolean isGranted() {
            return true;
        }
    }

    /**
     * The hold is refused and nothing is held: the 402's {@code metric} and {@code remaining}.
     *
     * @param metric    the first metric, in contract order, the hold would have passed
     * @param remaining that quota's remaining before the hold, ≥ 0
     */
    record Refused(QuotaMetric metric, long remaining) implements HoldDecision {

        /** Requires a metric and refuses a negative remaining. */
        public Refused {
            Objects.requireNonNull(metric, "metric");
            if (remaining < 0) {
                throw new IllegalArgumentException("remaining cannot be negative: " + remaining);
            }
        }

        /** Always false. */
        @Override
        public boolean isGranted() {
            return false;
        }
    }
}

package com.hydracore.billing.domain.alert;

import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.quota.QuotaUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The usage alert rule (API §8, {@code BILLING_ALERT_THRESHOLDS}): a threshold t of a metric is reached when
 * {@code used × 100 ≥ t × limit}, and an alert is due when accepted usage makes that true for the first time in the
 * period. A limit of 0 never alerts; one batch that crosses several thresholds (or metrics) raises each.
 *
 * <p>Compared exactly, in 128-bit arithmetic: no rounding of a percentage, no overflow for any {@code long} usage.
 *
 * @param percents the thresholds in percent of the limit, ascending, distinct, each {@value #MIN_PERCENT} to
 *                 {@value #MAX_PERCENT}; empty means no usage alerts
 */
public record AlertThresholds(List<Integer> percents) {

    /** The contract's default: 80 % and 100 %. */
    public static final AlertThresholds DEFAULT = parse("80,100");
    /** Lowest threshold. */
    public static final int MIN_PERCENT = 1;
    /** Highest threshold: ten times the limit. */
    public static final int MAX_PERCENT = 1000;
    /** The metrics alerted on, in the contract's order; {@code instances} is not. */
    public static final List<QuotaMetric> METRICS =
            List.of(QuotaMetric.TOKENS, QuotaMetric.API_CALLS, QuotaMetric.CONVERSATIONS);

    /** Refuses thresholds out of range, unsorted or repeated. */
    public AlertThresholds {
        percents = List.copyOf(percents);
        for (int i = 0; i < percents.size(); i++) {
            int p = percents.get(i);
            if (p < MIN_PERCENT || p > MAX_PERCENT) {
                throw new IllegalArgumentException("alert thresholds: each is " + MIN_PERCENT + " to " + MAX_PERCENT
                        + " percent, not " + p);
            }
            if (i > 0 && percents.get(i - 1) >= p) {
                throw new IllegalArgumentException("alert thresholds: ascending and distinct, not " + percents);
            }
        }
    }

    /**
     * The thresholds written as whole percents separated by commas, e.g. {@code "80,100"}, in any order (spaces
     * around a number are ignored); a blank text means no usage alerts.
     *
     * @throws IllegalArgumentException naming the item that is not a whole percent in range, or a repeated one
     */
    public static AlertThresholds parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return new AlertThresholds(List.of());
        }
        List<Integer> percents = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String trimmed = item.strip();
            int p;
            try {
                p = Integer.parseInt(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("alert thresholds: '" + trimmed
                        + "' is not a whole percent (expected e.g. 80,100)", e);
            }
            if (percents.contains(p)) {
                throw new IllegalArgumentException("alert thresholds: " + p + " is given twice");
            }
            percents.add(p);
        }
        percents.sort(null);
        return new AlertThresholds(percents);
    }

    /** Whether {@code used × 100 ≥ percent × limit} with a positive limit: the threshold is reached. */
    public static boolean isReached(long used, long limit, int percent) {
        if (used < 0 || limit < 0) {
            throw new IllegalArgumentException("usage and limits are never negative");
        }
        return limit > 0 && compareProducts(used, 100, percent, limit) >= 0;
    }

    /** The thresholds reached at {@code used} of {@code limit}, ascending. */
    public List<Integer> reached(long used, long limit) {
        return percents.stream().filter(p -> isReached(used, limit, p)).toList();
    }

    /**
     * The thresholds that usage going from {@code before} to {@code after} (of the same {@code limit}) reaches for
     * the first time: reached at {@code after}, not at {@code before}; ascending.
     */
    public List<Integer> crossed(long before, long after, long limit) {
        return percents.stream().filter(p -> isReached(after, limit, p) && !isReached(before, limit, p)).toList();
    }

    /**
     * Every alert due when an account's period usage went from {@code before} to {@code after} under
     * {@code limits}: per metric in the contract's order, per threshold ascending. {@code after} is the usage with
     * the batch, {@code before} without it, both counted in {@code period} by the same rules as the quotas.
     */
    public List<ThresholdReached> crossings(String accountId, BillingPeriod period, PlanLimits limits,
                                            QuotaUsage before, QuotaUsage after) {
        List<ThresholdReached> due = new ArrayList<>();
        for (QuotaMetric metric : METRICS) {
            long limit = metric.limitOf(limits);
            long used = after.of(metric);
            for (int percent : crossed(before.of(metric), used, limit)) {
                due.add(new ThresholdReached(accountId, metric, percent, used, limit, period));
            }
        }
        return due;
    }

    /** The thresholds as they are configured: percents separated by commas. */
    public String text() {
        return String.join(",", percents.stream().map(String::valueOf).toList());
    }

    // a × b compared with c × d, for non-negative longs, without overflow.
    private static int compareProducts(long a, long b, long c, long d) {
        long highAb = Math.multiplyHigh(a, b);
        long highCd = Math.multiplyHigh(c, d);
        if (highAb != highCd) {
            return Long.compare(highAb, highCd);
        }
        return Long.compareUnsigned(a * b, c * d);
    }
}

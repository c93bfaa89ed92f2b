package com.hydracore.billing.domain.alert;

import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.webhook.EventData;
import com.hydracore.billing.domain.webhook.EventType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code usage.threshold_reached} event: accepted usage made {@code used × 100 ≥ thresholdPct × limit} true for the
 * first time in the period. The same account, metric, threshold and period is one event, whichever batch or replica
 * finds it.
 *
 * @param accountId    the account
 * @param metric       {@code tokens}, {@code api_calls} or {@code conversations}
 * @param thresholdPct the threshold reached, in percent of the limit
 * @param used         the period's usage of the metric once the batch was accepted
 * @param limit        the plan's limit of the metric, &gt; 0
 * @param period       the billing period the usage counts in
 */
public record ThresholdReached(String accountId, QuotaMetric metric, int thresholdPct, long used, long limit,
                               BillingPeriod period) implements EventData {

    /** Requires every field, an alerted metric and a positive limit. */
    public ThresholdReached {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(period, "period");
        if (!AlertThresholds.METRICS.contains(metric)) {
            throw new IllegalArgumentException(metric.wireName() + " is not alerted on");
        }
        if (limit <= 0 || used < 0) {
            throw new IllegalArgumentException("a threshold is reached of a positive limit by non-negative usage");
        }
    }

    @Override
    public EventType type() {
        return EventType.USAGE_THRESHOLD_REACHED;
    }

    /** Account, metric, threshold and period: once per period, whatever the usage or limit when it was found. */
    @Override
    public List<Object> identity() {
        return List.of(accountId, metric.wireName(), thresholdPct, period.start(), period.end());
    }

    /** {@code account_id, metric, threshold_pct, used, limit, period_start, period_end}. */
    @Override
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("account_id", accountId);
        fields.put("metric", metric.wireName());
        fields.put("threshold_pct", thresholdPct);
        fields.put("used", used);
        fields.put("limit", limit);
        fields.put("period_start", period.start());
        fields.put("period_end", period.end());
        return fields;
    }
}

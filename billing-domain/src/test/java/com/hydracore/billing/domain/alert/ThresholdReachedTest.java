package com.hydracore.billing.domain.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ThresholdReachedTest {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    private static final BillingPeriod APRIL = BillingPeriod.ofDays(LocalDate.parse("2026-04-01"),
            LocalDate.parse("2026-05-01"));
    private static final Instant T = Instant.parse("2026-03-10T12:00:05Z");

    @Test
    void theMessageBodyIsTheContractsShape() {
        WebhookEvent event = WebhookEvent.of(
                new ThresholdReached("acme", QuotaMetric.API_CALLS, 80, 8_001, 10_000, MARCH), T);

        assertEquals(EventType.USAGE_THRESHOLD_REACHED, event.type());
        assertEquals("{\"type\":\"usage.threshold_reached\",\"timestamp\":\"2026-03-10T12:00:05Z\",\"data\":{"
                + "\"account_id\":\"acme\",\"metric\":\"api_calls\",\"threshold_pct\":80,\"used\":8001,"
                + "\"limit\":10000,\"period_start\":\"2026-03-01T00:00:00Z\",\"period_end\":\"2026-04-01T00:00:00Z\"}}",
                event.body());
    }

    @Test
    void oneEventPerAccountMetricThresholdAndPeriodWhateverTheUsage() {
        String id = WebhookEvent.messageIdOf(new ThresholdReached("acme", QuotaMetric.TOKENS, 80, 800, 1_000, MARCH));

        assertEquals(id, WebhookEvent.messageIdOf(
                new ThresholdReached("acme", QuotaMetric.TOKENS, 80, 950, 1_000, MARCH)));
        assertEquals(id, WebhookEvent.messageIdOf(
                new ThresholdReached("acme", QuotaMetric.TOKENS, 80, 1_700, 2_000, MARCH)));
        assertNotEquals(id, WebhookEvent.messageIdOf(
                new ThresholdReached("acme", QuotaMetric.TOKENS, 100, 1_000, 1_000, MARCH)));
        assertNotEquals(id, WebhookEvent.messageIdOf(
                new ThresholdReached("acme", QuotaMetric.API_CALLS, 80, 800, 1_000, MARCH)));
        assertNotEquals(id, WebhookEvent.messageIdOf(
                new ThresholdReached("globex", QuotaMetric.TOKENS, 80, 800, 1_000, MARCH)));
        assertNotEquals(id, WebhookEvent.messageIdOf(
                new ThresholdReached("acme", QuotaMetric.TOKENS, 80, 800, 1_000, APRIL)));
    }

    @Test
    void aThresholdIsOfAPositiveLimit() {
        assertThrows(IllegalArgumentException.class,
                () -> new ThresholdReached("acme", QuotaMetric.TOKENS, 80, 0, 0, MARCH));
        assertThrows(IllegalArgumentException.class,
                () -> new ThresholdReached("acme", QuotaMetric.TOKENS, 80, -1, 10, MARCH));
    }
}

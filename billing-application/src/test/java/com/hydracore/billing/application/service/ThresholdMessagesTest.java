package com.hydracore.billing.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.testing.InMemoryWebhooks;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.alert.ThresholdReached;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a usage append's crossings become messages, as the persistence adapter will do inside the append's
 * transaction: the domain names the crossings, each becomes a message whose id the outbox keeps once.
 */
class ThresholdMessagesTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    private static final PlanLimits LIMITS = new PlanLimits(1_000, 100, 10, 1, 25);

    private final InMemoryWebhooks app = new InMemoryWebhooks(new MutableClock(T0));

    private int enqueueCrossings(QuotaUsage before, QuotaUsage after) {
        int created = 0;
        for (ThresholdReached crossing : AlertThresholds.DEFAULT.crossings("acme", MARCH, LIMITS, before, after)) {
            if (app.outbox.enqueue(WebhookEvent.of(crossing, T0), T0)) {
                created++;
            }
        }
        return created;
    }

    @Test
    void oneBatchCrossingBothThresholdsQueuesOneMessageEach() {
        app.endpoints.put(WebhookEndpoint.of("ops", "https://hooks.example.com/", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                List.of("usage.threshold_reached"), null));

        assertEquals(2, enqueueCrossings(new QuotaUsage(10, 1, 0, 0), new QuotaUsage(1_000, 2, 0, 0)));
        app.dispatcher.dispatchDue();

        List<String> bodies = app.sender.requests().stream()
                .map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();
        assertEquals(2, bodies.size());
        assertTrue(bodies.get(0).contains("\"metric\":\"tokens\",\"threshold_pct\":80,\"used\":1000"), bodies.get(0));
        assertTrue(bodies.get(1).contains("\"metric\":\"tokens\",\"threshold_pct\":100,\"used\":1000"),
                bodies.get(1));
    }

    @Test
    void twoReplicasFindingTheSameCrossingStoreItOnce() {
        app.endpoints.put(WebhookEndpoint.of("ops", "https://hooks.example.com/", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                null, null));

        // Both computed 790 → 810 of 1000 (each saw the other's usage only after the lock, as the adapter must).
        assertEquals(1, enqueueCrossings(new QuotaUsage(790, 0, 0, 0), new QuotaUsage(810, 0, 0, 0)));
        assertEquals(0, enqueueCrossings(new QuotaUsage(790, 0, 0, 0), new QuotaUsage(850, 0, 0, 0)));

        List<Delivery> deliveries = app.outbox.deliveries("ops", 100);
        assertEquals(1, deliveries.size());
        assertEquals(EventType.USAGE_THRESHOLD_REACHED, deliveries.get(0).eventType());
    }

    @Test
    void laterUsageInThePeriodQueuesNothingMore() {
        assertEquals(1, enqueueCrossings(new QuotaUsage(0, 0, 0, 0), new QuotaUsage(800, 0, 0, 0)));
        assertEquals(0, enqueueCrossings(new QuotaUsage(800, 0, 0, 0), new QuotaUsage(900, 0, 0, 0)));
        assertEquals(1, enqueueCrossings(new QuotaUsage(900, 0, 0, 0), new QuotaUsage(1_000, 0, 0, 0)));
        assertFalse(app.outbox.enqueue(WebhookEvent.of(new ThresholdReached("acme",
                QuotaMetric.TOKENS, 100, 1_500, 1_000, MARCH), T0), T0));
    }
}

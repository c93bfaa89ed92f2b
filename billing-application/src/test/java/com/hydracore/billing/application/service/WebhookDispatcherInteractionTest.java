package com.hydracore.billing.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.hydracore.billing.application.WebhookSettings;
import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.application.port.in.DispatchWebhooks.DispatchReport;
import com.hydracore.billing.application.port.out.AttemptOutcome;
import com.hydracore.billing.application.port.out.ClaimedDelivery;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.application.testing.RecordingWebhookSender;
import com.hydracore.billing.domain.alert.TrialEvent;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the dispatcher treats an outbox that refuses an outcome or fails: nothing is lost, and a pass ends. */
class WebhookDispatcherInteractionTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    private final Outbox outbox = mock(Outbox.class);
    private final WebhookEndpoints endpoints = mock(WebhookEndpoints.class);
    private final RecordingWebhookSender sender = new RecordingWebhookSender();
    private final WebhookDispatcher dispatcher = new WebhookDispatcher(outbox, endpoints, sender,
            WebhookSettings.DEFAULTS, new MutableClock(T0), Runnable::run, 2);

    private static ClaimedDelivery claim(String subscriptionId) {
        WebhookEvent event = WebhookEvent.of(new TrialEvent(EventType.TRIAL_EXPIRED, "acme", subscriptionId,
                "tier-pro", T0), T0);
        return new ClaimedDelivery(event, "ops", 0, "token-" + subscriptionId, T0.plusSeconds(60));
    }

    private void endpointExists() {
        when(endpoints.get("ops")).thenReturn(Optional.of(WebhookEndpoint.of("ops", "https://hooks.example.com/",
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", null, null)));
    }

    @Test
    void anOutcomeTheOutboxRefusesIsCountedLost() {
        endpointExists();
        when(outbox.claimDue(any(), any(), anyInt())).thenReturn(List.of(claim("s1"))).thenReturn(List.of());
        when(outbox.record(any(), any())).thenReturn(false);

        DispatchReport report = dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 0, 0, 0, 1), report);
        assertEquals(1, sender.requests().size());
    }

    @Test
    void aStoreOutageWhileRecordingEndsThePassWithoutClaimingMore() {
        endpointExists();
        when(outbox.claimDue(any(), any(), anyInt())).thenReturn(List.of(claim("s1"), claim("s2")));
        when(outbox.record(any(), any())).thenThrow(new StoreUnavailableException("down", null));

        DispatchReport report = dispatcher.dispatchDue();

        assertEquals(new DispatchReport(2, 0, 0, 0, 2), report);
        verify(outbox, times(1)).claimDue(T0, Duration.ofSeconds(60), 2);
    }

    @Test
    void theOutcomeRecordedIsTheAttemptsWithItsClaim() {
        endpointExists();
        ClaimedDelivery claim = claim("s1");
        when(outbox.claimDue(any(), any(), anyInt())).thenReturn(List.of(claim)).thenReturn(List.of());
        when(outbox.record(any(), any())).thenReturn(true);
        sender.answer(502);

        dispatcher.dispatchDue();

        verify(outbox).record(claim, AttemptOutcome.retryAt(502, T0, T0.plusSeconds(5)));
    }

    @Test
    void aDeletedEndpointsClaimIsLeftAlone() {
        when(endpoints.get("ops")).thenReturn(Optional.empty());
        when(outbox.claimDue(any(), any(), anyInt())).thenReturn(List.of(claim("s1"))).thenReturn(List.of());

        DispatchReport report = dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 0, 0, 0, 1), report);
        assertEquals(List.of(), sender.requests());
        verify(outbox, times(0)).record(any(), any());
    }
}

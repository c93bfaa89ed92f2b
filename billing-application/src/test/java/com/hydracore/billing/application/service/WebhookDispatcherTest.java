package com.hydracore.billing.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.WebhookSettings;
import com.hydracore.billing.application.port.in.DispatchWebhooks.DispatchReport;
import com.hydracore.billing.application.port.out.WebhookSender.SendResult;
import com.hydracore.billing.application.port.out.WebhookSender.WebhookRequest;
import com.hydracore.billing.application.testing.InMemoryWebhooks;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.alert.TrialEvent;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.DeliveryStatus;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.RetrySchedule;
import com.hydracore.billing.domain.webhook.Signature;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookDispatcherTest {

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String URL = "https://hooks.example.com/billing";

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryWebhooks app = new InMemoryWebhooks(clock,
            WebhookSettings.DEFAULTS.withRetrySchedule(RetrySchedule.parse("5,30")));

    private WebhookEndpoint endpoint(String id, String url, String secret, EventType... types) {
        WebhookEndpoint endpoint = WebhookEndpoint.of(id, url, secret,
                types.length == 0 ? null : Arrays.stream(types).map(EventType::wireName).toList(), true);
        app.endpoints.put(endpoint);
        return endpoint;
    }

    private static WebhookEvent event(String subscriptionId) {
        return WebhookEvent.of(new TrialEvent(EventType.TRIAL_EXPIRED, "acme", subscriptionId, "tier-pro",
                T0.minusSeconds(60)), T0.minusSeconds(60));
    }

    private WebhookEvent enqueued(String subscriptionId) {
        WebhookEvent event = event(subscriptionId);
        app.outbox.enqueue(event, clock.instant());
        return event;
    }

    private Delivery delivery(String endpointId) {
        List<Delivery> deliveries = app.outbox.deliveries(endpointId, 100);
        assertEquals(1, deliveries.size(), () -> "one delivery expected: " + deliveries);
        return deliveries.get(0);
    }

    private static boolean verifies(WebhookRequest request, String secret) {
        Map<String, String> h = request.headers();
        return Signature.verify(WebhookSecret.parse(secret), h.get("webhook-id"),
                Long.parseLong(h.get("webhook-timestamp")), request.body(), h.get("webhook-signature"));
    }

    @Test
    void aDueMessageIsPostedWithTheStandardWebhooksHeadersAndSignature() {
        endpoint("ops", URL, SECRET);
        WebhookEvent event = enqueued("sub-1");
        clock.advance(Duration.ofMillis(2_500));

        DispatchReport report = app.dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 1, 0, 0, 0), report);
        List<WebhookRequest> sent = app.sender.requests();
        assertEquals(1, sent.size());
        WebhookRequest request = sent.get(0);
        assertEquals(URI.create(URL), request.url());
        assertEquals(List.of("content-type", "webhook-id", "webhook-timestamp", "webhook-signature"),
                List.copyOf(request.headers().keySet()));
        assertEquals("application/json", request.headers().get("content-type"));
        assertEquals(event.messageId(), request.headers().get("webhook-id"));
        assertEquals(Long.toString(T0.getEpochSecond() + 2), request.headers().get("webhook-timestamp"),
                "Unix seconds of the attempt");
        assertEquals(event.body(), new String(request.body(), StandardCharsets.UTF_8));
        assertTrue(verifies(request, SECRET), "the receiver verifies it the Standard Webhooks way");
        assertEquals(Duration.ofSeconds(10), request.timeout(), "the contract's 10 s");
    }

    @Test
    void theDeliveryIsThenDeliveredAndNeverSentAgain() {
        endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        clock.advance(Duration.ofSeconds(1));

        app.dispatcher.dispatchDue();
        clock.advance(Duration.ofDays(2));
        DispatchReport later = app.dispatcher.dispatchDue();

        Delivery delivery = delivery("ops");
        assertEquals(DeliveryStatus.DELIVERED, delivery.status());
        assertEquals(1, delivery.attempts());
        assertEquals(204, delivery.lastStatusCode());
        assertEquals(T0.plusSeconds(1), delivery.lastAttemptAt());
        assertNull(delivery.nextAttemptAt());
        assertEquals(DispatchReport.NOTHING, later);
        assertEquals(1, app.sender.requests().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void anyTwoHundredIsSuccess(int status) {
        endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.sender.answer(status);

        app.dispatcher.dispatchDue();

        assertEquals(DeliveryStatus.DELIVERED, delivery("ops").status());
        assertEquals(status, delivery("ops").lastStatusCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 301, 302, 307, 400, 404, 410, 429, 500, 503})
    void anythingElseIsRetriedRedirectsIncluded(int status) {
        endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.sender.answer(status);

        DispatchReport report = app.dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 0, 1, 0, 0), report);
        Delivery delivery = delivery("ops");
        assertEquals(DeliveryStatus.PENDING, delivery.status());
        assertEquals(status, delivery.lastStatusCode());
        assertEquals(T0.plusSeconds(5), delivery.nextAttemptAt(), "the schedule's first delay after the attempt");
    }

    @Test
    void retriesFollowTheScheduleWithTheSameIdAFreshTimestampAndThenFail() {
        endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.sender.answer(503);

        app.dispatcher.dispatchDue();                        // attempt 1 at T0
        clock.set(T0.plusSeconds(4));
        assertEquals(DispatchReport.NOTHING, app.dispatcher.dispatchDue(), "not before the first delay");
        clock.set(T0.plusSeconds(5));
        app.dispatcher.dispatchDue();                        // attempt 2 at T0+5
        assertEquals(T0.plusSeconds(35), delivery("ops").nextAttemptAt(), "the second delay, from the attempt");
        clock.set(T0.plusSeconds(35));
        DispatchReport last = app.dispatcher.dispatchDue();   // attempt 3 at T0+35: the last of "5,30"

        assertEquals(new DispatchReport(1, 0, 0, 1, 0), last);
        Delivery failed = delivery("ops");
        assertEquals(DeliveryStatus.FAILED, failed.status());
        assertEquals(3, failed.attempts());
        assertEquals(503, failed.lastStatusCode());
        assertNull(failed.nextAttemptAt());
        List<WebhookRequest> sent = app.sender.requests();
        assertEquals(3, sent.size());
        assertEquals(1, sent.stream().map(r -> r.headers().get("webhook-id")).distinct().count(),
                "the same webhook-id on every attempt");
        assertEquals(List.of(T0.getEpochSecond(), T0.getEpochSecond() + 5, T0.getEpochSecond() + 35),
                sent.stream().map(r -> Long.parseLong(r.headers().get("webhook-timestamp"))).toList(),
                "each attempt signs its own time");
        assertTrue(sent.stream().allMatch(r -> verifies(r, SECRET)));
        clock.advance(Duration.ofDays(30));
        assertEquals(DispatchReport.NOTHING, app.dispatcher.dispatchDue(), "a failed delivery is never sent again");
    }

    @Test
    void noAnswerIsRetriedWithoutAStatusCode() {
        endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.sender.failWith("timed out after 10 s");

        app.dispatcher.dispatchDue();

        assertEquals(DeliveryStatus.PENDING, delivery("ops").status());
        assertNull(delivery("ops").lastStatusCode());
        assertEquals(1, delivery("ops").attempts());
    }

    @Test
    void aSenderThatThrowsCountsAsAnAttemptWithoutAnswer() {
        endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.sender.respond(request -> {
            throw new IllegalStateException("bug in the sender");
        });

        DispatchReport report = app.dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 0, 1, 0, 0), report);
        assertNull(delivery("ops").lastStatusCode());
    }

    @Test
    void messagesForAnEndpointDisabledSinceTheyWereQueuedFailWithoutAnAttempt() {
        WebhookEndpoint ops = endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.endpoints.put(new WebhookEndpoint("ops", URL, ops.secret(), ops.eventTypes(), false));

        DispatchReport report = app.dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 0, 0, 1, 0), report);
        assertEquals(List.of(), app.sender.requests());
        Delivery delivery = delivery("ops");
        assertEquals(DeliveryStatus.FAILED, delivery.status());
        assertEquals(0, delivery.attempts());
    }

    @Test
    void messagesOfATypeTheEndpointNoLongerWantsFailWithoutAnAttempt() {
        WebhookEndpoint ops = endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.endpoints.put(new WebhookEndpoint("ops", URL, ops.secret(),
                EnumSet.of(EventType.USAGE_THRESHOLD_REACHED), true));

        app.dispatcher.dispatchDue();

        assertEquals(List.of(), app.sender.requests());
        assertEquals(DeliveryStatus.FAILED, delivery("ops").status());
    }

    @Test
    void aRetryIsSignedWithTheEndpointsCurrentSecretAndSentToItsCurrentUrl() {
        endpoint("ops", URL, SECRET);
        enqueued("sub-1");
        app.sender.answer(500);
        app.dispatcher.dispatchDue();
        String rotated = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        endpoint("ops", "https://new.example.com/hook", rotated);
        app.sender.answer(200);
        clock.advance(Duration.ofSeconds(5));

        app.dispatcher.dispatchDue();

        WebhookRequest retry = app.sender.requests().get(1);
        assertEquals(URI.create("https://new.example.com/hook"), retry.url());
        assertTrue(verifies(retry, rotated));
        assertTrue(!verifies(retry, SECRET));
    }

    @Test
    void eachEndpointGetsTheSameIdSignedWithItsOwnSecret() {
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[40]);
        endpoint("a", "https://a.example.com/", SECRET);
        endpoint("b", "https://b.example.com/", other);
        endpoint("usage-only", "https://c.example.com/", SECRET, EventType.USAGE_THRESHOLD_REACHED);
        WebhookEvent event = enqueued("sub-1");

        app.dispatcher.dispatchDue();

        List<WebhookRequest> sent = app.sender.requests();
        assertEquals(2, sent.size(), "only the endpoints subscribed to the type");
        assertTrue(sent.stream().allMatch(r -> r.headers().get("webhook-id").equals(event.messageId())));
        WebhookRequest toA = sent.stream().filter(r -> r.url().getHost().equals("a.example.com")).findFirst()
                .orElseThrow();
        WebhookRequest toB = sent.stream().filter(r -> r.url().getHost().equals("b.example.com")).findFirst()
                .orElseThrow();
        assertTrue(verifies(toA, SECRET));
        assertTrue(verifies(toB, other));
        assertNotEquals(toA.headers().get("webhook-signature"), toB.headers().get("webhook-signature"));
    }

    @Test
    void aPassClaimsRoundAfterRoundUntilNothingIsDue() {
        endpoint("ops", URL, SECRET);
        for (int i = 0; i < 10; i++) {
            enqueued("sub-" + i);
        }

        DispatchReport report = app.dispatcher.dispatchDue();

        assertEquals(new DispatchReport(10, 10, 0, 0, 0), report);
        assertEquals(10, app.sender.requests().size());
    }

    @Test
    void aPassStopsAtItsMaximum() {
        endpoint("ops", URL, SECRET);
        for (int i = 0; i < 10; i++) {
            enqueued("sub-" + i);
        }
        WebhookDispatcher small = new WebhookDispatcher(app.outbox, app.endpoints, app.sender, app.settings, clock,
                Runnable::run, 3, 4);

        assertEquals(4, small.dispatchDue().claimed());
        assertEquals(4, small.dispatchDue().claimed());
        assertEquals(2, small.dispatchDue().claimed());
        assertEquals(0, small.dispatchDue().claimed());
    }

    @Test
    void noMoreThanTheConcurrencyAreInFlightWhateverTheExecutor() throws Exception {
        endpoint("ops", URL, SECRET);
        for (int i = 0; i < 20; i++) {
            enqueued("sub-" + i);
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        app.sender.respond(request -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return SendResult.answered(200);
        });
        ExecutorService manyThreads = Executors.newFixedThreadPool(16);
        try {
            WebhookDispatcher dispatcher = new WebhookDispatcher(app.outbox, app.endpoints, app.sender, app.settings,
                    clock, manyThreads, 3);

            DispatchReport report = dispatcher.dispatchDue();

            assertEquals(new DispatchReport(20, 20, 0, 0, 0), report);
            assertTrue(most.get() <= 3, "at most 3 in flight, saw " + most.get());
            assertTrue(most.get() >= 2, "sends do run in parallel, saw " + most.get());
        } finally {
            manyThreads.shutdownNow();
        }
    }

    @Test
    void twoDispatchersOnOneOutboxSendEachMessageOnce() throws Exception {
        endpoint("ops", URL, SECRET);
        for (int i = 0; i < 40; i++) {
            enqueued("sub-" + i);
        }
        app.sender.respond(request -> {
            Thread.yield();
            return SendResult.answered(200);
        });
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        ExecutorService sends = Executors.newFixedThreadPool(8);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<DispatchReport>> passes = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                WebhookDispatcher replica = new WebhookDispatcher(app.outbox, app.endpoints, app.sender,
                        app.settings, clock, sends, 4);
                passes.add(replicas.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return replica.dispatchDue();
                }));
            }
            int claimed = 0;
            for (Future<DispatchReport> pass : passes) {
                claimed += pass.get(60, TimeUnit.SECONDS).claimed();
            }

            assertEquals(40, claimed, "between them, every message was claimed once");
            Set<String> ids = new HashSet<>();
            for (WebhookRequest request : app.sender.requests()) {
                assertTrue(ids.add(request.headers().get("webhook-id")), "sent twice: " + request);
            }
            assertEquals(40, ids.size());
        } finally {
            replicas.shutdownNow();
            sends.shutdownNow();
        }
    }

    @Test
    void aDispatcherThatDiedMidSendIsReplacedOnceItsLeaseEnds() {
        endpoint("ops", URL, SECRET);
        WebhookEvent event = enqueued("sub-1");
        // A replica claimed the message and died before recording anything.
        app.outbox.claimDue(clock.instant(), app.settings.claimLease(), 10);

        assertEquals(DispatchReport.NOTHING, app.dispatcher.dispatchDue(), "held by the dead replica's lease");
        clock.advance(app.settings.claimLease());
        DispatchReport report = app.dispatcher.dispatchDue();

        assertEquals(new DispatchReport(1, 1, 0, 0, 0), report);
        assertEquals(event.messageId(), app.sender.requests().get(0).headers().get("webhook-id"));
    }
}

package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.bootstrap.testing.ServerJvm;
import com.hydracore.billing.bootstrap.testing.TestPostgres;
import com.hydracore.billing.domain.webhook.Signature;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 end to end, on PostgreSQL with real server processes and a receiver on loopback: usage alerts delivered
 * signed, both thresholds of one batch, retries with the same {@code webhook-id} then {@code failed}; a server
 * killed after the crossing while the receiver is down, restarted, delivers; two servers on one database crossing a
 * threshold at once send one message; a trial's events with a fast scheduler, the expiry caught up after downtime.
 */
class WebhookAlertsIT {

    private static final String JWT = "e2e-" + UUID.randomUUID() + UUID.randomUUID();
    private static final WebhookSecret SECRET = WebhookSecret.ofKey(new byte[] {
            3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6, 2, 6, 4});
    private static final Clock CLOCK = Clock.systemUTC();

    private record Received(String path, Map<String, String> headers, byte[] body) {
        JsonNode json() throws IOException {
            return Http.JSON.readTree(body);
        }

        String id() {
            return headers.get("webhook-id");
        }
    }

    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<ServerJvm> servers = new ArrayList<>();
    private TestPostgres database;
    private HttpServer receiver;
    private int receiverPort;
    private final String admin = new TokenMinter(JWT, CLOCK).mint("platform", Set.of("billing:admin"),
            Duration.ofHours(1));
    private final String ingest = new TokenMinter(JWT, CLOCK).mint("router", Set.of("usage:write"),
            Duration.ofHours(1));

    @BeforeEach
    void createDatabaseAndReservePort() throws IOException {
        database = new TestPostgres("webhook_alerts_");
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            receiverPort = free.getLocalPort();
        }
    }

    @AfterEach
    void stopEverything() throws InterruptedException {
        for (ServerJvm server : servers) {
            server.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        database.close();
    }

    /** The receiver on the reserved port: {@code /hook} answers 204, {@code /broken} 500; every request recorded. */
    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverPort), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        for (String path : List.of("/hook", "/broken")) {
            receiver.createContext(path, exchange -> {
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((n, v) -> headers.put(n.toLowerCase(), v.get(0)));
                received.add(new Received(path, headers, exchange.getRequestBody().readAllBytes()));
                exchange.sendResponseHeaders(path.equals("/hook") ? 204 : 500, -1);
                exchange.close();
            });
        }
        receiver.start();
    }

    private ServerJvm startServer(String name, Map<String, String> extra) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("BILLING_PORT", "0");
        env.put("BILLING_HOST", "127.0.0.1");
        env.put("BILLING_DB_URL", database.url);
        env.put("BILLING_DB_USER", TestPostgres.USER);
        env.put("BILLING_DB_PASSWORD", TestPostgres.PASSWORD);
        env.put("BILLING_JWT_SECRET", JWT);
        env.put("BILLING_SHUTDOWN_GRACE_SECONDS", "1");
        env.put("BILLING_WEBHOOK_ALLOW_PRIVATE", "true");
        env.put("BILLING_SCHEDULER_SECONDS", "1");
        env.put("BILLING_WEBHOOK_RETRY_SCHEDULE", "1,1");
        env.putAll(extra);
        ServerJvm server = new ServerJvm(name, env);
        servers.add(server);
        return server;
    }

    /** A tier of 1000 tokens and 100 API calls, no trial; the account subscribed to it; an endpoint. */
    private void setUp(Http http, String account, String endpointId, String path, String types) {
        assertEquals(200, http.put("/v1/admin/tiers/small", admin, """
                {"tier_slug": "small", "product_name": "HydraCore Agents", "plan_name": "Small", "price_cents": 900,
                 "billing_cycle": "monthly", "trial_days": 0, "token_allowance": 1000, "api_call_limit": 100,
                 "conversation_limit": 10, "instance_limit": 5, "max_sites_per_node": 5}
                """).status());
        Http.Reply created = http.post("/v1/admin/accounts/" + account + "/subscriptions", admin,
                "{\"tier_id\": \"small\"}");
        assertEquals(201, created.status(), created.body());
        endpoint(http, endpointId, path, types);
    }

    private void endpoint(Http http, String endpointId, String path, String types) {
        Http.Reply endpoint = http.put("/v1/admin/webhooks/" + endpointId, admin,
                "{\"url\": \"http://127.0.0.1:" + receiverPort + path + "\", \"secret\": \"" + SECRET.encoded()
                        + "\", \"event_types\": " + types + "}");
        assertEquals(200, endpoint.status(), endpoint.body());
    }

    private Http.Reply usage(Http http, String account, String eventId, long tokens, long requests) {
        Http.Reply reply = http.post("/v1/usage/events", ingest, """
                {"events": [{"event_id": "%s", "account_id": "%s", "instance_id": "inst-1", "occurred_at": "%s",
                  "tokens": %d, "requests": %d}]}""".formatted(eventId, account,
                Instant.now().truncatedTo(ChronoUnit.SECONDS), tokens, requests));
        assertEquals(200, reply.status(), reply.body());
        return reply;
    }

    /** The next message received matching {@code which}, within {@code seconds}; the signature checked. */
    private Received next(int seconds, Predicate<Received> which) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            Received r = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            assertNotNull(r, "no message within " + seconds + " s");
            if (which.test(r)) {
                long timestamp = Long.parseLong(r.headers().get("webhook-timestamp"));
                assertTrue(Signature.verify(SECRET, r.id(), timestamp, r.body(), r.headers().get("webhook-signature")),
                        "signed with the endpoint's secret");
                return r;
            }
        }
    }

    private static boolean threshold(Received r, String metric, int pct) {
        try {
            JsonNode data = r.json().get("data");
            return r.json().get("type").asText().equals("usage.threshold_reached")
                    && data.get("metric").asText().equals(metric) && data.get("threshold_pct").asInt() == pct;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode deliveries(Http http, String admin, String endpointId) {
        return http.get("/v1/admin/webhooks/" + endpointId + "/deliveries", admin).json().get("deliveries");
    }

    private JsonNode awaitDeliveries(Http http, String endpointId, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            view = deliveries(http, admin, endpointId);
            if (done.test(view)) {
                return view;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("deliveries never settled: " + view);
    }

    @Test
    void thresholdsAreDeliveredSignedBothFromOneBatchRetriedWithTheSameIdThenFailed() throws Exception {
        startReceiver();
        ServerJvm server = startServer("server", Map.of());
        Http http = new Http(server.baseUri());
        setUp(http, "acct-a", "ops", "/hook", "[\"usage.threshold_reached\"]");
        endpoint(http, "broken", "/broken", "[\"usage.threshold_reached\"]");

        usage(http, "acct-a", "e1", 500, 1);
        Thread.sleep(1500);
        assertTrue(received.isEmpty(), "50 % reaches nothing: " + received);
        usage(http, "acct-a", "e2", 600, 1); // 1100 of 1000: 80 % and 100 % in one batch

        List<Received> ok = new ArrayList<>();
        List<Received> failing = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((ok.size() < 2 || failing.size() < 6) && System.nanoTime() < deadline) {
            Received r = next(30, x -> true);
            (r.path().equals("/hook") ? ok : failing).add(r);
        }
        assertEquals(2, ok.size(), ok.toString());
        assertTrue(threshold(ok.get(0), "tokens", 80) || threshold(ok.get(1), "tokens", 80));
        assertTrue(threshold(ok.get(0), "tokens", 100) || threshold(ok.get(1), "tokens", 100));
        for (Received r : ok) {
            JsonNode data = r.json().get("data");
            assertEquals("acct-a", data.get("account_id").asText());
            assertEquals(1100, data.get("used").asLong());
            assertEquals(1000, data.get("limit").asLong());
        }
        // the broken endpoint: each message tried 3 times (the first, then after 1 s and 1 s) with one webhook-id
        assertEquals(6, failing.size(), failing.toString());
        Map<String, Integer> attemptsById = new HashMap<>();
        failing.forEach(r -> attemptsById.merge(r.id(), 1, Integer::sum));
        assertEquals(Map.of(ok.get(0).id(), 3, ok.get(1).id(), 3), attemptsById);

        JsonNode delivered = awaitDeliveries(http, "ops", v -> v.size() == 2
                && v.get(0).get("status").asText().equals("delivered")
                && v.get(1).get("status").asText().equals("delivered"));
        assertEquals(1, delivered.get(0).get("attempts").asInt());
        assertEquals(204, delivered.get(0).get("last_status_code").asInt());
        Received hundred = threshold(ok.get(0), "tokens", 100) ? ok.get(0) : ok.get(1);
        assertEquals(hundred.id(), delivered.get(0).get("message_id").asText(), "100 % above 80 %: " + delivered);
        assertEquals("usage.threshold_reached", delivered.get(0).get("event_type").asText());
        JsonNode failed = awaitDeliveries(http, "broken", v -> v.size() == 2
                && v.get(0).get("status").asText().equals("failed")
                && v.get(1).get("status").asText().equals("failed"));
        assertEquals(3, failed.get(0).get("attempts").asInt());
        assertEquals(500, failed.get(0).get("last_status_code").asInt());
        assertTrue(failed.get(0).get("next_attempt_at").isNull());

        usage(http, "acct-a", "e3", 100, 1);
        Thread.sleep(2500);
        assertTrue(received.isEmpty(), "a threshold is reached once per period: " + received);
    }

    @Test
    void aServerKilledAfterTheCrossingWhileTheReceiverIsDownDeliversOnceRestarted() throws Exception {
        // the receiver's port is reserved but nothing listens: every attempt is refused
        ServerJvm first = startServer("first", Map.of("BILLING_WEBHOOK_RETRY_SCHEDULE", "1,1,1,1,1,1,1,1,1,1"));
        Http http = new Http(first.baseUri());
        setUp(http, "acct-crash", "ops", "/hook", "[\"usage.threshold_reached\"]");

        usage(http, "acct-crash", "e1", 850, 1); // answered 200: the crossing is stored with the usage
        first.kill();

        startReceiver();
        ServerJvm second = startServer("second", Map.of("BILLING_WEBHOOK_RETRY_SCHEDULE", "1,1,1,1,1,1,1,1,1,1"));
        // a claim the killed server held is taken over when its 60 s lease ends
        Received r = next(90, x -> true);

        assertTrue(threshold(r, "tokens", 80), r.toString());
        assertEquals(850, r.json().get("data").get("used").asLong());
        awaitDeliveries(new Http(second.baseUri()), "ops",
                v -> v.size() == 1 && v.get(0).get("status").asText().equals("delivered"));
        Thread.sleep(2500);
        assertNull(received.poll(), "sent once");
    }

    @Test
    void twoServersOnOneDatabaseCrossingAThresholdAtOnceSendOneMessage() throws Exception {
        startReceiver();
        ServerJvm one = startServer("one", Map.of());
        ServerJvm two = startServer("two", Map.of());
        Http first = new Http(one.baseUri());
        Http second = new Http(two.baseUri());
        setUp(first, "acct-two", "ops", "/hook", "[\"usage.threshold_reached\"]");

        // 8 batches of 150 tokens, half through each server, at once: 1200 of 1000. No batch crosses alone.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CyclicBarrier start = new CyclicBarrier(8);
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Http via = i % 2 == 0 ? first : second;
                String id = "e" + i;
                posts.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return usage(via, "acct-two", id, 150, 0);
                }));
            }
            for (Future<?> post : posts) {
                post.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Received a = next(30, x -> true);
        Received b = next(30, x -> true);
        assertTrue(threshold(a, "tokens", 80) != threshold(b, "tokens", 80), a + " " + b);
        assertTrue(threshold(a, "tokens", 100) || threshold(b, "tokens", 100), a + " " + b);
        Thread.sleep(3000);
        assertNull(received.poll(), "one message per threshold, whichever server found it");
        assertEquals(2, deliveries(second, admin, "ops").size());
    }

    @Test
    void trialEventsAreSentByAFastSchedulerAndTheExpiryIsCaughtUpAfterDowntime() throws Exception {
        startReceiver();
        ServerJvm first = startServer("first", Map.of());
        Http http = new Http(first.baseUri());
        assertEquals(200, http.put("/v1/admin/tiers/trial", admin, """
                {"tier_slug": "trial", "product_name": "HydraCore Agents", "plan_name": "Trial", "price_cents": 900,
                 "billing_cycle": "monthly", "trial_days": 1, "token_allowance": 1000, "api_call_limit": 100,
                 "conversation_limit": 10, "instance_limit": 1, "max_sites_per_node": 5}
                """).status());
        endpoint(http, "trials", "/hook", "[\"trial.will_end\", \"trial.expired\"]");
        // a one-day trial started a day ago less 8 s: it ends 8 s from now
        Instant startedAt = Instant.now().minus(Duration.ofDays(1)).plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        Http.Reply created = http.post("/v1/admin/accounts/acct-trial/subscriptions", admin,
                "{\"tier_id\": \"trial\", \"started_at\": \"" + startedAt + "\"}");
        assertEquals(201, created.status(), created.body());
        String subscriptionId = created.json().get("subscription_id").asText();

        Received willEnd = next(15, x -> true);
        assertEquals("trial.will_end", willEnd.json().get("type").asText());
        assertEquals(subscriptionId, willEnd.json().get("data").get("subscription_id").asText());
        first.kill(); // down before the trial ends

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), startedAt.plus(Duration.ofDays(1))).toMillis())
                + 1500);
        startServer("second", Map.of("BILLING_SCHEDULER_SECONDS", "3600")); // only the pass at start can send it
        Received expired = next(20, x -> true);
        assertEquals("trial.expired", expired.json().get("type").asText());
        assertEquals(subscriptionId, expired.json().get("data").get("subscription_id").asText());
        Thread.sleep(2500);
        assertNull(received.poll(), "each once");
    }
}

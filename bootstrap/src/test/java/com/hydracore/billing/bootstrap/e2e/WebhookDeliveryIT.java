package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.bootstrap.RunningServer;
import com.hydracore.billing.bootstrap.ServerConfig;
import com.hydracore.billing.domain.webhook.Signature;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A trial shorter than the will-end window, created on a running server, reaches a real receiver on loopback as a
 * signed Standard Webhooks {@code trial.will_end}: the trial pass queues it, the dispatcher sends it over HTTP.
 */
class WebhookDeliveryIT {

    private record Received(Map<String, String> headers, byte[] body) {
    }

    @Test
    void aTrialWillEndIsSentSignedToARealReceiver() throws Exception {
        LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String jwt = "e2e-" + UUID.randomUUID() + UUID.randomUUID();
        Map<String, String> env = new HashMap<>();
        env.put("BILLING_PORT", "0");
        env.put("BILLING_HOST", "127.0.0.1");
        env.put("BILLING_DATA_DIR", Files.createTempDirectory("billing-webhooks").toString());
        env.put("BILLING_JWT_SECRET", jwt);
        env.put("BILLING_SHUTDOWN_GRACE_SECONDS", "1");
        env.put("BILLING_WEBHOOK_ALLOW_PRIVATE", "true");
        env.put("BILLING_SCHEDULER_SECONDS", "1");
        Clock clock = Clock.systemUTC();
        try (RunningServer server = RunningServer.start(ServerConfig.fromEnvironment(env), clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            Http http = new Http(server.baseUri());
            String admin = new TokenMinter(jwt, clock).mint("platform", Set.of("billing:admin"), Duration.ofHours(1));
            WebhookSecret secret = WebhookSecret.ofKey(new byte[] {
                    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26});
            assertEquals(200, http.put("/v1/admin/tiers/short", admin, """
                    {"tier_slug": "short", "product_name": "HydraCore Agents", "plan_name": "Short", "price_cents": 900,
                     "billing_cycle": "monthly", "trial_days": 2, "token_allowance": 1000, "api_call_limit": 100,
                     "conversation_limit": 10, "instance_limit": 1, "max_sites_per_node": 5}
                    """).status());
            Http.Reply endpoint = http.put("/v1/admin/webhooks/receiver", admin,
                    "{\"url\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\", \"secret\": \""
                            + secret.encoded() + "\", \"event_types\": [\"trial.will_end\"]}");
            assertEquals(200, endpoint.status(), endpoint.body());
            Http.Reply created = http.post("/v1/admin/accounts/acct-hooks/subscriptions", admin,
                    "{\"tier_id\": \"short\"}");
            assertEquals(201, created.status(), created.body());
            String subscriptionId = created.json().get("subscription_id").asText();

            Received message = received.poll(20, TimeUnit.SECONDS);

            assertNotNull(message, "the receiver got the trial.will_end within 20 s");
            String id = message.headers().get("webhook-id");
            long timestamp = Long.parseLong(message.headers().get("webhook-timestamp"));
            assertTrue(id.startsWith("msg_"), id);
            assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 60, "timestamp of the attempt");
            assertTrue(Signature.verify(secret, id, timestamp, message.body(),
                    message.headers().get("webhook-signature")), "signed with the endpoint's secret");
            assertEquals("application/json", message.headers().get("content-type"));
            JsonNode body = Http.JSON.readTree(message.body());
            assertEquals("trial.will_end", body.get("type").asText());
            assertEquals(subscriptionId, body.get("data").get("subscription_id").asText());
            assertEquals("acct-hooks", body.get("data").get("account_id").asText());

            JsonNode delivery = awaitDelivered(http, admin);
            assertEquals(id, delivery.get("message_id").asText());
            assertEquals(1, delivery.get("attempts").asInt());
            assertEquals(204, delivery.get("last_status_code").asInt());
            Thread.sleep(2500);
            assertEquals(0, received.size(), "sent once: the trial pass does not queue it again");
        } finally {
            receiver.stop(0);
        }
    }

    private static JsonNode awaitDelivered(Http http, String admin) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode delivery = null;
        while (System.nanoTime() < deadline) {
            delivery = http.get("/v1/admin/webhooks/receiver/deliveries", admin).json().get("deliveries").get(0);
            if (delivery != null && "delivered".equals(delivery.get("status").asText())) {
                return delivery;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not recorded delivered: " + delivery);
    }
}

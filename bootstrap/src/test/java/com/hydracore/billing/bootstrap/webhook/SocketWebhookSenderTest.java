package com.hydracore.billing.bootstrap.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.HostResolver;
import com.hydracore.billing.application.port.out.WebhookSender.SendResult;
import com.hydracore.billing.application.port.out.WebhookSender.WebhookRequest;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import com.hydracore.billing.domain.webhook.Signature;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The plain-socket sender against an in-process receiver on loopback. */
class SocketWebhookSenderTest {

    private static final WebhookSecret SECRET = WebhookSecret.ofKey(new byte[] {
            9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
    private static final byte[] BODY = "{\"type\":\"trial.expired\",\"data\":{\"n\":\"é\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private HttpServer receiver;
    private final LinkedBlockingQueue<Map<String, String>> headers = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> bodies = new LinkedBlockingQueue<>();
    private final AtomicInteger redirectTargetHits = new AtomicInteger();
    private final AtomicLong hugeBytesWritten = new AtomicLong();
    private final CountDownLatch release = new CountDownLatch(1);
    private final SocketWebhookSender allowingLoopback = new SocketWebhookSender(HostResolver.system(),
            new AddressPolicy(true));

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            Map<String, String> seen = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
            byte[] body = exchange.getRequestBody().readAllBytes();
            headers.add(seen);
            bodies.add(body);
            long timestamp = Long.parseLong(seen.get("webhook-timestamp"));
            boolean valid = Signature.verify(SECRET, seen.get("webhook-id"), timestamp, body,
                    seen.get("webhook-signature"));
            answer(exchange, valid ? 204 : 401);
        });
        receiver.createContext("/redirect", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", "/target");
            answer(exchange, 307);
        });
        receiver.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            answer(exchange, 204);
        });
        receiver.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 204);
        });
        receiver.createContext("/huge", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0); // chunked, without end
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 16 * 1024; i++) { // 1 GiB if the client read it all
                    out.write(chunk);
                    hugeBytesWritten.addAndGet(chunk.length);
                }
            } catch (IOException closedByTheClient) {
                // expected: the sender stops reading after the status line
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        release.countDown();
        receiver.stop(0);
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private URI url(String host, String path) {
        return URI.create("http://" + host + ":" + receiver.getAddress().getPort() + path);
    }

    private static WebhookRequest signed(URI url, Duration timeout) {
        long timestamp = 1_773_144_000L;
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.put(Signature.ID_HEADER, "msg_test");
        h.put(Signature.TIMESTAMP_HEADER, Long.toString(timestamp));
        h.put(Signature.SIGNATURE_HEADER, Signature.sign(SECRET, "msg_test", timestamp, BODY));
        return new WebhookRequest(url, h, BODY, timeout);
    }

    @Test
    void theReceiverGetsTheExactBodyAndAVerifiableSignature() throws Exception {
        SendResult result = allowingLoopback.send(signed(url("127.0.0.1", "/hook?x=1"), TIMEOUT));

        assertEquals(SendResult.answered(204), result, "204 only when the receiver verified the signature");
        assertEquals(new String(BODY, StandardCharsets.UTF_8),
                new String(bodies.poll(5, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        Map<String, String> seen = headers.poll(5, TimeUnit.SECONDS);
        assertEquals("application/json", seen.get("content-type"));
        assertEquals("msg_test", seen.get("webhook-id"));
        assertEquals("127.0.0.1:" + receiver.getAddress().getPort(), seen.get("host"));
    }

    @Test
    void itConnectsToTheAddressItCheckedNotToWhatTheNameResolvesToLater() throws Exception {
        // The name resolves once, to loopback, through the sender's resolver; the system resolver knows no such
        // host, so an answer proves the socket went to the checked address. The Host header keeps the name.
        AtomicInteger resolutions = new AtomicInteger();
        HostResolver once = host -> {
            assertEquals("hooks.invalid", host);
            resolutions.incrementAndGet();
            return List.of(InetAddress.getLoopbackAddress());
        };
        SocketWebhookSender sender = new SocketWebhookSender(once, new AddressPolicy(true));

        assertEquals(SendResult.answered(204), sender.send(signed(url("hooks.invalid", "/hook"), TIMEOUT)));
        assertEquals(1, resolutions.get());
        assertEquals("hooks.invalid:" + receiver.getAddress().getPort(),
                headers.poll(5, TimeUnit.SECONDS).get("host"));
    }

    @Test
    void loopbackIsRefusedUnlessAllowedAndNothingIsSent() {
        SocketWebhookSender publicOnly = new SocketWebhookSender(host -> List.of(InetAddress.getLoopbackAddress()),
                AddressPolicy.PUBLIC_ONLY);

        SendResult refused = publicOnly.send(signed(url("hooks.invalid", "/hook"), TIMEOUT));

        assertNull(refused.statusCode());
        assertTrue(refused.failure().startsWith("refused target address"), refused.failure());
        assertTrue(!refused.failure().contains("127.0.0.1"), "the address is not shown: " + refused.failure());
        assertTrue(headers.isEmpty(), "nothing reached the receiver");
    }

    @Test
    void aNameResolvingToAnyRefusedAddressIsRefused() {
        SocketWebhookSender publicOnly = new SocketWebhookSender(host -> {
            try {
                return List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1"));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }, AddressPolicy.PUBLIC_ONLY);

        SendResult refused = publicOnly.send(signed(URI.create("https://hooks.example.com/x"), TIMEOUT));

        assertTrue(refused.failure().startsWith("refused target address"), refused.failure());
    }

    @Test
    void aRedirectIsAnAnswerAndIsNotFollowed() throws Exception {
        SendResult result = allowingLoopback.send(signed(url("127.0.0.1", "/redirect"), TIMEOUT));

        assertEquals(SendResult.answered(307), result);
        Thread.sleep(200); // a follow would have been immediate
        assertEquals(0, redirectTargetHits.get());
    }

    @Test
    void aSlowReceiverIsCutAtTheDeadline() {
        long start = System.nanoTime();
        SendResult result = allowingLoopback.send(signed(url("127.0.0.1", "/slow"), Duration.ofMillis(700)));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertNull(result.statusCode());
        assertTrue(result.failure().startsWith("timed out"), result.failure());
        assertTrue(tookMillis >= 650 && tookMillis < 3_000, "took " + tookMillis + " ms");
    }

    @Test
    void aHugeAnswerIsNotReadWhole() throws Exception {
        long start = System.nanoTime();
        SendResult result = allowingLoopback.send(signed(url("127.0.0.1", "/huge"), TIMEOUT));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(SendResult.answered(200), result);
        assertTrue(tookMillis < 5_000, "took " + tookMillis + " ms");
        Thread.sleep(500); // let the receiver's writes hit the closed connection
        assertTrue(hugeBytesWritten.get() < 256L * 1024 * 1024,
                "the receiver could write only what buffers hold, not 1 GiB: " + hugeBytesWritten.get());
    }

    @Test
    void noAnswerIsAFailureNeverAnException() {
        SendResult refusedConnection = allowingLoopback.send(signed(URI.create("http://127.0.0.1:1/hook"), TIMEOUT));
        SendResult notHttp = allowingLoopback.send(signed(URI.create("ftp://127.0.0.1/hook"), TIMEOUT));
        SendResult unresolved = new SocketWebhookSender(host -> List.of(), new AddressPolicy(true))
                .send(signed(URI.create("http://nowhere.invalid/hook"), TIMEOUT));

        assertNull(refusedConnection.statusCode());
        assertEquals(SendResult.failed("not an http(s) URL"), notHttp);
        assertEquals(SendResult.failed("the host does not resolve"), unresolved);
    }

    @Test
    void theStatusLineIsReadStrictly() {
        assertEquals(204, SocketWebhookSender.statusOf("HTTP/1.1 204 No Content"));
        assertEquals(200, SocketWebhookSender.statusOf("HTTP/1.0 200"));
        assertEquals(-1, SocketWebhookSender.statusOf("HTTP/2 200"));
        assertEquals(-1, SocketWebhookSender.statusOf("HTTP/1.1 2000 OK"));
        assertEquals(-1, SocketWebhookSender.statusOf("HTTP/1.1 700 Weird"));
        assertEquals(-1, SocketWebhookSender.statusOf("SSH-2.0-OpenSSH"));
    }
}

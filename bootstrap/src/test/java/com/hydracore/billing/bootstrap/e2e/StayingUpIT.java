package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.bootstrap.RunningServer;
import com.hydracore.billing.bootstrap.ServerConfig;
import com.hydracore.billing.bootstrap.testing.HealthProbe;
import com.hydracore.billing.bootstrap.testing.LoopbackHttp;
import com.hydracore.billing.bootstrap.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault suite of API §9 against the real server on PostgreSQL, over loopback: slow readers, slow senders, a
 * burst past the worker queue and a flood of connections, each with {@code /healthz} probed alongside on fresh
 * connections (as an orchestrator does) and the server serving normally afterwards. The grace before a slow client is
 * cut is 2 s here (10 s by default), so the suite waits seconds, not minutes. The liveness figures of each attack are
 * printed and appended to {@code target/staying-up.txt}; the assertions are about function (every probe answered,
 * none slower than a second), not speed.
 */
class StayingUpIT {

    private static final int WORKERS = 8;
    private static final int QUEUE = 8;
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration PROBE_BOUND = Duration.ofSeconds(1);
    private static final String SECRET = "staying-up-" + UUID.randomUUID() + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestPostgres database;
    private static RunningServer server;
    private static URI base;
    private static String writer;
    private static String reader;
    private static String account;

    @BeforeAll
    static void start() throws IOException {
        database = new TestPostgres("billing_staying_up_");
        MutableClock clock = MutableClock.at("2026-03-15T12:00:00Z");
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.ofEntries(
                        Map.entry("BILLING_DB_URL", database.url), Map.entry("BILLING_DB_USER", TestPostgres.USER),
                        Map.entry("BILLING_DB_PASSWORD", TestPostgres.PASSWORD), Map.entry("BILLING_PORT", "0"),
                        Map.entry("BILLING_HOST", "127.0.0.1"),
                        Map.entry("BILLING_DATA_DIR", Files.createTempDirectory("billing-staying-up").toString()),
                        Map.entry("BILLING_JWT_SECRET", SECRET), Map.entry("BILLING_SHUTDOWN_GRACE_SECONDS", "1"),
                        Map.entry("BILLING_HTTP_WORKERS", Integer.toString(WORKERS)),
                        Map.entry("BILLING_HTTP_QUEUE", Integer.toString(QUEUE)),
                        Map.entry("BILLING_MIN_DATA_RATE_GRACE_SECONDS", Long.toString(GRACE.toSeconds())))),
                clock, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        base = server.baseUri();
        TokenMinter tokens = new TokenMinter(SECRET, clock);
        account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        writer = tokens.mint("router", Set.of("usage:write"), Duration.ofHours(1));
        reader = tokens.mint(account, Set.of(), Duration.ofHours(1));
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void clientsThatPipelineAndNeverReadAreClosedAndOthersAreServedMeanwhile() throws Exception {
        List<Socket> greedy = new ArrayList<>();
        double cutBefore = metric("billing_http_connections_cut_total");
        try (Liveness probe = Liveness.probe("32 slow readers, 200 pipelined chart.umd.js each")) {
            for (int i = 0; i < 32; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
                greedy.add(socket);
                socket.getOutputStream().write(("GET /billing/assets/chart.umd.js HTTP/1.1\r\nHost: t\r\n\r\n")
                        .repeat(200).getBytes(StandardCharsets.ISO_8859_1));
            }
            try (LoopbackHttp client = new LoopbackHttp(base)) {
                // Until the sockets' buffers are full they are 32 clients like any other, each with one request at
                // a time, and may fill the 8 workers and their queue for a moment; stalled, they hold nothing.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (client.send("GET", "/v1/billing/usage", reader, null).status() == 503
                        && System.nanoTime() < deadline) {
                    sleepQuietly(50);
                }
                for (int i = 0; i < 20; i++) {
                    assertEquals(200, client.send("GET", "/v1/billing/usage", reader, null).status());
                }
            }
            // Reading would make them fast readers: wait for the server to count them cut, then look.
            long deadline = System.nanoTime() + GRACE.plusSeconds(10).toNanos();
            while (metric("billing_http_connections_cut_total") < cutBefore + greedy.size()
                    && System.nanoTime() < deadline) {
                sleepQuietly(100);
            }
            for (Socket socket : greedy) {
                assertClosedByTheServer(socket, Duration.ofSeconds(5));
            }
            probe.assertAnswered();
        } finally {
            closeAll(greedy);
        }
        assertServesNormally("after the slow readers");
    }

    @Test
    void bodiesThatTrickleHoldNoWorkerAndAreEnded408() throws Exception {
        List<Socket> slow = new ArrayList<>();
        AtomicBoolean trickling = new AtomicBoolean(true);
        Thread trickle = new Thread(() -> {
            while (trickling.get()) {
                for (Socket socket : slow) {
                    try {
                        socket.getOutputStream().write(' ');
                    } catch (IOException cut) {
                        // the server ended it: what the test waits for
                    }
                }
                sleepQuietly(500);
            }
        });
        try (Liveness probe = Liveness.probe("40 slow senders, 1 byte every 500 ms")) {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.getOutputStream().write(("POST /v1/usage/events HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer "
                        + writer + "\r\nContent-Type: application/json\r\nContent-Length: 50000\r\n\r\n{")
                        .getBytes(StandardCharsets.ISO_8859_1));
                slow.add(socket);
            }
            trickle.start();
            assertServesNormally("beside 40 slow senders (" + WORKERS + " workers)");
            for (Socket socket : slow) {
                socket.setSoTimeout((int) GRACE.plusSeconds(8).toMillis());
                String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertEquals("HTTP/1.1 408", answer);
            }
            probe.assertAnswered();
        } finally {
            trickling.set(false);
            trickle.join();
            closeAll(slow);
        }
        assertServesNormally("after the slow senders");
    }

    @Test
    void aBurstPastTheQueueIsAnswered503AtOnceAndEveryBatchRetriedIsCountedOnce() throws Exception {
        int clients = 120;
        int eventsPerBatch = 500;
        String burstAccount = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<LoopbackHttp> connections = new ArrayList<>();
        try (Liveness probe = Liveness.probe(clients + " clients posting " + eventsPerBatch
                + "-event batches at once")) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<Integer>>> outcomes = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                LoopbackHttp client = new LoopbackHttp(base);
                connections.add(client);
                assertEquals(200, client.send("GET", "/healthz", null, null).status()); // connected before the burst
                String batch = batch(burstAccount, "c" + c, eventsPerBatch);
                outcomes.add(pool.submit(() -> {
                    go.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (LoopbackHttp.Response answer = client.send("POST", "/v1/usage/events", writer, batch); ;
                         answer = client.send("POST", "/v1/usage/events", writer, batch)) {
                        statuses.add(answer.status());
                        if (answer.status() != 503) {
                            assertEquals(200, answer.status(), answer.body());
                            assertEquals(eventsPerBatch, JSON.readTree(answer.body()).get("accepted").asInt());
                            return statuses;
                        }
                        assertEquals("{\"detail\":\"Server busy\"}", answer.body());
                        assertEquals("1", answer.headers().get("retry-after"));
                        Thread.sleep(100); // a well-behaved client waits before it retries (Retry-After: 1)
                    }
                }));
            }
            go.countDown();
            int busy = 0;
            for (Future<List<Integer>> outcome : outcomes) {
                busy += Collections.frequency(outcome.get(2, TimeUnit.MINUTES), 503);
            }
            probe.assertAnswered();
            report("  answered 503 Server busy before a retry was accepted: " + busy + " of "
                    + (busy + clients) + " posts");
            assertTrue(busy > 0, "past " + (WORKERS + QUEUE) + " requests held, some are refused at once");
        } finally {
            connections.forEach(LoopbackHttp::close);
            pool.shutdownNow();
        }
        JsonNode usage = read("/v1/billing/usage", new TokenMinter(SECRET, MutableClock.at("2026-03-15T12:00:00Z"))
                .mint(burstAccount, Set.of(), Duration.ofHours(1)));
        assertEquals((long) clients * eventsPerBatch, usage.get("total_requests").asLong(),
                "every batch counted once, whatever was refused on the way");
        assertServesNormally("after the burst");
    }

    @Test
    void aFloodOfConnectionsTricklingTheirHeadersIsCutAndChangesNothingForOthers() throws Exception {
        List<Socket> flood = new ArrayList<>();
        try (Liveness probe = Liveness.probe("800 connections trickling a request head")) {
            for (int i = 0; i < 800; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.getOutputStream().write("GET /v1/billing HTTP/1.1\r\nHost: t\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                flood.add(socket);
            }
            assertServesNormally("beside 800 trickling connections");
            for (Socket socket : flood) {
                socket.setSoTimeout((int) GRACE.plusSeconds(8).toMillis());
                String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                assertEquals("HTTP/1.1 408", answer);
            }
            probe.assertAnswered();
        } finally {
            closeAll(flood);
        }
        assertServesNormally("after the flood");
    }

    // ---- what every attack checks ----

    private static void assertServesNormally(String when) {
        try (LoopbackHttp client = new LoopbackHttp(base)) {
            LoopbackHttp.Response write = client.send("POST", "/v1/usage/events", writer,
                    batch(account, UUID.randomUUID().toString(), 3));
            assertEquals(200, write.status(), when + ": " + write.body());
            assertEquals(200, client.send("GET", "/v1/billing", reader, null).status(), when);
        }
    }

    /** A counter or gauge of {@code /metrics}, 0 when it is not there yet. */
    private static double metric(String name) {
        try (LoopbackHttp client = new LoopbackHttp(base)) {
            for (String line : client.send("GET", "/metrics", null, null).body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return 0;
        }
    }

    private static JsonNode read(String path, String token) throws IOException {
        try (LoopbackHttp client = new LoopbackHttp(base)) {
            LoopbackHttp.Response answer = client.send("GET", path, token, null);
            assertEquals(200, answer.status(), answer.body());
            return JSON.readTree(answer.body());
        }
    }

    private static void assertClosedByTheServer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long taken = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                taken += n;
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("still open after " + within + ", " + taken + " bytes taken", stillOpen);
        } catch (IOException reset) {
            // a reset is a close too
        }
        assertTrue(taken < 200L * 200 * 1024, "closed before its 200 answers were sent: " + taken + " bytes");
    }

    /** {@code n} events of 100 tokens and one request each, ids {@code <prefix>-<i>}. */
    private static String batch(String forAccount, String prefix, int n) {
        StringJoiner events = new StringJoiner(",", "{\"events\": [", "]}");
        for (int i = 0; i < n; i++) {
            events.add("{\"event_id\": \"" + prefix + "-" + i + "\", \"account_id\": \"" + forAccount
                    + "\", \"instance_id\": \"inst-" + (i % 5) + "\", \"occurred_at\": \"2026-03-15T11:00:00Z\","
                    + " \"tokens\": 100, \"end_user_id\": \"u" + (i % 50) + "\"}");
        }
        return events.toString();
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        try {
            Files.writeString(Path.of("target", "staying-up.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared probe, with what this suite asserts and reports of it. */
    private static final class Liveness implements AutoCloseable {

        private final String attack;
        private final HealthProbe probe;

        private Liveness(String attack) {
            this.attack = attack;
            this.probe = HealthProbe.start(base);
        }

        static Liveness probe(String attack) {
            return new Liveness(attack);
        }

        void assertAnswered() {
            HealthProbe.Seen seen = probe.stop();
            assertTrue(seen.failures().isEmpty(), attack + ": /healthz failed " + seen.failures().size()
                    + " times, e.g. " + (seen.failures().isEmpty() ? "" : seen.failures().get(0)));
            assertTrue(seen.micros().size() > 10, attack + ": only " + seen.micros().size() + " probes");
            report(String.format("/healthz during %s: %d probes, p50 %.2f ms, p99 %.2f ms, max %.2f ms", attack,
                    seen.micros().size(), seen.percentileMillis(0.5), seen.percentileMillis(0.99),
                    seen.percentileMillis(1.0)));
            assertTrue(seen.percentileMillis(1.0) < PROBE_BOUND.toMillis(),
                    attack + ": a probe took " + seen.percentileMillis(1.0) + " ms");
        }

        @Override
        public void close() {
            probe.stop();
        }
    }
}

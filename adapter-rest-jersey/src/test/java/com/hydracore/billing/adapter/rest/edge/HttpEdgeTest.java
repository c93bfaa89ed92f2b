package com.hydracore.billing.adapter.rest.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edge on a real Grizzly over loopback, in front of a tiny application whose requests can be held: what a slow,
 * flooding or never-reading client gets, and that the others are still served. Data rates are judged by a ticker the
 * tests move forward, so no test waits out a grace period.
 */
class HttpEdgeTest {

    private static final DataRate RATE = new DataRate(1024, Duration.ofSeconds(10));
    private static final int BIG = 256 * 1024;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(64);
    private final List<Socket> sockets = new ArrayList<>();
    private HttpEdge edge;

    /** The application behind the edge. */
    @Path("/")
    public final class Probe {
        @GET
        @Path("hold")
        @Produces("application/json")
        public String hold() throws InterruptedException {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return "{\"held\":true}";
        }

        @GET
        @Path("fast")
        @Produces("application/json")
        public String fast() {
            return "{\"fast\":true}";
        }

        @GET
        @Path("big")
        @Produces("text/plain")
        public String big() {
            return "x".repeat(BIG);
        }

        @POST
        @Path("echo")
        @Consumes("*/*")
        @Produces("text/plain")
        public String echo(InputStream body) throws IOException {
            return Integer.toString(body.readAllBytes().length);
        }
    }

    private void start(int workers, int queue, int maxConnections) {
        start(workers, queue, maxConnections, 64L * 1024 * 1024);
    }

    private void start(int workers, int queue, int maxConnections, long bodyBudget) {
        ResourceConfig app = new ResourceConfig().register(new Probe());
        edge = HttpEdge.start(URI.create("http://127.0.0.1:0/"), app,
                new EdgeLimits(workers, queue, maxConnections, RATE, 1024 * 1024), nanos::get, bodyBudget);
    }

    @AfterEach
    void stop() throws IOException {
        release.countDown();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (edge != null) {
            edge.close();
        }
    }

    @Test
    void healthzIsAnsweredWhileEveryWorkerIsHeldAndTheQueueIsFull() throws Exception {
        start(2, 1, 100);
        for (int i = 0; i < 3; i++) {
            send(open(), get("/hold"));
        }
        awaitEntered(2);

        Answer health = exchange(get("/healthz"));

        assertEquals(200, health.status());
        assertEquals("{\"status\":\"ok\"}", health.body());
        assertTrue(health.header("X-Request-Id") != null);
    }

    @Test
    void aRequestPastTheWorkerQueueIsAnswered503AtOnceAndTheOthersAreServedAfter() throws Exception {
        start(2, 1, 100);
        List<Socket> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket socket = open();
            send(socket, get("/hold"));
            held.add(socket);
        }
        awaitEntered(2);

        Answer busy = exchange("GET /fast HTTP/1.1\r\nHost: t\r\nX-Request-Id: mine-1\r\n\r\n");

        assertEquals(503, busy.status());
        assertEquals("{\"detail\":\"Server busy\"}", busy.body());
        assertEquals("1", busy.header("Retry-After"));
        assertEquals("mine-1", busy.header("X-Request-Id"));
        release.countDown();
        for (Socket socket : held) {
            assertEquals(200, read(socket).status());
        }
        assertEquals(200, exchange(get("/fast")).status());
    }

    @Test
    void headersOver8KiBAre431InTheContractsShape() throws Exception {
        start(2, 4, 100);

        Answer answer = exchange("GET /fast HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");

        assertEquals(431, answer.status());
        assertEquals("{\"detail\":\"Request Header Fields Too Large\"}", answer.body());
        assertEquals("application/json", answer.header("Content-Type"));
        assertTrue(answer.header("X-Request-Id") != null);
    }

    @Test
    void headersJustUnder8KiBAreServed() throws Exception {
        start(2, 4, 100);

        Answer answer = exchange("GET /fast HTTP/1.1\r\nHost: t\r\nX-Big: " + "a".repeat(7900) + "\r\n\r\n");

        assertEquals(200, answer.status());
    }

    @Test
    void anUnparseableRequestIs400InTheContractsShape() throws Exception {
        start(2, 4, 100);

        Answer answer = exchange("GET /fast HTTP/1.1\r\nHost: t\r\nContent-Length: many\r\n\r\n");

        assertEquals(400, answer.status());
        assertEquals("{\"detail\":\"Bad Request\"}", answer.body());
        assertTrue(answer.header("X-Request-Id") != null);
    }

    @Test
    void anUnknownProtocolVersionIs505InTheContractsShape() throws Exception {
        start(2, 4, 100);

        Answer answer = exchange("GET /fast HTTQ/1.1\r\nHost: t\r\n\r\n");

        assertEquals(505, answer.status());
        assertEquals("{\"detail\":\"HTTP Version Not Supported\"}", answer.body());
    }

    @Test
    void aTargetWithAControlCharacterReachesTheApplicationAsAnUnknownRoute() throws Exception {
        start(2, 4, 100);

        Answer answer = exchange("GET /fa\u0001st HTTP/1.1\r\nHost: t\r\n\r\n");

        assertEquals(404, answer.status());
        assertEquals(200, exchange(get("/fast")).status());
    }

    @Test
    void aHeadThatTricklesIsEnded408OnceTheGraceHasPassed() throws Exception {
        start(2, 4, 100);
        Socket slow = open();
        send(slow, "GET /fast HTTP/1.1\r\nHost: t\r\nX-Slow: 1");
        awaitTick();

        nanos.addAndGet(Duration.ofSeconds(11).toNanos());

        Answer answer = read(slow);
        assertEquals(408, answer.status());
        assertEquals("{\"detail\":\"Request Timeout\"}", answer.body());
        assertEquals("close", answer.header("Connection"));
        assertEquals(-1, slow.getInputStream().read(), "closed after the answer");
    }

    @Test
    void aHeadThatTricklesIsNotCutWithinTheGrace() throws Exception {
        start(2, 4, 100);
        Socket slow = open();
        send(slow, "GET /fast HTTP/1.1\r\nHost: t\r\n");
        nanos.addAndGet(Duration.ofSeconds(9).toNanos());
        awaitTick();
        awaitTick();

        send(slow, "\r\n");

        assertEquals(200, read(slow).status());
    }

    @Test
    void aConnectionThatNeverSendsAByteIsClosedWithoutAnAnswer() throws Exception {
        start(2, 4, 100);
        Socket silent = open();
        awaitTick();

        nanos.addAndGet(Duration.ofSeconds(11).toNanos());

        silent.setSoTimeout(5_000);
        assertEquals(-1, silent.getInputStream().read());
    }

    @Test
    void aBodyThatTricklesHoldsNoWorkerAndIsEnded408() throws Exception {
        start(1, 0, 100);
        Socket slow = open();
        send(slow, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{");

        assertEquals(200, exchange(get("/fast")).status(), "the only worker is free");

        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        assertEquals(408, read(slow).status());
    }

    @Test
    void aBodyPastTheBudgetOfBodiesHeldIs503AtOnceAndItsConnectionEnds() throws Exception {
        start(2, 4, 100, 50_000);
        Socket first = open();
        send(first, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 40000\r\n\r\n{"); // held, not yet whole
        awaitTick();

        Socket second = open();
        send(second, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 40000\r\n\r\n{");
        Answer busy = read(second);

        assertEquals(503, busy.status());
        assertEquals("{\"detail\":\"Server busy\"}", busy.body());
        assertEquals("1", busy.header("Retry-After"));
        assertEquals(-1, second.getInputStream().read(), "closed: its body is never read");
        send(first, "a".repeat(39_999));
        assertEquals("40000", read(first).body(), "the first body, once whole, is served");
    }

    @Test
    void aBodySentAboveTheRateIsReadWhole() throws Exception {
        start(1, 0, 100);
        Socket sender = open();
        int size = 40 * 1024;
        send(sender, "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: " + size
                + "\r\n\r\n");
        for (int part = 0; part < 10; part++) {
            send(sender, "a".repeat(size / 10));
            nanos.addAndGet(Duration.ofSeconds(2).toNanos()); // 2 KiB/s on average, 20 s in all
            awaitTick();
        }

        Answer answer = read(sender);

        assertEquals(200, answer.status());
        assertEquals(Integer.toString(size), answer.body());
    }

    @Test
    void aClientThatPipelinesAndNeverReadsHoldsNoWorkerAndIsClosed() throws Exception {
        start(1, 0, 100);
        Socket greedy = new Socket();
        greedy.setReceiveBufferSize(4096);
        greedy.connect(new InetSocketAddress("127.0.0.1", edge.port()));
        sockets.add(greedy);
        send(greedy, get("/big").repeat(200));
        awaitTick();
        awaitTick();

        assertEquals(200, exchange(get("/fast")).status(), "the only worker is free");

        nanos.addAndGet(Duration.ofSeconds(11).toNanos());
        awaitTick();
        awaitTick();
        greedy.setSoTimeout(5_000);
        InputStream in = greedy.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        long taken = 0;
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                taken += n;
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("still open, " + taken + " bytes taken", stillOpen);
        } catch (IOException reset) {
            // a reset is a close too
        }
        assertTrue(taken < 200L * BIG, "closed before the 200 answers were all sent: " + taken);
    }

    @Test
    void connectionsPastTheCapAreClosedAtOnceAndTheServerServesWhenTheyGo() throws Exception {
        start(2, 4, 3);
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            idle.add(open());
        }
        awaitTick();

        Socket refused = open();
        refused.setSoTimeout(5_000);
        int first;
        try {
            send(refused, get("/fast"));
            first = refused.getInputStream().read();
        } catch (IOException reset) {
            first = -1;
        }
        assertEquals(-1, first, "closed without an answer");

        for (Socket socket : idle) {
            socket.close();
        }
        awaitOpenConnections(0);
        assertEquals(200, exchange(get("/fast")).status());
    }

    @Test
    void aGetTheDirectReadsAnswerSkipsTheApplicationAndEveryOtherRequestReachesIt() throws Exception {
        ResourceConfig app = new ResourceConfig().register(new Probe());
        app.property(DirectReads.PROPERTY, new DirectReads() {
            @Override
            public boolean covers(String path) {
                return path.equals("/direct") || path.equals("/fast");
            }

            @Override
            public Answer answer(String path, String authorization, String requestId) {
                if (path.equals("/fast")) {
                    return null; // declined: the application answers
                }
                return new Answer(202, Map.of("Retry-After", "7"),
                        ("{\"authorization\":\"" + authorization + "\",\"id\":\"" + requestId + "\"}")
                                .getBytes(StandardCharsets.US_ASCII));
            }
        });
        edge = HttpEdge.start(URI.create("http://127.0.0.1:0/"), app,
                new EdgeLimits(2, 4, 100, RATE, 1024 * 1024), nanos::get, 64L * 1024 * 1024);

        Answer direct = exchange("GET /direct HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer abc\r\n"
                + "X-Request-Id: r-1\r\n\r\n");
        Answer declined = exchange(get("/fast"));
        Answer withQuery = exchange(get("/direct?x=1"));
        Answer posted = exchange("POST /direct HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n");
        Answer twoTokens = exchange("GET /direct HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer a\r\n"
                + "Authorization: Bearer b\r\n\r\n");

        assertEquals(202, direct.status());
        assertEquals("{\"authorization\":\"Bearer abc\",\"id\":\"r-1\"}", direct.body());
        assertEquals("r-1", direct.header("X-Request-Id"));
        assertEquals("7", direct.header("Retry-After"));
        assertEquals("application/json", direct.header("Content-Type"));
        assertEquals("{\"fast\":true}", declined.body());
        assertEquals(404, withQuery.status(), "the application has no /direct");
        assertEquals(404, posted.status(), "only a GET is answered directly");
        assertEquals(404, twoTokens.status(), "a repeated header is the application's to judge");
    }

    // ---- plumbing ----

    private static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n";
    }

    private Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", edge.port());
        socket.setSoTimeout(10_000);
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private Answer exchange(String request) throws IOException {
        Socket socket = open();
        send(socket, request);
        return read(socket);
    }

    /** Two ticks of the guard's timer have passed, so it has seen what was sent before. */
    private static void awaitTick() throws InterruptedException {
        Thread.sleep(2L * ConnectionGuard.TICK_MILLIS + 20); // the timer's own period, not a data-rate wait
    }

    private void awaitEntered(int running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (entered.getCount() > 64 - running && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (entered.getCount() != 64 - running) { Thread.getAllStackTraces().forEach((t, st) -> { if (t.getName().startsWith("billing") || t.getName().toLowerCase().contains("grizzly")) { System.out.println(t.getName()); for (var e : st) System.out.println("   " + e); } }); }
        assertEquals(64 - running, entered.getCount(), running + " requests running");
    }

    private void awaitOpenConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (edge.openConnections() > count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** One HTTP/1.1 answer read off a socket (Content-Length bodies only, as the edge and Jersey send). */
    record Answer(int status, List<String> headers, String body) {
        String header(String name) {
            for (String line : headers) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    private static Answer read(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        String statusLine = line(in);
        List<String> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            headers.add(line);
        }
        Answer head = new Answer(Integer.parseInt(statusLine.split(" ")[1]), headers, "");
        String length = head.header("Content-Length");
        byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        return new Answer(head.status(), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new SocketTimeoutException("connection closed mid-answer: " + line);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}

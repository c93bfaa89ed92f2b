package com.hydracore.billing.bootstrap.benchmark;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A webhook receiver on loopback for the benchmark's alert run: answers 204 at once and notes when the first
 * {@code usage.threshold_reached} of each account arrived, so the benchmark can time a crossing from the answer to
 * the batch that crossed it to its delivery.
 */
final class AlertLatency implements AutoCloseable {

    private static final Pattern ACCOUNT = Pattern.compile("\"account_id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final Map<String, Long> firstArrival = new ConcurrentHashMap<>();

    AlertLatency() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Matcher m = ACCOUNT.matcher(body);
            if (body.contains("usage.threshold_reached") && m.find()) {
                firstArrival.putIfAbsent(m.group(1), now);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** The receiver's URL. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** When ({@link System#nanoTime}) the account's first alert arrived, waiting up to {@code timeoutMillis}. */
    Long awaitFirst(String account, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!firstArrival.containsKey(account) && System.currentTimeMillis() < deadline) {
            Thread.sleep(5);
        }
        return firstArrival.get(account);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package com.hydracore.billing.bootstrap.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks {@code GET /healthz} every 20 ms on a new connection, as an orchestrator's liveness probe does, and keeps each
 * answer's latency, until stopped: what liveness looked like while something else ran.
 */
public final class HealthProbe implements AutoCloseable {

    private final URI base;
    private final List<Long> micros = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    private HealthProbe(URI base) {
        this.base = base;
        this.thread = new Thread(this::run, "healthz-probe");
        thread.setDaemon(true);
    }

    /** Starts probing the server at {@code base}. */
    public static HealthProbe start(URI base) {
        HealthProbe probe = new HealthProbe(base);
        probe.thread.start();
        return probe;
    }

    private void run() {
        while (running.get()) {
            long started = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                out.write("GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                if (answer.startsWith("HTTP/1.1 200") && answer.endsWith("{\"status\":\"ok\"}")) {
                    micros.add((System.nanoTime() - started) / 1_000);
                } else {
                    failures.add(answer);
                }
            } catch (IOException e) {
                failures.add(e.toString());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops probing (waiting for the probe in flight) and returns what was seen. */
    public Seen stop() {
        running.set(false);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return new Seen(List.copyOf(sorted), List.copyOf(failures));
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * The probes answered 200 (their latencies in microseconds, ascending) and the ones that were not.
     *
     * @param micros   latencies of the answered probes, ascending
     * @param failures what the others got instead
     */
    public record Seen(List<Long> micros, List<String> failures) {

        /** The {@code q} quantile of the answered probes' latency, in milliseconds (0 when none answered). */
        public double percentileMillis(double q) {
            if (micros.isEmpty()) {
                return 0;
            }
            int at = (int) Math.min(micros.size() - 1, Math.max(0, Math.ceil(micros.size() * q) - 1));
            return micros.get(at) / 1000.0;
        }
    }
}

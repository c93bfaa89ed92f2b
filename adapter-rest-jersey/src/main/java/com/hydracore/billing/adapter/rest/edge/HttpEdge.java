package com.hydracore.billing.adapter.rest.edge;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.glassfish.grizzly.strategies.SameThreadIOStrategy;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server as clients meet it: Grizzly with the application behind an {@link EdgeHandler} and a
 * {@link ConnectionGuard}, so that slow clients, floods and overload cost a bounded amount (API.md §9).
 *
 * <p>Grizzly's selector threads read, parse and write (its same-thread I/O strategy: they never wait on anything);
 * requests run on a fixed pool of workers with a bounded queue. Request heads are limited to 8 KiB in all.
 */
public final class HttpEdge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpEdge.class);

    /** Request line and headers together, at most: larger heads are answered 431. */
    public static final int MAX_HEADER_BYTES = 8 * 1024;
    /** Descriptors kept free of connections, for the database pool, logs, jars and the JDK itself. */
    static final int RESERVED_DESCRIPTORS = 256;
    /** Of the heap, what answers queued for slow readers may hold together before the slowest are closed. */
    static final int PENDING_OUTPUT_HEAP_SHARE = 8;
    /** Of the heap, what request bodies read and not yet answered may hold together. */
    static final int BODY_HEAP_SHARE = 8;

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final ConnectionGuard guard;
    private final EdgeHandler handler;

    private HttpEdge(HttpServer server, ThreadPoolExecutor workers, ConnectionGuard guard, EdgeHandler handler) {
        this.server = server;
        this.workers = workers;
        this.guard = guard;
        this.handler = handler;
    }

    /**
     * Starts serving {@code application} on {@code baseUri} (port 0 picks a free one) within {@code limits}.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static HttpEdge start(URI baseUri, ResourceConfig application, EdgeLimits limits) {
        return start(baseUri, application, limits, System::nanoTime,
                Runtime.getRuntime().maxMemory() / BODY_HEAP_SHARE);
    }

    /**
     * The same, judging data rates by {@code nanoTime} (tests move it instead of waiting) and holding at most
     * {@code bodyBudget} bytes of request bodies.
     */
    static HttpEdge start(URI baseUri, ResourceConfig application, EdgeLimits limits, LongSupplier nanoTime,
                          long bodyBudget) {
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(baseUri, application, false);
        NetworkListener listener = server.getListeners().iterator().next();
        int maxConnections = connectionCap(limits.maxConnections());
        ConnectionGuard guard = new ConnectionGuard(maxConnections, limits.minDataRate(),
                Runtime.getRuntime().maxMemory() / PENDING_OUTPUT_HEAP_SHARE, nanoTime);
        ThreadPoolExecutor workers = workers(limits);

        TCPNIOTransport transport = listener.getTransport();
        transport.setIOStrategy(SameThreadIOStrategy.getInstance());
        transport.setWorkerThreadPoolConfig(null); // requests run on our workers, not Grizzly's
        transport.getConnectionMonitoringConfig().addProbes(guard);
        listener.setMaxHttpHeaderSize(MAX_HEADER_BYTES);
        listener.setMaxPendingBytes(limits.maxPendingOutput());
        listener.registerAddOn(EdgeCodecFilter.replacing(MAX_HEADER_BYTES));

        ServerConfiguration configuration = server.getServerConfiguration();
        Map<HttpHandler, HttpHandlerRegistration[]> handlers =
                new LinkedHashMap<>(configuration.getHttpHandlersWithMapping());
        if (handlers.size() != 1) {
            throw new IllegalStateException("expected Jersey's one handler, found " + handlers.size());
        }
        Map.Entry<HttpHandler, HttpHandlerRegistration[]> jersey = handlers.entrySet().iterator().next();
        EdgeHandler handler = new EdgeHandler(jersey.getKey(), directReads(application),
                new WorkerQueue(workers, limits.workers() + limits.queueLimit()), guard,
                new BodyBudget(bodyBudget));
        configuration.removeHttpHandler(jersey.getKey());
        configuration.addHttpHandler(handler, jersey.getValue());
        try {
            server.start();
        } catch (IOException e) {
            guard.close();
            workers.shutdownNow();
            throw new UncheckedIOException("cannot start the HTTP server on " + baseUri, e);
        }
        return new HttpEdge(server, workers, guard, handler);
    }

    private static DirectReads directReads(ResourceConfig application) {
        return application.getProperty(DirectReads.PROPERTY) instanceof DirectReads reads ? reads : DirectReads.NONE;
    }

    private static ThreadPoolExecutor workers(EdgeLimits limits) {
        AtomicInteger number = new AtomicInteger();
        // Unbounded here: WorkerQueue admits at most workers + queueLimit requests (a bounded queue of the executor
        // itself would also refuse a request while idle workers are still about to take the ones before it).
        ThreadPoolExecutor pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                runnable -> new Thread(runnable, "billing-http-" + number.incrementAndGet()));
        pool.prestartAllCoreThreads();
        return pool;
    }

    /**
     * The connection cap actually applied: the configured one, lowered to stay {@value #RESERVED_DESCRIPTORS}
     * below the process's descriptor limit, so that a flood of connections is refused before the process runs out of
     * descriptors (and cannot open a database connection or a file).
     */
    static int connectionCap(int configured) {
        long descriptors = descriptorLimit();
        if (descriptors > 0 && configured > descriptors - RESERVED_DESCRIPTORS) {
            int lowered = (int) Math.max(1, descriptors - RESERVED_DESCRIPTORS);
            LOG.warn("BILLING_MAX_CONNECTIONS {} is above what the descriptor limit {} allows; using {}", configured,
                    descriptors, lowered);
            return lowered;
        }
        return configured;
    }

    private static long descriptorLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** Publishes the edge's counters: open connections, queued requests, and what was refused or cut. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("billing_http_connections_open", guard, ConnectionGuard::openConnections)
                .description("open client connections").register(registry);
        Gauge.builder("billing_http_requests_queued", workers, pool -> pool.getQueue().size())
                .description("requests waiting for a worker").register(registry);
        FunctionCounter.builder("billing_http_busy_total", handler, EdgeHandler::busyAnswers)
                .description("requests answered 503 Server busy because the worker queue was full").register(registry);
        FunctionCounter.builder("billing_http_connections_refused_total", guard, ConnectionGuard::refusedConnections)
                .description("connections closed at once because the connection cap was reached").register(registry);
        FunctionCounter.builder("billing_http_connections_cut_total", guard, ConnectionGuard::cutConnections)
                .description("connections ended for sending or reading below the minimum data rate")
                .register(registry);
    }

    /** Client connections open now. */
    int openConnections() {
        return guard.openConnections();
    }

    /** The port the server listens on (useful after starting on port 0). */
    public int port() {
        return server.getListeners().iterator().next().getPort();
    }

    /**
     * Stops accepting connections, lets requests in progress finish within {@code grace}, then stops the workers.
     * Everything a request was told was accepted is already committed.
     */
    public void shutdown(Duration grace) {
        try {
            server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 1_000,
                    TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("HTTP server did not stop cleanly within the grace period", e);
            server.shutdownNow();
        } finally {
            stopWorkers();
        }
    }

    /** Stops at once, abandoning requests in progress. */
    @Override
    public void close() {
        server.shutdownNow();
        stopWorkers();
    }

    private void stopWorkers() {
        guard.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}

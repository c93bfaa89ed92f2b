package com.hydracore.billing.adapter.rest.edge;

import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ConnectionProbe;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.asyncqueue.WritableMessage;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.grizzly.nio.transport.TCPNIOTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every open connection and keeps what a client can hold bounded (API.md §9):
 * <ul>
 *   <li>connections past the cap are closed as they are accepted;</li>
 *   <li>a request whose head and body arrive slower than the {@link DataRate} is ended with 408 (or closed, when not
 *       one byte came);</li>
 *   <li>a connection whose client takes its answers slower than the rate is closed, which also frees a worker
 *       blocked writing to it;</li>
 *   <li>a request that arrives while the answer before it on the same connection is still queued (a client that
 *       pipelines and does not read) waits here, outside the workers, until that answer has been taken;</li>
 *   <li>if the answers queued on all connections together pass their budget, the slowest readers are closed.</li>
 * </ul>
 * Byte counts come from Grizzly's connection probe (what the socket really read and wrote); the checks run on one
 * timer thread, every {@value #TICK_MILLIS} ms for waiting requests and every second for rates.
 */
final class ConnectionGuard extends ConnectionProbe.Adapter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);

    static final int TICK_MILLIS = 100;
    private static final int TICKS_PER_CHECK = 1000 / TICK_MILLIS;

    /** What the connection is waiting for. */
    enum Phase {
        /** The client is sending a request (its head, then its body): judged by the data rate. */
        RECEIVING,
        /** The server has the request; the client waits. */
        SERVING,
        /** Between requests: Grizzly's keep-alive idle timeout applies. */
        IDLE
    }

    private final ConcurrentHashMap<Connection<?>, Progress> open = new ConcurrentHashMap<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong refusedConnections = new AtomicLong();
    private final AtomicLong cutConnections = new AtomicLong();
    private final int maxConnections;
    private final DataRate rate;
    private final long pendingBudget;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService timer;
    private long ticks;

    ConnectionGuard(int maxConnections, DataRate rate, long pendingBudget, LongSupplier nanoTime) {
        this.maxConnections = maxConnections;
        this.rate = rate;
        this.pendingBudget = pendingBudget;
        this.nanoTime = nanoTime;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "billing-http-guard");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** One connection's progress; phase changes are made under its lock, byte counts are atomic. */
    static final class Progress {
        final Connection<?> connection;
        Phase phase = Phase.RECEIVING;
        long phaseSince;
        long receivedInPhase;
        long generation;
        Runnable waiting;
        final AtomicLong sent = new AtomicLong();
        // Set once a 408 has been queued: the next check ends the connection whether the client took it or not.
        volatile boolean answeredTimeout;
        // Read and written by the timer thread only.
        long stalledSince = -1;
        long sentWhenStalled;

        Progress(Connection<?> connection, long now) {
            this.connection = connection;
            this.phaseSince = now;
        }
    }

    // ---- Grizzly's connection probe (selector and worker threads) ----

    @Override
    public void onAcceptEvent(Connection serverConnection, Connection clientConnection) {
        if (connections.incrementAndGet() > maxConnections) {
            connections.decrementAndGet();
            refusedConnections.incrementAndGet();
            clientConnection.terminateSilently();
            return;
        }
        open.put(clientConnection, new Progress(clientConnection, nanoTime.getAsLong()));
    }

    @Override
    public void onReadEvent(Connection connection, Buffer data, int size) {
        Progress progress = open.get(connection);
        if (progress == null || size <= 0) {
            return;
        }
        synchronized (progress) {
            if (progress.phase == Phase.IDLE) {
                progress.phase = Phase.RECEIVING;
                progress.phaseSince = nanoTime.getAsLong();
                progress.receivedInPhase = 0;
            }
            progress.receivedInPhase += size;
        }
    }

    @Override
    public void onWriteEvent(Connection connection, Buffer data, long size) {
        Progress progress = open.get(connection);
        if (progress != null && size > 0) {
            progress.sent.addAndGet(size);
        }
    }

    @Override
    public void onCloseEvent(Connection connection) {
        if (open.remove(connection) != null) {
            connections.decrementAndGet();
        }
    }

    // ---- the request's life, from the edge handler ----

    /**
     * A request's head has been parsed: its body (if any) is still arriving, judged by the same clock as its head.
     *
     * @return the request's number on its connection, for {@link #served}
     */
    long headReceived(Connection<?> connection) {
        Progress progress = open.get(connection);
        if (progress == null) {
            return -1;
        }
        synchronized (progress) {
            if (progress.phase != Phase.RECEIVING) {
                // A pipelined request whose bytes came while the one before it was served: its clock starts now.
                progress.phase = Phase.RECEIVING;
                progress.phaseSince = nanoTime.getAsLong();
                progress.receivedInPhase = 0;
            }
            return ++progress.generation;
        }
    }

    /** The request is whole and in the server's hands: no rate applies to the client until it is answered. */
    void serving(Connection<?> connection) {
        Progress progress = open.get(connection);
        if (progress != null) {
            synchronized (progress) {
                progress.phase = Phase.SERVING;
            }
        }
    }

    /** Request number {@code generation} has been answered (unless a later one has begun meanwhile). */
    void served(Connection<?> connection, long generation) {
        Progress progress = open.get(connection);
        if (progress != null) {
            synchronized (progress) {
                if (progress.generation == generation && progress.phase == Phase.SERVING) {
                    progress.phase = Phase.IDLE;
                }
            }
        }
    }

    /**
     * Runs {@code next} once the connection's queued answers have all been taken by its client — at once when
     * nothing is queued. A client that pipelines requests without reading the answers thus holds one queued answer,
     * never a worker blocked writing the next; the data rate closes it if it never reads.
     */
    void whenDrained(Connection<?> connection, Runnable next) {
        Progress progress = open.get(connection);
        if (progress == null || pendingOutput(connection) == 0) {
            next.run();
            return;
        }
        synchronized (progress) {
            progress.phase = Phase.SERVING;
            progress.waiting = next;
        }
    }

    /** Connections open now. */
    int openConnections() {
        return connections.get();
    }

    /** Connections closed at once because the cap was reached, since the start. */
    long refusedConnections() {
        return refusedConnections.get();
    }

    /** Connections ended for being too slow, or for holding too much unread output, since the start. */
    long cutConnections() {
        return cutConnections.get();
    }

    // ---- the timer ----

    private void tick() {
        try {
            boolean check = ++ticks % TICKS_PER_CHECK == 0;
            long now = nanoTime.getAsLong();
            long pendingTotal = 0;
            List<Progress> stalled = check ? new ArrayList<>() : List.of();
            for (Progress progress : open.values()) {
                int pending = pendingOutput(progress.connection);
                Runnable next = null;
                synchronized (progress) {
                    if (progress.waiting != null && pending == 0) {
                        next = progress.waiting;
                        progress.waiting = null;
                    }
                }
                if (next != null) {
                    next.run();
                }
                if (check) {
                    pendingTotal += pending;
                    judge(progress, pending, now, stalled);
                }
            }
            if (check && pendingTotal > pendingBudget) {
                shedSlowestReaders(stalled, pendingTotal);
            }
        } catch (RuntimeException e) {
            LOG.warn("connection guard tick failed", e);
        }
    }

    private void judge(Progress progress, int pending, long now, List<Progress> stalled) {
        if (progress.answeredTimeout) {
            progress.connection.terminateSilently();
            return;
        }
        boolean receivingTooSlowly;
        boolean nothingReceived;
        synchronized (progress) {
            receivingTooSlowly = progress.phase == Phase.RECEIVING
                    && rate.tooSlow(progress.receivedInPhase, now - progress.phaseSince);
            nothingReceived = progress.receivedInPhase == 0;
        }
        if (receivingTooSlowly) {
            cut(progress, !nothingReceived);
            return;
        }
        if (pending == 0) {
            progress.stalledSince = -1;
            return;
        }
        long sent = progress.sent.get();
        if (progress.stalledSince < 0) {
            progress.stalledSince = now;
            progress.sentWhenStalled = sent;
        } else if (rate.tooSlow(sent - progress.sentWhenStalled, now - progress.stalledSince)) {
            cut(progress, false);
            return;
        }
        stalled.add(progress);
    }

    private void shedSlowestReaders(List<Progress> stalled, long pendingTotal) {
        stalled.sort(Comparator.comparingLong((Progress p) -> p.stalledSince));
        long remaining = pendingTotal;
        for (Progress progress : stalled) {
            if (remaining <= pendingBudget) {
                return;
            }
            remaining -= pendingOutput(progress.connection);
            cut(progress, false);
        }
    }

    /**
     * Ends a connection: with a 408 when a request had begun arriving, else at once. Grizzly's close waits for the
     * queued output to be taken, which a client that does not read never does: a cut connection is terminated.
     */
    private void cut(Progress progress, boolean answer) {
        cutConnections.incrementAndGet();
        Connection<?> connection = progress.connection;
        if (!answer || !(connection.getTransport() instanceof TCPNIOTransport transport)) {
            connection.terminateSilently();
            return;
        }
        progress.answeredTimeout = true;
        // Written under the HTTP codec (it may be half-way through parsing this request), then closed.
        @SuppressWarnings("unchecked")
        Connection<SocketAddress> socket = (Connection<SocketAddress>) connection;
        Buffer answer408 = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER,
                EdgeAnswers.closingAnswer(408, "Request Timeout", EdgeAnswers.REQUEST_TIMEOUT));
        transport.getAsyncQueueIO().getWriter().write(socket, answer408,
                new EmptyCompletionHandler<WriteResult<WritableMessage, SocketAddress>>() {
                    @Override
                    public void completed(WriteResult<WritableMessage, SocketAddress> result) {
                        connection.closeSilently();
                    }

                    @Override
                    public void failed(Throwable throwable) {
                        connection.closeSilently();
                    }
                });
    }

    private static int pendingOutput(Connection<?> connection) {
        return connection instanceof NIOConnection nio ? nio.getAsyncWriteQueue().spaceInBytes() : 0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

package com.hydracore.billing.adapter.rest.ops;

import com.hydracore.billing.adapter.rest.ReadinessProbe;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A readiness probe with a deadline, so that {@code /readyz} answers in time (API §9: 503 within 2 s) whatever the
 * database does: a check that has not answered by then counts as not ready. The check runs on a thread of its own, one
 * at a time; callers arriving while it runs wait for that same check, so a database that hangs holds one thread, not
 * one per probe.
 */
final class BoundedReadiness {

    /** The contract's 2 s, less room for the request around the check. */
    static final Duration DEADLINE = Duration.ofMillis(1500);

    private static final Logger LOG = LoggerFactory.getLogger(BoundedReadiness.class);

    private final ReadinessProbe probe;
    private final Duration deadline;
    private final ThreadPoolExecutor checker;
    private CompletableFuture<Boolean> running; // guarded by this

    BoundedReadiness(ReadinessProbe probe, Duration deadline) {
        this.probe = probe;
        this.deadline = deadline;
        // One thread, started on demand and ended after a while idle; a daemon, so it never holds the JVM up.
        this.checker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "readiness-check");
            thread.setDaemon(true);
            return thread;
        });
        this.checker.allowCoreThreadTimeOut(true);
    }

    /** Whether the probe said ready within the deadline; a failure or no answer in time is "not ready". */
    boolean ready() {
        CompletableFuture<Boolean> check;
        synchronized (this) {
            if (running == null || running.isDone()) {
                running = CompletableFuture.supplyAsync(probe::ready, checker);
            }
            check = running;
        }
        try {
            return check.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            LOG.warn("readiness probe failed", e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

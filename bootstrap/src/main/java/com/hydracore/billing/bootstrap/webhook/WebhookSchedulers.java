package com.hydracore.billing.bootstrap.webhook;

import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.application.port.in.DispatchWebhooks;
import com.hydracore.billing.application.port.in.EmitTrialAlerts;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's background work for webhooks: the dispatcher about every second, the trial pass once at start (to
 * catch up after downtime) and then every {@code BILLING_SCHEDULER_SECONDS}. Each run catches everything (a task
 * of a {@link ScheduledExecutorService} that throws is never run again); a store outage is one WARN line.
 * {@link #close()} stops both, and the senders' pool, before the caller closes the database.
 */
public final class WebhookSchedulers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSchedulers.class);

    /** How often the dispatcher looks for due deliveries. */
    public static final Duration DISPATCH_EVERY = Duration.ofSeconds(1);

    private final ScheduledExecutorService timer;
    private final ExecutorService senders;

    private WebhookSchedulers(ScheduledExecutorService timer, ExecutorService senders) {
        this.timer = timer;
        this.senders = senders;
    }

    /** A fixed pool of {@code n} daemon threads for the dispatcher's sends. */
    public static ExecutorService senderPool(int n) {
        return Executors.newFixedThreadPool(n, daemons("webhook-send"));
    }

    /** Starts both tasks; {@code senders} is the dispatcher's pool, shut down with them. */
    public static WebhookSchedulers start(DispatchWebhooks dispatcher, EmitTrialAlerts trials, Duration trialEvery,
                                          ExecutorService senders) {
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemons("webhook-scheduler"));
        timer.scheduleWithFixedDelay(() -> run("trial alerts", trials::emitDue), 0, trialEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> run("webhook dispatch", dispatcher::dispatchDue),
                DISPATCH_EVERY.toMillis(), DISPATCH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return new WebhookSchedulers(timer, senders);
    }

    private static void run(String what, Runnable task) {
        try {
            task.run();
        } catch (StoreUnavailableException e) {
            LOG.warn("{} skipped: database unavailable ({})", what, e.getMessage());
        } catch (Throwable e) { // never let the task die: it would not be scheduled again
            LOG.error("{} failed", what, e);
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops the timer (waiting briefly for a running pass), then the senders. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("a webhook pass did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            senders.shutdownNow();
        }
    }
}

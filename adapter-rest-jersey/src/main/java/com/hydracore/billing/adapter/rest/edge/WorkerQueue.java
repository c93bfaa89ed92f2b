package com.hydracore.billing.adapter.rest.edge;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The workers with a bound on the requests they hold: at most {@code capacity} (the workers plus the queue) are
 * running or waiting; one more is refused at once with {@link RejectedExecutionException}, never queued.
 */
final class WorkerQueue implements Executor {

    private final Executor workers;
    private final int capacity;
    private final AtomicInteger admitted = new AtomicInteger();

    WorkerQueue(Executor workers, int capacity) {
        this.workers = workers;
        this.capacity = capacity;
    }

    @Override
    public void execute(Runnable request) {
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            throw new RejectedExecutionException("every worker is busy and the queue is full");
        }
        try {
            workers.execute(() -> {
                try {
                    request.run();
                } finally {
                    admitted.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopped) {
            admitted.decrementAndGet();
            throw stopped;
        }
    }
}

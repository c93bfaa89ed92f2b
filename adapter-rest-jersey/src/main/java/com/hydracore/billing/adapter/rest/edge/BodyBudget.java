package com.hydracore.billing.adapter.rest.edge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request bodies the edge holds at once, in bytes: a body is read in full before a worker takes it, and stays
 * until its request is answered, so without a bound many clients sending large bodies together could fill the heap.
 * A request whose body does not fit is answered 503 "Server busy", like one past the worker queue.
 */
final class BodyBudget {

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} from the budget, or nothing and {@code false} when they do not fit. */
    boolean take(long bytes) {
        while (true) {
            long now = held.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back what {@link #take} took. */
    void give(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Bytes held now. */
    long held() {
        return held.get();
    }
}

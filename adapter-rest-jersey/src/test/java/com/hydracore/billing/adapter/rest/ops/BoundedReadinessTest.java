package com.hydracore.billing.adapter.rest.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readiness answers within its deadline whatever the check does, and a hanging check is not started again. */
class BoundedReadinessTest {

    private static final Duration DEADLINE = Duration.ofMillis(200);

    private final ExecutorService callers = Executors.newFixedThreadPool(4);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        callers.shutdownNow();
    }

    @Test
    void aCheckThatHangsIsNotReadyOnceTheDeadlinePassesAndConcurrentCallersShareIt() throws Exception {
        AtomicInteger started = new AtomicInteger();
        BoundedReadiness readiness = new BoundedReadiness(() -> {
            started.incrementAndGet();
            try {
                return release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, DEADLINE);

        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(callers.submit(readiness::ready));
        }
        for (Future<Boolean> answer : answers) {
            assertFalse(answer.get(10, TimeUnit.SECONDS), "not ready: no answer within the deadline");
        }
        assertFalse(readiness.ready(), "still hanging: still not ready");
        assertEquals(1, started.get(), "one check at a time, however many callers");

        release.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!readiness.ready()) {
            assertTrue(System.nanoTime() < deadline, "ready once the check answers");
        }
    }

    @Test
    void aCheckThatFailsIsNotReadyAndTheNextOneIsAskedAgain() {
        AtomicInteger calls = new AtomicInteger();
        BoundedReadiness readiness = new BoundedReadiness(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("connection refused");
            }
            return true;
        }, DEADLINE);

        assertFalse(readiness.ready());
        assertTrue(readiness.ready());
    }
}

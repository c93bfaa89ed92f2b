package com.hydracore.billing.adapter.persistence.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Callers share a read only when it starts after they asked: each read here answers its own number, counted when
 * it starts, so a caller answered a number read before it asked would see it.
 */
class CoalescedReadsTest {

    private final AtomicInteger started = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<RuntimeException> failWith = new AtomicReference<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CoalescedReads<String, Void, String> reads = CoalescedReads.of(key -> {
        int number = started.incrementAndGet();
        if (key.startsWith("held") && number == 1) {
            await(release);
        }
        if (failWith.get() != null && number == 1) {
            throw failWith.get();
        }
        return key + "#" + number;
    });

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    @Test
    void callersOneAfterTheOtherEachGetAReadOfTheirOwn() {
        assertEquals("a#1", reads.get("a"));
        assertEquals("a#2", reads.get("a"));
        assertEquals("b#3", reads.get("b"));
        assertEquals(0, reads.busyKeys());
    }

    @Test
    void callersArrivingWhileAReadRunsShareTheNextReadNotThatOne() throws Exception {
        Future<String> first = threads.submit(() -> reads.get("held"));
        awaitStarted(1);
        Thread[] later = new Thread[3];
        @SuppressWarnings("unchecked")
        AtomicReference<String>[] answers = new AtomicReference[3];
        for (int i = 0; i < later.length; i++) {
            AtomicReference<String> answer = answers[i] = new AtomicReference<>();
            later[i] = new Thread(() -> answer.set(reads.get("held")));
            later[i].start();
        }
        for (Thread caller : later) {
            awaitParked(caller);
        }
        assertEquals(1, started.get(), "nobody reads while the first read runs");

        release.countDown();

        assertEquals("held#1", first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < later.length; i++) {
            later[i].join(10_000);
            assertEquals("held#2", answers[i].get(), "one read, started after they all asked");
        }
        assertEquals(2, started.get());
        assertEquals(0, reads.busyKeys());
    }

    @Test
    void aSharedReadIsMadeWithTheLatestArgumentOfTheCallersItAnswers() throws Exception {
        CoalescedReads<String, Integer, String> atMoment = new CoalescedReads<>((key, moment) -> {
            if (started.incrementAndGet() == 1) {
                await(release);
            }
            return key + "@" + moment;
        }, Math::max);
        Future<String> first = threads.submit(() -> atMoment.get("quota", 1));
        awaitStarted(1);
        int[] moments = {5, 3, 4};
        Thread[] later = new Thread[moments.length];
        @SuppressWarnings("unchecked")
        AtomicReference<String>[] answers = new AtomicReference[moments.length];
        for (int i = 0; i < later.length; i++) {
            AtomicReference<String> answer = answers[i] = new AtomicReference<>();
            int moment = moments[i];
            later[i] = new Thread(() -> answer.set(atMoment.get("quota", moment)));
            later[i].start();
            awaitParked(later[i]);
        }

        release.countDown();

        assertEquals("quota@1", first.get(10, TimeUnit.SECONDS));
        for (int i = 0; i < later.length; i++) {
            later[i].join(10_000);
            assertEquals("quota@5", answers[i].get(), "the latest of the three, whichever asked first");
        }
        assertEquals("quota@2", atMoment.get("quota", 2), "the next read, its caller's own");
    }

    @Test
    void otherKeysAreNotHeldByARunningRead() throws Exception {
        Future<String> held = threads.submit(() -> reads.get("held"));
        awaitStarted(1);

        assertEquals("free#2", reads.get("free"));

        release.countDown();
        assertEquals("held#1", held.get(10, TimeUnit.SECONDS));
    }

    @Test
    void whenTheRunningReadFailsTheWaitingCallersFailWithItWithoutAnotherRead() throws Exception {
        failWith.set(new IllegalStateException("database unavailable"));
        Future<String> first = threads.submit(() -> reads.get("held"));
        awaitStarted(1);
        AtomicReference<Throwable> laterFailure = new AtomicReference<>();
        Thread later = new Thread(() -> {
            try {
                reads.get("held");
            } catch (RuntimeException e) {
                laterFailure.set(e);
            }
        });
        later.start();
        awaitParked(later);

        release.countDown();

        Exception firstFailure = assertThrows(Exception.class, () -> first.get(10, TimeUnit.SECONDS));
        assertEquals("database unavailable", firstFailure.getCause().getMessage());
        later.join(10_000);
        assertEquals("database unavailable", laterFailure.get().getMessage());
        assertEquals(1, started.get());
        assertEquals("held#2", reads.get("held"), "the next caller reads again");
    }

    private void awaitStarted(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (started.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(count, started.get());
    }

    /** The caller is waiting for a read (parked), not running one. */
    private static void awaitParked(Thread caller) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, caller.getState());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

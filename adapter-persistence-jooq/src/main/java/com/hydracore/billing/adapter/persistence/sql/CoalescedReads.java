package com.hydracore.billing.adapter.persistence.sql;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * One read shared by the callers asking for the same key at the same time, and only by those it can be exact for: a
 * caller joins a read that has not started yet, never one already running, so whatever it is answered was read after
 * it asked (the read's snapshot is later than any write acknowledged before the caller arrived, on any replica).
 *
 * <p>While a key's read runs, the callers arriving meanwhile wait together for one next read, which starts when the
 * running one ends: however many ask at once, a key has at most one read running and one waiting. A page loaded by
 * many at once then costs the database one statement per round trip instead of one per request. When the running read
 * fails, the waiting one fails with it without being tried (its callers asked while the failure happened), so that no
 * caller waits longer than two reads.
 *
 * @param <K> what is read (equal keys, same read)
 * @param <A> the callers' argument, merged for a read they share ({@link Void} when there is none)
 * @param <V> what the read answers: shared by every caller of a read, so immutable
 */
public final class CoalescedReads<K, A, V> {

    private final BiFunction<K, A, V> read;
    private final BinaryOperator<A> merge;
    private final ConcurrentHashMap<K, Lane<A, V>> lanes = new ConcurrentHashMap<>();

    /**
     * Shares the reads of {@code read}, each made with the arguments of the callers it answers merged by
     * {@code merge}.
     */
    public CoalescedReads(BiFunction<K, A, V> read, BinaryOperator<A> merge) {
        this.read = read;
        this.merge = merge;
    }

    /** Shares the reads of {@code read}, which takes the key alone ({@link #get(Object)}). */
    public static <K, V> CoalescedReads<K, Void, V> of(Function<K, V> read) {
        return new CoalescedReads<>((key, none) -> read.apply(key), (a, b) -> null);
    }

    /** A key's read running and the one waiting for it to end, with its callers' arguments; guarded by the lane. */
    private static final class Lane<A, V> {
        private CompletableFuture<V> running;
        private CompletableFuture<V> waiting;
        private A waitingArgument;
    }

    /**
     * What {@code key} reads, read after this call began (by this thread or another).
     *
     * @throws RuntimeException what the read threw
     */
    public V get(K key) {
        return get(key, null);
    }

    /**
     * What {@code key} reads, read after this call began (by this thread or another), with an argument merged from
     * {@code argument} and those of the other callers it answers.
     *
     * @throws RuntimeException what the read threw
     */
    public V get(K key, A argument) {
        Lane<A, V> lane = lanes.computeIfAbsent(key, k -> new Lane<>());
        CompletableFuture<V> joined = null;
        CompletableFuture<V> mine = null;
        CompletableFuture<V> before = null;
        A readWith = argument;
        synchronized (lane) {
            if (lane.waiting != null) {
                joined = lane.waiting; // not started: it reads after we asked, with our argument
                lane.waitingArgument = merge.apply(lane.waitingArgument, argument);
            } else {
                mine = new CompletableFuture<>();
                if (lane.running != null) {
                    before = lane.running;
                    lane.waiting = mine;
                    lane.waitingArgument = argument;
                } else {
                    lane.running = mine;
                }
            }
        }
        if (joined != null) {
            return join(joined); // outside the lane: its reader takes the lane to start
        }
        try {
            if (before != null) {
                Throwable failed = failure(before);
                synchronized (lane) {
                    lane.running = mine;
                    lane.waiting = null; // from here on, new callers wait for the next read
                    readWith = lane.waitingArgument; // every caller of this read has merged its own in
                    lane.waitingArgument = null;
                }
                if (failed != null) {
                    mine.completeExceptionally(failed);
                    return join(mine);
                }
            }
            V value = read.apply(key, readWith);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (lane) {
                if (lane.running == mine) {
                    lane.running = null;
                    if (lane.waiting == null) {
                        lanes.remove(key, lane); // idle: a key read once costs no memory after
                    }
                }
            }
        }
    }

    /** How many keys have a read running or waiting: for tests. */
    int busyKeys() {
        return lanes.size();
    }

    private static Throwable failure(CompletableFuture<?> read) {
        try {
            read.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    private static <V> V join(CompletableFuture<V> read) {
        try {
            return read.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}

package com.hydracore.billing.application.service;

import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger that writes the batches arriving together in one {@link UsageLedger#appendAll}: group commit. A caller
 * that finds a writer free writes, for itself and for the batches queued before it (up to {@code maxEvents}); the
 * others wait for their result, so each still returns only once its own batch is stored.
 *
 * <p>Why: every batch of a live router adds to the same rows (today's sums of each instance, today's end users), so
 * concurrent appends queued on each other's row locks, and each wrote those rows again. Written together, a row
 * touched by several batches is written once, and only the {@code writers} groups in flight can wait on each
 * other's locks.
 *
 * <p>{@linkplain #perAccount Per account}, a group holds the batches of one account only (a batch naming several
 * accounts is written alone): on a database sharded by account (Citus) each transaction then writes one shard, a
 * single-node commit, where a group mixing accounts would be spread over several nodes and committed in two phases.
 * On one PostgreSQL the mixed groups are cheaper (fewer commits), so that is the default.
 *
 * <p>If a group fails, each of its batches is tried again alone, so that one batch's failure is its own. Not when
 * the store could not be reached ({@link StoreUnavailableException}): then the group and the batches queued behind
 * it fail at once with that exception, none of them written.
 */
public final class GroupedAppends implements UsageLedger {

    private final UsageLedger ledger;
    private final int maxEvents;
    private final int writers;
    private final boolean perAccount;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int writing;

    /**
     * @param ledger    where the batches go
     * @param maxEvents the most events one group holds (a batch larger than that is written alone)
     * @param writers   how many groups may be written at once: more than one lets one group be prepared and sent
     *                  while another waits for the database, at the price of waiting on each other's row locks
     */
    public GroupedAppends(UsageLedger ledger, int maxEvents, int writers) {
        this(ledger, maxEvents, writers, false);
    }

    private GroupedAppends(UsageLedger ledger, int maxEvents, int writers, boolean perAccount) {
        if (maxEvents < 1 || writers < 1) {
            throw new IllegalArgumentException("maxEvents and writers must be at least 1");
        }
        this.ledger = ledger;
        this.maxEvents = maxEvents;
        this.writers = writers;
        this.perAccount = perAccount;
    }

    /**
     * Group commit whose groups each hold one account's batches: every transaction writes one account's rows (and
     * a batch of several accounts is written alone, all or nothing as ever). For a database sharded by account.
     */
    public static GroupedAppends perAccount(UsageLedger ledger, int maxEvents, int writers) {
        return new GroupedAppends(ledger, maxEvents, writers, true);
    }

    @Override
    public AppendResult append(List<UsageEvent> events, AlertPlan alerts) {
        Pending mine = new Pending(events, alerts);
        boolean interrupted = false;
        try {
            synchronized (this) {
                queue.addLast(mine);
            }
            while (true) {
                List<Pending> group;
                synchronized (this) {
                    // Not done and the queue empty means it is in a group being written: wait for that one.
                    while (!mine.done && (writing >= writers || queue.isEmpty())) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            // the batch may be in the group being written: its outcome is awaited regardless
                            interrupted = true;
                        }
                    }
                    if (mine.done) {
                        return mine.outcome();
                    }
                    writing++;
                    group = takeGroup();
                }
                try {
                    write(group);
                } finally {
                    synchronized (this) {
                        writing--;
                        notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Batches waiting for a write (not counting the group being written). */
    synchronized int queued() {
        return queue.size();
    }

    /**
     * The oldest queued batch and the queued batches that may join it, in order, as many as fit in
     * {@code maxEvents}: any, or per account those of the same one account (the others stay queued in their order).
     * Holds the monitor.
     */
    private List<Pending> takeGroup() {
        Pending first = queue.pollFirst();
        List<Pending> group = new ArrayList<>(List.of(first));
        if (perAccount && first.account == null) {
            return group;
        }
        int events = first.events.size();
        for (var it = queue.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (events + next.events.size() > maxEvents) {
                break;
            }
            if (!perAccount || first.account.equals(next.account)) {
                it.remove();
                group.add(next);
                events += next.events.size();
            }
        }
        return group;
    }

    private void write(List<Pending> group) {
        try {
            // one plan for the group: each account's entry from the first of its batches (the same plan, resolved
            // a moment apart)
            AlertPlan alerts = group.stream().map(p -> p.alerts).reduce(AlertPlan.NONE, AlertPlan::with);
            List<AppendResult> results = ledger.appendAll(group.stream().map(p -> p.events).toList(), alerts);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).succeed(results.get(i));
            }
        } catch (RuntimeException | Error e) {
            if (StoreUnavailableException.in(e).isPresent()) {
                // The store was out of reach for as long as a write may wait for it. Trying each batch alone would
                // wait that long again once per batch, and the batches queued meanwhile would each wait too, for the
                // same answer; failing them now frees their requests (503, retry later) with nothing written.
                group.forEach(pending -> pending.fail(e));
                failQueued(e);
                return;
            }
            if (group.size() == 1) {
                group.get(0).fail(e);
                return;
            }
            for (Pending alone : group) {
                try {
                    alone.succeed(ledger.append(alone.events, alone.alerts));
                } catch (RuntimeException | Error again) {
                    alone.fail(again);
                }
            }
        }
    }

    /** Fails every queued batch with {@code failure}; their callers wake up when the current write ends. */
    private synchronized void failQueued(Throwable failure) {
        queue.forEach(pending -> pending.fail(failure));
        queue.clear();
    }

    @Override
    public List<AppendResult> appendAll(List<List<UsageEvent>> batches) {
        return ledger.appendAll(batches);
    }

    @Override
    public List<AppendResult> appendAll(List<List<UsageEvent>> batches, AlertPlan alerts) {
        return ledger.appendAll(batches, alerts);
    }

    /** A queued batch and, once written, its outcome; fields guarded by the enclosing instance's monitor. */
    private final class Pending {
        final List<UsageEvent> events;
        final AlertPlan alerts;
        /** The one account all the events are of, or null when they name several. */
        final String account;
        boolean done;
        private AppendResult result;
        private Throwable failure;

        Pending(List<UsageEvent> events, AlertPlan alerts) {
            this.events = events;
            this.alerts = alerts;
            String one = events.isEmpty() ? null : events.get(0).accountId();
            this.account = events.stream().allMatch(e -> e.accountId().equals(one)) ? one : null;
        }

        void succeed(AppendResult r) {
            synchronized (GroupedAppends.this) {
                result = r;
                done = true;
            }
        }

        void fail(Throwable t) {
            synchronized (GroupedAppends.this) {
                failure = t;
                done = true;
            }
        }

        AppendResult outcome() {
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            return result;
        }
    }
}

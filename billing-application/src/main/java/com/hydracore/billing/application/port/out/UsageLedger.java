package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.usage.UsageEvent;
import java.util.List;

/**
 * Where accepted usage is written: raw events, kept once per key, all or nothing per batch. What is written is read
 * back through {@link UsageSums}.
 *
 * <p>Events carry their own account. Implementations are safe for concurrent use and keep {@code occurredAt}
 * exactly to the millisecond at least and money exactly to the micro-dollar; the
 * {@code com.hydracore.billing.application.contract.UsageLedgerContract} in this module's test-jar checks all of it.
 *
 * <p>A call that cannot reach the store (no connection in time, a connection that broke) throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain, rather
 * than its own connection error: the server answers it 503 and the caller retries.
 */
public interface UsageLedger {

    /**
     * Stores a batch, all or nothing, idempotently by {@code (accountId, eventId)}: an event whose key is already
     * stored changes nothing, whatever its payload, and inside one batch the first occurrence of a key wins.
     * When this returns, the events are durable and visible to every read.
     *
     * @param events one or more valid events, possibly of several accounts
     * @return how many were new and how many were duplicates (the two add up to {@code events.size()}), and the
     *         instances of the stored events behind the batch's keys: a duplicate contributes its stored original's
     *         instance, so that a batch retried after a crash still names every instance its usage is under
     */
    default AppendResult append(List<UsageEvent> events) {
        return append(events, AlertPlan.NONE);
    }

    /**
     * {@link #append(List)}, raising in the same transaction the usage alerts the batch's new events cause under
     * {@code alerts} (see {@link #appendAll(List, AlertPlan)}).
     */
    default AppendResult append(List<UsageEvent> events, AlertPlan alerts) {
        return appendAll(List.of(events), alerts).get(0);
    }

    /**
     * Stores several batches at once, all or nothing, exactly as if each had been {@link #append appended} in
     * turn: one result per batch, in order, and a key repeated across them is new in the first batch that holds it.
     * Lets a server write the batches that arrive together in one transaction (see {@code GroupedAppends}).
     *
     * @param batches the batches, each of one or more valid events
     * @return one result per batch, in the batches' order
     */
    List<AppendResult> appendAll(List<List<UsageEvent>> batches);

    /**
     * {@link #appendAll(List)}, and in the same transaction, for every account of {@code alerts} whose new events
     * include some dated in its current period: every {@code usage.threshold_reached} those new events make true
     * for the first time in the period (used × 100 ≥ threshold × limit, summed over the period with them and
     * without them), queued in the outbox of the same storage. Exactly once per account, metric, threshold and
     * period, however many appends, threads or processes run at once: appends of one account raising alerts are
     * serialised for this step, so that two concurrent batches that cross a threshold together cannot both miss it.
     * Either the usage and its alerts are stored, or neither.
     *
     * <p>A ledger whose storage has no outbox raises nothing and may keep this default; one with an outbox must
     * override it and pass {@code com.hydracore.billing.application.contract.UsageAlertsContract}.
     */
    default List<AppendResult> appendAll(List<List<UsageEvent>> batches, AlertPlan alerts) {
        return appendAll(batches);
    }
}

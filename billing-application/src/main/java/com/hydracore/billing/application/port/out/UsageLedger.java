package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Where accepted usage is kept and summed. Aggregation lives behind this port so that a database can sum where the
 * data is; callers never load raw events.
 *
 * <p>Every method is scoped to one account, except {@link #append}, whose events carry their own account.
 * Implementations are safe for concurrent use, keep {@code occurredAt} exactly to the millisecond at least and money
 * exactly to the micro-dollar, and cut days at UTC midnight whatever the JVM's or database's time zone; the
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
        return appendAll(List.of(events)).get(0);
    }

    /**
     * Stores several batches at once, all or nothing, exactly as if each had been {@link #append appended} in
     * turn: one result per batch, in order, and a key repeated across them is new in the first batch that holds it.
     * Lets a server write the batches that arrive together in one transaction (see {@code GroupedAppends}).
     */
    List<AppendResult> appendAll(List<List<UsageEvent>> batches);

    /** Sums of the account's events with {@code occurredAt} in {@code period}. */
    UsageTotals totals(String accountId, BillingPeriod period);

    /** Sums per instance of the account's events in {@code period}; only instances with events, in any order. */
    List<InstanceUsage> byInstance(String accountId, BillingPeriod period);

    /**
     * Sums per UTC day of the account's events from {@code firstDay} to {@code lastDay} inclusive, ascending by
     * date, only days that have events.
     *
     * @param instanceId restrict to one instance, or empty for all
     */
    List<DailyUsage> daily(String accountId, LocalDate firstDay, LocalDate lastDay, Optional<String> instanceId);
}

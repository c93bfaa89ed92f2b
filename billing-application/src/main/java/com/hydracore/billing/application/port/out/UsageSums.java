package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The sums of the usage a {@link UsageLedger} holds, as the billing reads need them. Aggregation lives behind this
 * port so that a database can sum where the data is; callers never load raw events.
 *
 * <p>Every method is scoped to one account. Implementations are safe for concurrent use, sum money exactly to the
 * micro-dollar and cut days at UTC midnight whatever the JVM's or database's time zone; the
 * {@code com.hydracore.billing.application.contract.UsageSumsContract} in this module's test-jar checks all of it.
 *
 * <p>A call that cannot reach the store throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain.
 */
public interface UsageSums {

    /**
     * Sums of the account's events with {@code occurredAt} in {@code period}, and its distinct end users.
     *
     * @param accountId the account
     * @param period    whole UTC days, end exclusive
     * @return the sums; {@link UsageTotals#ZERO} when there are no events
     */
    UsageTotals totals(String accountId, BillingPeriod period);

    /**
     * Sums per instance of the account's events in {@code period}; only instances with events, in any order.
     *
     * @param accountId the account
     * @param period    whole UTC days, end exclusive
     * @return one row per instance with events, each instance once
     */
    List<InstanceUsage> byInstance(String accountId, BillingPeriod period);

    /**
     * Sums per UTC day of the account's events from {@code firstDay} to {@code lastDay} inclusive, ascending by
     * date, only days that have events.
     *
     * @param accountId  the account
     * @param firstDay   the first UTC day
     * @param lastDay    the last UTC day, inclusive
     * @param instanceId restrict to one instance, or empty for all
     * @return one row per day with events, ascending
     */
    List<DailyUsage> daily(String accountId, LocalDate firstDay, LocalDate lastDay, Optional<String> instanceId);
}

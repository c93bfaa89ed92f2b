package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.UsageGrouping;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

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

    /**
     * Sums per model of the account's events in {@code period}, token kinds included; events without a model under a
     * {@code null} model.
     *
     * @param accountId the account
     * @param period    whole UTC days, end exclusive
     * @return one row per model with events, in {@link ModelUsage#ORDER}
     */
    List<ModelUsage> byModel(String accountId, BillingPeriod period);

    /**
     * Sums per local day of a zone, the chart's and the export's one query: hands {@code rows} one row per day (and
     * group) with usage (sums not all zero: events of no tokens, requests or cost add nothing to show, and the rollups
     * keep sums, not counts of events), in {@link DayUsage#ORDER}, as they are read, so that a year of rows never sits whole in
     * memory. A day of the zone is {@code [local midnight, next local midnight)}, exact for every zone (23- and
     * 25-hour days, offsets at :30 and :45).
     *
     * @param query what to sum
     * @param rows  receives the rows, on the calling thread, before this returns
     */
    void byLocalDay(LocalDayQuery query, Consumer<DayUsage> rows);

    /**
     * What {@link #byLocalDay} sums.
     *
     * @param accountId  the account
     * @param days       the dates of the zone
     * @param zone       the zone whose days are summed
     * @param instanceId only this instance's events, or empty for all
     * @param model      only this model's events, or empty for all (events without a model are never one model's)
     * @param grouping   one row per day, or per day and instance, or per day and model
     */
    record LocalDayQuery(String accountId, DayRange days, ZoneId zone, Optional<String> instanceId,
                         Optional<String> model, UsageGrouping grouping) {

        /** Requires every part. */
        public LocalDayQuery {
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(days, "days");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(grouping, "grouping");
        }
    }
}

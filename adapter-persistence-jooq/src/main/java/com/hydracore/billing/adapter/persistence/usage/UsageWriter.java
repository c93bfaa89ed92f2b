package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.adapter.persistence.usage.UsageKeys.EventKey;
import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.util.List;
import java.util.Map;

/**
 * How one kind of database writes an append: the events it does not hold yet and exactly what they add to every
 * rollup ({@link BatchRollup}), in one transaction. One per engine, because they cannot write alike: PostgreSQL
 * arbitrates concurrent appends itself ({@code INSERT … ON CONFLICT}, {@link PostgresUsageWriter}); H2 cannot, so
 * its appends take turns and use plain statements ({@link H2UsageWriter}).
 *
 * <p>Every writer takes the tables in the same order, each table's rows in key order: events, then per distinct
 * dimension its last days and then its month rows (each the account's, then the instances'), the counts by last day
 * of every dimension, the sums last (H2, whose appends take turns, writes the sums first).
 */
interface UsageWriter {

    /**
     * Stores those of {@code candidates} not stored yet and adds exactly those to the rollups, and raises the usage
     * alerts they cause under {@code alerts} ({@link ThresholdAlerts}, last), all or nothing.
     *
     * @param candidates events with distinct keys, in key order
     * @param alerts     the accounts' periods and limits; {@link AlertPlan#NONE} raises nothing
     * @return the instance of the stored event behind each candidate that was already stored (the others were
     *         inserted)
     */
    Map<EventKey, String> write(List<UsageEvent> candidates, AlertPlan alerts);
}

package com.hydracore.billing.application.port.out;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a ledger did with a batch: how many events were new, how many it already had, and which instances the
 * batch's stored usage names.
 *
 * @param accepted   events stored by this append
 * @param duplicates events whose (account, event id) was already stored, or repeated earlier in the batch
 * @param instances  account id → the instances named by the events the ledger now holds for this batch's keys: those
 *                   of its new events, and for a duplicate those of the stored original (not the duplicate's own,
 *                   which changes nothing); what the inventory must know
 */
public record AppendResult(int accepted, int duplicates, Map<String, Set<String>> instances) {

    /** Refuses negative counts; keeps a sorted, unmodifiable copy of the instances. */
    public AppendResult {
        if (accepted < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
        TreeMap<String, Set<String>> copy = new TreeMap<>();
        instances.forEach((account, ids) -> {
            if (!ids.isEmpty()) {
                copy.put(account, Collections.unmodifiableSortedSet(new TreeSet<>(ids)));
            }
        });
        instances = Collections.unmodifiableSortedMap(copy);
    }
}

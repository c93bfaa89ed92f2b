package com.hydracore.billing.application.port.out;

/**
 * What a ledger did with a batch: how many events were new and how many it already had.
 *
 * @param accepted   events stored by this append
 * @param duplicates events whose (account, event id) was already stored, or repeated earlier in the batch
 */
public record AppendResult(int accepted, int duplicates) {

    /** Refuses negative counts. */
    public AppendResult {
        if (accepted < 0 || duplicates < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}

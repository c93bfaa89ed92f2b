package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;

/**
 * Running sums of one row: exact, failing rather than overflowing. The values in the order of
 * {@link UsageTables.SumsTable#measures}: tokens, the five token kinds, requests, cost in micro-dollars.
 */
final class Sums {

    private final long[] values = new long[8];

    // Each event is added to a row of every sums table: spelled out, not through add(long...), whose array per call
    // was a twentieth of what an append allocated.
    void add(UsageEvent e) {
        TokenBreakdown b = e.breakdown();
        values[0] = Math.addExact(values[0], e.tokens());
        values[1] = Math.addExact(values[1], b.inputTokens());
        values[2] = Math.addExact(values[2], b.outputTokens());
        values[3] = Math.addExact(values[3], b.cachedInputTokens());
        values[4] = Math.addExact(values[4], b.cacheWriteTokens());
        values[5] = Math.addExact(values[5], b.reasoningTokens());
        values[6] = Math.addExact(values[6], e.requests());
        values[7] = Math.addExact(values[7], e.cost().micros());
    }

    void add(long... more) {
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.addExact(values[i], more[i]);
        }
    }

    /** Every sum, in the measures' order; the array itself, not to be changed. */
    long[] values() {
        return values;
    }

    long tokens() {
        return values[0];
    }

    long requests() {
        return values[6];
    }

    long costMicros() {
        return values[7];
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;

/**
 * Running sums of one row: exact, failing rather than overflowing. The values in the order of
 * {@link UsageTables.SumsTable#measures}: tokens, the five token kinds, requests, cost in micro-dollars.
 */
final class Sums {

    private final long[] values = new long[8];

    void add(UsageEvent e) {
        TokenBreakdown b = e.breakdown();
        add(e.tokens(), b.inputTokens(), b.outputTokens(), b.cachedInputTokens(), b.cacheWriteTokens(),
                b.reasoningTokens(), e.requests(), e.cost().micros());
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

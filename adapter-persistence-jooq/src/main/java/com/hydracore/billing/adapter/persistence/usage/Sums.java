package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.domain.usage.UsageEvent;

/** Running sums of one row: exact, failing rather than overflowing. */
final class Sums {

    private long tokens;
    private long requests;
    private long costMicros;

    void add(UsageEvent e) {
        add(e.tokens(), e.requests(), e.cost().micros());
    }

    void add(long moreTokens, long moreRequests, long moreCostMicros) {
        tokens = Math.addExact(tokens, moreTokens);
        requests = Math.addExact(requests, moreRequests);
        costMicros = Math.addExact(costMicros, moreCostMicros);
    }

    long tokens() {
        return tokens;
    }

    long requests() {
        return requests;
    }

    long costMicros() {
        return costMicros;
    }
}

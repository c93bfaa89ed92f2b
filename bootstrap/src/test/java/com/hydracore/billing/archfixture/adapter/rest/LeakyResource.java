package com.hydracore.billing.archfixture.adapter.rest;

import com.hydracore.billing.archfixture.application.port.in.LeakyInboundPort;
import com.hydracore.billing.archfixture.application.port.out.StoreResult;

/** Deliberately broken: a REST resource that reads an outbound port's type. Only for RulesCanFailTest. */
public final class LeakyResource {

    private final LeakyInboundPort port;

    /** Calls {@code port}. */
    public LeakyResource(LeakyInboundPort port) {
        this.port = port;
    }

    /** Maps what the store answered. */
    public int post(String body) {
        StoreResult result = port.record(body);
        return result.stored();
    }
}

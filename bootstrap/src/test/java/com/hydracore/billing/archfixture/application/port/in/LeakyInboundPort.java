package com.hydracore.billing.archfixture.application.port.in;

import com.hydracore.billing.archfixture.application.port.out.StoreResult;

/** Deliberately broken: an inbound port answering an outbound port's type. Only for RulesCanFailTest. */
public interface LeakyInboundPort {

    /** Answers what the store answered, so every caller of the use case sees the store. */
    StoreResult record(String what);
}

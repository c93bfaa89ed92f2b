package com.hydracore.billing.archfixture.application.port.out;

/** What an outbound port answers. Only for RulesCanFailTest. */
public record StoreResult(int stored) {
}

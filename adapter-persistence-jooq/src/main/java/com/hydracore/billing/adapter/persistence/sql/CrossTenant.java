package com.hydracore.billing.adapter.persistence.sql;

import org.jooq.DSLContext;

/**
 * The few statements that read every account on purpose (the trial scheduler's pass looks for due trials in all
 * accounts). They run on a configuration carrying {@link #KEY}, with the reason as its value, so the tests' tenancy
 * guard lets them through by name instead of by accident. On a database distributed by account they are multi-shard
 * reads: fine for a background pass, never for a request.
 */
public final class CrossTenant {

    /** The configuration data key that marks a deliberate cross-tenant statement. */
    public static final String KEY = "hydracore.crossTenant";

    private CrossTenant() {
    }

    /** {@code dsl}, marked: statements run on the result read every account on purpose, because {@code reason}. */
    public static DSLContext scan(DSLContext dsl, String reason) {
        DSLContext marked = dsl.configuration().derive().dsl();
        marked.configuration().data(KEY, reason);
        return marked;
    }
}

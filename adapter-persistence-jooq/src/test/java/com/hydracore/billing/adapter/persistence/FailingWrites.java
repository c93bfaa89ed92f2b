package com.hydracore.billing.adapter.persistence;

import com.hydracore.billing.application.port.out.UsageLedger;
import java.util.Arrays;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;

/**
 * The contract's failure seam on a real database: a ledger over the same storage whose append fails inside the
 * store right after the raw events (including {@code eventId}) were written, so the rollback is what is tested.
 */
final class FailingWrites {

    private FailingWrites() {
    }

    static UsageLedger ledgerFailingAfterWriting(BillingDatabase database, String eventId) {
        ExecuteListener failAfterEventInsert = new ExecuteListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void executeEnd(ExecuteContext ctx) {
                String sql = ctx.sql() == null ? "" : ctx.sql().toLowerCase(java.util.Locale.ROOT);
                boolean writesEvents = sql.startsWith("insert into \"usage_event\"");
                if (writesEvents && ctx.query() != null && Arrays.asList(ctx.query().getBindValues().toArray())
                        .contains(eventId)) {
                    throw new IllegalStateException("injected failure after writing event " + eventId);
                }
            }
        };
        var configuration = database.dsl().configuration().derive(
                new DefaultExecuteListenerProvider(failAfterEventInsert), new DefaultExecuteListenerProvider(
                        new TenantPredicateGuard()));
        return new JooqUsageLedger(configuration.dsl());
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.adapter.persistence.database.TestDatabases;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;

import com.hydracore.billing.application.port.out.UsageLedger;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.QOM;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.database.BillingDatabase;

/**
 * The contract's failure seam on a real database: a ledger over the same storage whose append fails from inside the
 * store right after the statement writing the raw event {@code eventId} (and the rest of the batch) has run, so
 * what is tested is the database's rollback, not a check before writing.
 */
final class FailingWrites {

    private FailingWrites() {
    }

    // Rows arrive one bind value per column (VALUES) or one array per column (PostgreSQL's unnest).
    private static boolean writes(java.util.List<Object> binds, String eventId) {
        return binds.stream().anyMatch(v -> eventId.equals(v)
                || (v instanceof Object[] values && java.util.Arrays.asList(values).contains(eventId)));
    }

    static UsageLedger ledgerFailingAfterWriting(BillingDatabase database, String eventId) {
        ExecuteListener failAfterEventInsert = new ExecuteListener() {
            private static final long serialVersionUID = 1L;

            @Override
            public void executeEnd(ExecuteContext ctx) {
                // Judged on the query object: on H2 the SQL is a MERGE inside SELECT … FROM FINAL TABLE.
                if (ctx.query() instanceof QOM.Insert<?> insert && insert.$into().equals(USAGE_EVENT)
                        && writes(insert.getBindValues(), eventId)) {
                    throw new IllegalStateException("injected failure after writing event " + eventId);
                }
            }
        };
        var dsl = TestDatabases.dsl(database).configuration().derive(
                new DefaultExecuteListenerProvider(new StatementGuards()),
                new DefaultExecuteListenerProvider(failAfterEventInsert)).dsl();
        return TestDatabases.appendLock(database).map(turns -> JooqUsageLedger.h2(dsl, turns))
                .orElseGet(() -> JooqUsageLedger.postgres(dsl));
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.application.contract.AppendAssertions.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jooq.impl.DSL.constraint;

import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.QOM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.postgresql.PGConnection;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.TestPostgres;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.database.BillingDatabase;

/** A batch that fails half-way, for a database reason, leaves nothing behind, and can be sent again. */
class FailureIT {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBatchViolatingAConstraintHalfWayLeavesNothingBehind(Kind kind) {
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards())) {
            // A rule only this test's database has: the raw events insert fine, the rollup of one of them does not.
            TestDatabases.unguarded(db).alterTable(USAGE_DAILY)
                    .add(constraint("test_no_poison").check(USAGE_DAILY.INSTANCE_ID.ne("poison"))).execute();
            db.ledger().append(List.of(event("acme", "old").tokens(1).build()));
            List<UsageEvent> batch = List.of(event("acme", "n1").tokens(10).build(),
                    event("globex", "n1").tokens(20).endUser("u1").build(),
                    event("acme", "n2").instance("poison").tokens(40).build(),
                    event("acme", "old").tokens(1000).build());

            DataAccessException e = assertThrows(DataAccessException.class, () -> db.ledger().append(batch));

            assertTrue(e.sqlState().startsWith("23"), "an integrity constraint violation: " + e.sqlState());
            assertNothingOfTheBatchStored(db);
            List<UsageEvent> withoutPoison = batch.stream().filter(ev -> !ev.instanceId().equals("poison")).toList();
            assertCounts(2, 1, db.ledger().append(withoutPoison));
            assertEquals(11, db.usageSums().totals("acme", MARCH).tokens());
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), "acme");
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), "globex");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aConnectionDroppedMidBatchLeavesNothingBehindAndTheRetrySucceeds(Kind kind) {
        ConnectionKiller killer = new ConnectionKiller(kind);
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), killer)) {
            db.ledger().append(List.of(event("acme", "old").tokens(1).build()));
            List<UsageEvent> batch = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                batch.add(event(i % 2 == 0 ? "acme" : "globex", "n" + i).instance("inst-" + (i % 7))
                        .endUser("u" + (i % 11)).build());
            }
            batch.add(event("acme", "old").tokens(1000).build());

            killer.arm();
            StoreUnavailableException e = assertThrows(StoreUnavailableException.class,
                    () -> db.ledger().append(batch), "a broken connection is an outage to the caller");
            assertTrue(e.getCause() instanceof DataAccessException, "the driver's failure is kept as the cause");

            assertTrue(killer.killed(), "the connection was dropped after the events were written");
            assertNothingOfTheBatchStored(db);
            assertCounts(500, 1, db.ledger().append(batch), "the retry is accepted whole");
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), "acme");
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), "globex");
            assertTrue(db.isReachable());
        }
    }

    private static void assertNothingOfTheBatchStored(BillingDatabase db) {
        assertEquals(1, Reconciliation.rawEvents(TestDatabases.dsl(db), "acme").size(), "only the event stored before");
        assertEquals(List.of(), Reconciliation.rawEvents(TestDatabases.dsl(db), "globex"));
        assertEquals(1, db.usageSums().totals("acme", MARCH).tokens());
        assertEquals(UsageTotals.ZERO, db.usageSums().totals("globex", MARCH));
        Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), "acme");
    }

    /**
     * Drops the database connection under the append, once armed: right before the daily sums are written (the
     * append's last statement), i.e. after the raw events and the end users' days went in. On PostgreSQL the server ends the session ({@code pg_terminate_backend}, waiting until
     * it is gone); on H2 the physical connection is closed under the pool.
     */
    private static final class ConnectionKiller implements ExecuteListener {
        private static final long serialVersionUID = 1L;

        private final Kind kind;
        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicBoolean killed = new AtomicBoolean();

        ConnectionKiller(Kind kind) {
            this.kind = kind;
        }

        void arm() {
            armed.set(true);
        }

        boolean killed() {
            return killed.get();
        }

        @Override
        public void executeStart(ExecuteContext ctx) {
            if (!(ctx.query() instanceof QOM.Insert<?> insert && insert.$into().equals(USAGE_DAILY))
                    || !armed.compareAndSet(true, false)) {
                return;
            }
            try {
                Connection connection = ctx.connection();
                if (kind == Kind.POSTGRES) {
                    int pid = connection.unwrap(PGConnection.class).getBackendPID();
                    TestPostgres.admin("SELECT pg_terminate_backend(" + pid + ", 10000)");
                } else {
                    connection.unwrap(org.h2.jdbc.JdbcConnection.class).close();
                }
                killed.set(true);
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop the connection", e);
            }
            assertFalse(armed.get());
        }
    }
}

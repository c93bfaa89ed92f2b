package com.hydracore.billing.adapter.persistence.quota;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATIONS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATION_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_ACCOUNT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_RESERVATION;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_CONVERSATION;
import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.sql.StatementLog;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.application.port.out.QuotaHolds.Usage;
import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.quota.ReservationRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the quota read and a hold cost the database, on PostgreSQL and on H2. A read's statement goes through jOOQ,
 * and so through the log, on its first run only (see RenderedReads); each later run sends the same one statement.
 */
class QuotaStatementsIT {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final QuotaHolds.Terms SOFT = new QuotaHolds.Terms(MARCH, new PlanLimits(1000, 100, 2, 1, 25),
            LimitPolicy.SOFT);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theQuotaReadIsOneStatementForUsageInstancesAndLiveHolds(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.ledger().append(List.of(event("acme", "e1").tokens(40).conversation("c1").build(),
                    event("acme", "e2").tokens(2).conversation("c2").build()));
            db.inventory().saveInstance(Instance.discovered("acme", "inst-1"));
            db.inventory().saveInstance(new Instance("acme", "inst-2", "two", InstanceStatus.STOPPED));
            QuotaHolds holds = db.quotaHolds();
            holds.hold("acme", ReservationRequest.of("r1", 100L, 3L, "c1", 60L), SOFT, NOW);
            holds.hold("acme", ReservationRequest.of("r2", 5L, null, "c3", 60L), SOFT, NOW);

            log.clear();
            Usage usage = holds.usage("acme", MARCH, NOW);
            assertEquals(new Usage(new QuotaUsage(42, 2, 2, 1), new LiveHolds(105, 4, 1)), usage);
            assertEquals(1, log.count(), "one statement, one round trip, one borrowed connection");
            assertEquals(StatementLog.names(USAGE_ACCOUNT_DAILY, CONVERSATIONS_BY_LAST_DAY, QUOTA_RESERVATION,
                    CONVERSATION_LAST_DAY, INSTANCE), log.tables());

            log.clear();
            assertEquals(usage, holds.usage("acme", MARCH, NOW));
            assertEquals(0, log.count(), "rendered once: later runs go over JDBC with the kept SQL");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aConversationSeenPastThePeriodsEndCostsTheReadOneMoreStatement(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.ledger().append(List.of(event("acme", "e1").conversation("c1").build(),
                    event("acme", "e2").conversation("c1").at("2026-04-01T00:02:00Z").build()));

            log.clear();
            assertEquals(new QuotaUsage(10, 1, 1, 0), db.quotaHolds().usage("acme", MARCH, NOW).used());
            assertEquals(2, log.count());
            assertEquals(StatementLog.names(USAGE_ACCOUNT_DAILY, CONVERSATIONS_BY_LAST_DAY, QUOTA_RESERVATION,
                    CONVERSATION_LAST_DAY, INSTANCE, USAGE_MONTH_CONVERSATION), log.tables());
        }
    }

    /**
     * A hold is three statements in its transaction, whatever it names: the lock, one read of everything the decision
     * needs, and the insert (or, for an id already stored, the stored reservation); with the commit, four round trips.
     * Each shape's first run is logged (see the class comment), so each case uses a shape first.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aHoldIsTheLockOneReadAndTheInsert(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.ledger().append(List.of(event("acme", "e1").conversation("c1").build()));
            QuotaHolds holds = db.quotaHolds();

            log.clear();
            assertInstanceOf(QuotaHolds.Created.class,
                    holds.hold("acme", ReservationRequest.of("r1", 1L, null, "c2", 60L), SOFT, NOW));
            assertEquals(3, log.count(), "lock, read, insert");
            assertEquals(StatementLog.names(QUOTA_ACCOUNT, USAGE_ACCOUNT_DAILY, CONVERSATIONS_BY_LAST_DAY,
                    QUOTA_RESERVATION, CONVERSATION_LAST_DAY), log.tables());

            log.clear();
            assertInstanceOf(QuotaHolds.Created.class,
                    holds.hold("acme", ReservationRequest.of("r2", 1L, null, null, 60L), SOFT, NOW));
            assertEquals(3, log.count(), "without a conversation: lock, read, insert");

            log.clear();
            assertInstanceOf(QuotaHolds.Existing.class,
                    holds.hold("acme", ReservationRequest.of("r1", 5L, null, "c2", 60L), SOFT, NOW));
            assertEquals(1 + 1, log.count(), "lock, the stored reservation (the read is rendered by now)");
            assertEquals(new LiveHolds(2, 2, 1), holds.usage("acme", MARCH, NOW).live());
        }
    }
}

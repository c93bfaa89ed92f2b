package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATIONS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MODEL_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_INSTANCE_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOST_NODE;
import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.sql.StatementLog;
import com.hydracore.billing.application.port.out.BillingPageReads;
import com.hydracore.billing.application.port.out.BillingPageReads.OverviewUsage;
import com.hydracore.billing.application.port.out.BillingPageReads.PeriodUsage;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the billing page's usage reads cost the database, on PostgreSQL and on H2: one statement each (a read goes
 * through jOOQ, and so through the log, on its first run only; see RenderedReads), one more to the month rows only
 * when the distinct-counting rule does not hold.
 */
class PageReadsStatementsIT {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theBreakdownAndTheOverviewAreOneStatementEach(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.ledger().append(List.of(event("acme", "e1").instance("inst-1").endUser("u1").model("gpt-4o").build(),
                    event("acme", "e2").instance("inst-2").endUser("u2").conversation("c1").build()));
            db.inventory().saveInstance(Instance.discovered("acme", "inst-1"));
            BillingPageReads reads = db.pageReads();

            Set<String> versioned = kind == Kind.POSTGRES ? StatementLog.names(WEBHOST_NODE) : Set.of();
            log.clear();
            PeriodUsage usage = reads.breakdown("acme", MARCH);
            assertEquals(2, usage.totals().uniqueEndUsers());
            assertEquals(1, log.count(), "one statement, one round trip, one borrowed connection, one snapshot");
            assertEquals(union(StatementLog.names(USAGE_ACCOUNT_DAILY, END_USERS_BY_LAST_DAY,
                    CONVERSATIONS_BY_LAST_DAY, USAGE_DAILY, INSTANCE_END_USERS_BY_LAST_DAY, USAGE_MODEL_DAILY,
                    INSTANCE), versioned), log.tables(), "the page's parts (and on PostgreSQL its rows' versions)");
            log.clear();
            assertEquals(usage, reads.breakdown("acme", MARCH));
            if (kind == Kind.POSTGRES) {
                assertEquals(StatementLog.names(USAGE_ACCOUNT_DAILY, INSTANCE, WEBHOST_NODE), log.tables(),
                        "nothing written since: only the versions of the page's rows are read (RowVersions)");
            } else {
                assertEquals(0, log.count(), "rendered once: later runs go over JDBC with the kept SQL");
            }
            log.clear();
            assertEquals(usage, reads.breakdown("acme", MARCH));
            assertEquals(0, log.count(), "rendered once: later runs go over JDBC with the kept SQL");

            log.clear();
            OverviewUsage overview = reads.overview("acme", MARCH);
            assertEquals(1, overview.inventory().activeInstances());
            assertEquals(1, log.count(), "one statement");
            assertEquals(StatementLog.names(USAGE_ACCOUNT_DAILY, END_USERS_BY_LAST_DAY, CONVERSATIONS_BY_LAST_DAY,
                    INSTANCE, WEBHOST_NODE), log.tables());
            log.clear();
            assertEquals(overview, reads.overview("acme", MARCH));
            assertEquals(0, log.count(), "kept (PostgreSQL: its versions read, as rendered above) or rendered once");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void usersSeenPastThePeriodsEndCostTheBreakdownTheMonthRows(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.ledger().append(List.of(event("acme", "e1").endUser("u1").build(),
                    event("acme", "e2").endUser("u1").at("2026-04-01T00:02:00Z").build()));

            log.clear();
            PeriodUsage usage = db.pageReads().breakdown("acme", MARCH);
            assertEquals(1, usage.totals().uniqueEndUsers());
            assertEquals(1, usage.byInstance().get(0).totals().uniqueEndUsers());
            Set<String> versioned = kind == Kind.POSTGRES ? StatementLog.names(WEBHOST_NODE) : Set.of();
            assertEquals(union(StatementLog.names(USAGE_ACCOUNT_DAILY, END_USERS_BY_LAST_DAY,
                    CONVERSATIONS_BY_LAST_DAY, USAGE_DAILY, INSTANCE_END_USERS_BY_LAST_DAY, USAGE_MODEL_DAILY, INSTANCE,
                    USAGE_MONTH_END_USER, USAGE_MONTH_INSTANCE_END_USER, END_USER_LAST_DAY, INSTANCE_END_USER_LAST_DAY),
                    versioned), log.tables(), "the month rows, per account and per instance, with the last-day rows"
                    + " that hold each id's latest month (V9)");
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}

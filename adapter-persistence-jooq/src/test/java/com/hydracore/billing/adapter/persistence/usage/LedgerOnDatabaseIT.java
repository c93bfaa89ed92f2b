package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATIONS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USERS_BY_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE_END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAY_BLOCK;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_INSTANCE_QUARTER_HOUR;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MODEL_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MODEL_QUARTER_HOUR;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_END_USER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_MONTH_INSTANCE_END_USER;
import static com.hydracore.billing.application.contract.AppendAssertions.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.usage.DailyUsage;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.sql.StatementLog;
import com.hydracore.billing.adapter.persistence.database.BillingDatabase;

/** What the ledger costs the database, and what it keeps exactly, on PostgreSQL and on H2. */
class LedgerOnDatabaseIT {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));

    private final String run = UUID.randomUUID().toString();

    /**
     * PostgreSQL: a router reports the same users all day; once this process has committed a user's day, more events
     * of that user on that day need no end-user statement, and a new day of a known user does.
     */
    @Test
    void endUsersAlreadyKnownToHoldTheirDayAreNotWrittenAgain() {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(Kind.POSTGRES).open(new StatementGuards(), log)) {
            Instant morning = Instant.parse("2026-03-02T08:00:00Z");
            db.ledger().append(List.of(event("acme", "e1").at(morning).endUser("ann").build(),
                    event("acme", "e2").at(morning).instance("inst-2").endUser("bob").build()));

            log.clear();
            db.ledger().append(List.of(event("acme", "e3").at(morning.plusSeconds(60)).endUser("ann").build(),
                    event("acme", "e4").at(morning.plusSeconds(60)).instance("inst-2").endUser("bob").build()));
            assertEquals(StatementLog.names(USAGE_EVENT, USAGE_DAILY, USAGE_ACCOUNT_DAILY, USAGE_MODEL_DAILY,
                    USAGE_MODEL_QUARTER_HOUR, USAGE_INSTANCE_QUARTER_HOUR, USAGE_DAY_BLOCK), log.tables(),
                    "same users, same day");

            log.clear();
            db.ledger().append(List.of(event("acme", "e5").at(morning.plus(Duration.ofDays(1))).endUser("ann").build()));
            assertEquals(StatementLog.names(USAGE_EVENT, USAGE_DAILY, USAGE_ACCOUNT_DAILY, USAGE_MODEL_DAILY,
                    USAGE_DAY_BLOCK, USAGE_MODEL_QUARTER_HOUR, USAGE_INSTANCE_QUARTER_HOUR, END_USER_LAST_DAY,
                    INSTANCE_END_USER_LAST_DAY, END_USERS_BY_LAST_DAY, INSTANCE_END_USERS_BY_LAST_DAY), log.tables(),
                    "a known user on a new day of the same month: its last-day rows hold the month's days");

            log.clear();
            db.ledger().append(List.of(event("acme", "e6").at("2026-04-01T08:00:00Z").endUser("ann").build()));
            assertTrue(log.tables().containsAll(StatementLog.names(USAGE_MONTH_END_USER,
                    USAGE_MONTH_INSTANCE_END_USER)), "ann's March goes to the month rows as she moves to April: "
                    + log.tables());

            BillingPeriod secondOfMarch = BillingPeriod.ofDays(LocalDate.parse("2026-03-02"),
                    LocalDate.parse("2026-03-03"));
            BillingPeriod thirdOfMarch = BillingPeriod.ofDays(LocalDate.parse("2026-03-03"),
                    LocalDate.parse("2026-03-04"));
            assertEquals(2, db.usageSums().totals("acme", secondOfMarch).uniqueEndUsers());
            assertEquals(1, db.usageSums().totals("acme", thirdOfMarch).uniqueEndUsers());
            assertEquals(2, db.usageSums().totals("acme", MARCH).uniqueEndUsers(), "counted over the months");
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), "acme");
        }
    }

    /**
     * PostgreSQL: events, the sums tables, end users' last days per account and per instance (which hold the days
     * of their month: a batch within one month writes no month rows) and the counts per last day, one statement
     * each; for a batch of duplicates, a read of the originals' instances after the insert that stored nothing. H2
     * (appends take turns, no native upsert): one insert of the new events, and per account: look up its stored
     * event ids; then for each rollup table written, read, delete and re-insert the rows the batch touches.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aThousandEventBatchIsAHandfulOfStatementsHoweverManyDaysInstancesAndUsersItSpans(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            List<UsageEvent> batch = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                batch.add(event(i % 3 == 0 ? "acme" : "globex", "e" + i).instance("inst-" + (i % 10))
                        .at(Instant.parse("2026-03-01T00:00:00Z").plusSeconds(i * 2591L))
                        .endUser("user-" + (i % 37)).build());
            }

            log.clear();
            assertCounts(1000, 0, db.ledger().append(batch));
            int accounts = 2;
            // events, per end-user scope its last days and counts (one month: no month rows), six sums tables
            // (H2: per account, a lookup and three statements per table written, the day blocks per chunk of rows:
            // an event is in up to 8 blocks, so globex's take two)
            int blockChunks = BatchRollup.byAccount(BatchRollup.of(batch).sums(UsageTables.DAY_BLOCKS),
                    UsageKeys.SumsKey::accountId).values().stream()
                    .mapToInt(rows -> (rows.size() + H2UsageWriter.ROWS_PER_STATEMENT - 1)
                            / H2UsageWriter.ROWS_PER_STATEMENT).sum();
            assertEquals(kind == Kind.POSTGRES ? 11 : 1 + 28 * accounts + 3 * blockChunks, log.count(),
                    "statements for 1000 events");
            assertEquals(StatementLog.names(USAGE_EVENT, USAGE_DAILY, USAGE_ACCOUNT_DAILY, USAGE_MODEL_DAILY,
                    USAGE_DAY_BLOCK, USAGE_MODEL_QUARTER_HOUR, USAGE_INSTANCE_QUARTER_HOUR, END_USER_LAST_DAY,
                    INSTANCE_END_USER_LAST_DAY, END_USERS_BY_LAST_DAY, INSTANCE_END_USERS_BY_LAST_DAY), log.tables());

            log.clear();
            AppendResult again = db.ledger().append(batch);
            assertCounts(0, 1000, again);
            assertEquals(kind == Kind.POSTGRES ? 2 : accounts, log.count(),
                    "a batch of duplicates only looks up events (PostgreSQL: tries to insert, then reads the originals)");
            Set<String> tenInstances = IntStream.range(0, 10).mapToObj(i -> "inst-" + i).collect(Collectors.toSet());
            assertEquals(Map.of("acme", tenInstances, "globex", tenInstances), again.instances(),
                    "the stored originals' instances");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void readsSumTheRollupsAndNeverTheRawEvents(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.ledger().append(List.of(event("acme", "e1").endUser("u1").build(),
                    event("acme", "e2").instance("inst-2").build()));

            log.clear();
            db.usageSums().totals("acme", MARCH);
            db.usageSums().byInstance("acme", MARCH);
            db.usageSums().daily("acme", MARCH.firstDay(), MARCH.endDay().minusDays(1), Optional.empty());
            db.usageSums().daily("acme", MARCH.firstDay(), MARCH.endDay().minusDays(1), Optional.of("inst-2"));

            assertEquals(StatementLog.names(USAGE_ACCOUNT_DAILY, USAGE_DAILY, END_USERS_BY_LAST_DAY,
                    INSTANCE_END_USERS_BY_LAST_DAY, CONVERSATIONS_BY_LAST_DAY), log.tables(),
                    "no user (or conversation) seen after March: they are counted by last day");
            assertTrue(log.count() <= 6, "a handful of statements: " + log.count());
        }
    }

    /**
     * A period some user was seen after (a past one, or the current one once an event a few minutes ahead crossed
     * its end) cannot be counted by last day; it is counted from the month rows, and both ways give the same users.
     * (A shape's statement goes through jOOQ, and so through the log, on its first use only: see RenderedReads.)
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPeriodSomeUserWasSeenAfterIsCountedFromTheMonthRows(Kind kind) {
        StatementLog log = new StatementLog();
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards(), log)) {
            db.ledger().append(List.of(event("acme", "e1").at("2026-03-10T10:00:00Z").endUser("ann").build(),
                    event("acme", "e2").at("2026-03-20T10:00:00Z").endUser("bob").build(),
                    event("acme", "e3").at("2026-04-02T10:00:00Z").instance("inst-2").endUser("ann").build()));

            log.clear();
            BillingPeriod midMarchToMidApril = BillingPeriod.ofDays(LocalDate.parse("2026-03-15"),
                    LocalDate.parse("2026-04-15"));
            assertEquals(2, db.usageSums().totals("acme", midMarchToMidApril).uniqueEndUsers());
            assertEquals(Map.of("inst-1", 1L, "inst-2", 1L), usersByInstance(db, midMarchToMidApril),
                    "ann's last day on inst-1 is before the period");
            assertEquals(StatementLog.names(USAGE_ACCOUNT_DAILY, USAGE_DAILY, END_USERS_BY_LAST_DAY,
                    INSTANCE_END_USERS_BY_LAST_DAY, CONVERSATIONS_BY_LAST_DAY), log.tables(),
                    "nobody was seen after mid-April");

            log.clear();
            assertEquals(2, db.usageSums().totals("acme", MARCH).uniqueEndUsers());
            assertEquals(Map.of("inst-1", 2L), usersByInstance(db, MARCH));
            assertTrue(log.tables().containsAll(StatementLog.names(USAGE_MONTH_END_USER,
                    USAGE_MONTH_INSTANCE_END_USER)), "ann was seen after March: " + log.tables());
        }
    }

    private static Map<String, Long> usersByInstance(BillingDatabase db, BillingPeriod period) {
        return db.usageSums().byInstance("acme", period).stream()
                .collect(Collectors.toMap(i -> i.instanceId(), i -> i.totals().uniqueEndUsers()));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void lateEventsAddToTheRollupOfTheirOwnDay(Kind kind) {
        BillingDatabase db = TestDatabases.shared(kind);
        String acme = "acme-" + run;
        db.ledger().append(List.of(event(acme, "today").at("2026-03-30T10:00:00Z").tokens(1).endUser("u1").build()));

        AppendResult late = db.ledger().append(List.of(
                event(acme, "late-1").at("2026-03-02T23:59:59.999Z").tokens(2).endUser("u1").build(),
                event(acme, "late-2").at("2026-03-30T23:00:00Z").tokens(4).endUser("u2").build(),
                event(acme, "today").at("2026-03-03T00:00:00Z").tokens(1000).build()));

        assertCounts(2, 1, late);
        assertEquals(List.of(new DailyUsage(LocalDate.parse("2026-03-02"), 2, 1, Money.parse("0.01")),
                        new DailyUsage(LocalDate.parse("2026-03-30"), 5, 2, Money.parse("0.02"))),
                db.usageSums().daily(acme, MARCH.firstDay(), LocalDate.parse("2026-03-31"), Optional.empty()));
        assertEquals(2, db.usageSums().totals(acme, MARCH).uniqueEndUsers());
        Reconciliation.assertRollupsMatchRawEvents(TestDatabases.dsl(db), acme);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void instantsRoundTripToTheMicrosecondWhateverTheirEraAndZone(Kind kind) {
        BillingDatabase db = TestDatabases.shared(kind);
        String acme = "acme-" + run;
        Subscription stored = new Subscription("sub-1", acme, "pro", Instant.parse("1969-12-31T23:59:59.999999Z"),
                Instant.parse("2026-03-29T01:30:00.123456Z"), Instant.parse("2026-10-25T00:59:59.001Z"),
                Instant.parse("2099-12-31T23:59:59Z"), Instant.parse("2026-03-10T12:00:00.000001Z"), true);

        db.subscriptions().save(stored);

        assertEquals(Optional.of(stored), db.subscriptions().find(acme, "sub-1"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void nanosecondsBeyondTheMicrosecondAreDroppedTheSameWayOnBothEngines(Kind kind) {
        BillingDatabase db = TestDatabases.shared(kind);
        String acme = "acme-" + run;
        Instant withNanos = Instant.parse("2026-03-10T12:00:00.123456789Z");
        db.subscriptions().save(new Subscription("sub-n", acme, "pro", withNanos, null, null, null, null, false));

        assertEquals(Instant.parse("2026-03-10T12:00:00.123456Z"),
                db.subscriptions().find(acme, "sub-n").orElseThrow().startedAt());
    }
}

package com.hydracore.billing.adapter.persistence.database;

import static com.hydracore.billing.application.contract.AppendAssertions.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.persistence.database.TestDatabases.Fresh;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.usage.Reconciliation;
import com.hydracore.billing.adapter.persistence.usage.TestEvents;

/** Opening a database: migrations, restarts, what it says about itself, and how it fails. */
class OpeningIT {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFreshDatabaseMigratesToTheLatestVersionAndASecondOpenIsANoOp(Kind kind) {
        Fresh fresh = TestDatabases.fresh(kind);

        try (BillingDatabase first = fresh.open()) {
            assertTrue(first.migrationsApplied() > 0, "the first open migrates");
        }
        MigrationInfoService afterFirst = flywayInfo(fresh.settings());
        assertEquals(0, afterFirst.pending().length, "nothing left to apply");
        MigrationInfo latest = Arrays.stream(afterFirst.all())
                .max(Comparator.comparing(MigrationInfo::getVersion)).orElseThrow();
        assertEquals(latest.getVersion(), afterFirst.current().getVersion(), "at the latest version");

        try (BillingDatabase second = fresh.open()) {
            assertEquals(0, second.migrationsApplied(), "the second open applies nothing");
        }
        assertEquals(afterFirst.applied().length, flywayInfo(fresh.settings()).applied().length);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everythingSavedSurvivesClosingAndReopening(Kind kind) {
        Fresh fresh = TestDatabases.fresh(kind);
        Tier pro = new Tier("pro", "pro", "Agents", "Pro", 2900, BillingCycle.MONTHLY, 14,
                new PlanLimits(1_000_000, 50_000, 5_000, 3, 25));
        Subscription subscription = Subscription.start("sub-1", "acme", pro, 14,
                Instant.parse("2026-03-01T09:30:00.123Z"));
        Instance instance = new Instance("acme", "inst-1", "Support bot", InstanceStatus.STOPPED);
        WebhostNode node = new WebhostNode("acme", "node-1", 12);

        try (BillingDatabase db = fresh.open(new StatementGuards())) {
            db.catalog().save(pro);
            db.subscriptions().save(subscription);
            db.inventory().saveInstance(instance);
            db.inventory().saveNode(node);
            assertCounts(2, 0, db.ledger().append(List.of(
                    TestEvents.event("acme", "e1").tokens(100).endUser("u1").build(),
                    TestEvents.event("acme", "e2").tokens(20).costMicros(1).build())));
        }

        try (BillingDatabase db = fresh.open(new StatementGuards())) {
            assertEquals(Optional.of(pro), db.catalog().find("pro"));
            assertEquals(List.of(subscription), db.subscriptions().forAccount("acme"));
            assertEquals(List.of(instance), db.inventory().instances("acme"));
            assertEquals(List.of(node), db.inventory().nodes("acme"));
            assertEquals(new UsageTotals(120, 2, Money.ofMicros(10_001), 1), db.usageSums().totals("acme", MARCH));
            assertCounts(0, 1, db.ledger().append(List.of(
                    TestEvents.event("acme", "e1").tokens(999).build())), "still a duplicate after the restart");
        }
    }

    /**
     * A database written by version 1 of the schema, which kept end users per day and instance, keeps every unique
     * end user when it is upgraded to per-month rows: same counts for any period, and rows equal to what the raw
     * events give; the conversations of its events are counted from V7 on.
     */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void upgradingFromOneRowPerDayAndInstanceKeepsEveryUniqueEndUser(Kind kind) throws SQLException {
        Fresh fresh = TestDatabases.fresh(kind);
        DatabaseSettings settings = fresh.settings();
        Flyway.configure().dataSource(settings.effectiveUrl(), settings.user(), settings.password())
                .locations(Migrations.LOCATION).target("1").load().migrate();
        // as version 1 stored them: u1 on 2 and 31 March on two instances, u2 on 1 April, u3 on 28 February
        String[][] events = {
                {"e1", "inst-1", "2026-03-02", "u1"}, {"e2", "inst-2", "2026-03-02", "u1"},
                {"e3", "inst-1", "2026-03-31", "u1"}, {"e4", "inst-1", "2026-04-01", "u2"},
                {"e5", "inst-2", "2026-02-28", "u3"}, {"e6", "inst-2", "2026-03-31", null}};
        try (Connection c = DriverManager.getConnection(settings.effectiveUrl(), settings.user(),
                settings.password())) {
            for (String[] e : events) {
                execute(c, "INSERT INTO usage_event (account_id, event_id, instance_id, occurred_at, tokens, requests,"
                        + " cost_micros, end_user_id, conversation_id) VALUES ('acme', ?, ?,"
                        + " CAST(? AS TIMESTAMP WITH TIME ZONE), 1, 1, 0, ?, ?)", e[0], e[1], e[2] + " 23:30:00+00",
                        e[3], e[3] == null ? null : "conv-" + e[3]);
                execute(c, "INSERT INTO usage_daily (account_id, usage_day, instance_id, tokens, requests, cost_micros)"
                        + " VALUES ('acme', CAST(? AS DATE), ?, 1, 1, 0)", e[2], e[1]);
                if (e[3] != null) {
                    execute(c, "INSERT INTO usage_daily_end_user (account_id, usage_day, instance_id, end_user_id)"
                            + " VALUES ('acme', CAST(? AS DATE), ?, ?)", e[2], e[1], e[3]);
                }
            }
        }

        try (BillingDatabase db = fresh.open(new StatementGuards())) {
            assertEquals(9, db.migrationsApplied(), "versions 2 to 10 applied on top of version 1");
            Reconciliation.assertRollupsMatchRawEvents(db.dsl(), "acme");
            assertEquals(1, db.usageSums().totals("acme", MARCH).uniqueEndUsers());
            assertEquals(2, db.usageSums().totals("acme", BillingPeriod.ofDays(LocalDate.parse("2026-03-31"),
                    LocalDate.parse("2026-04-02"))).uniqueEndUsers());
            assertEquals(3, db.usageSums().totals("acme", BillingPeriod.ofDays(LocalDate.parse("2026-02-28"),
                    LocalDate.parse("2026-04-02"))).uniqueEndUsers());
            assertEquals(List.of(1L, 1L), db.usageSums().byInstance("acme", MARCH).stream()
                    .map(i -> i.totals().uniqueEndUsers()).toList());
            // V7 carries the stored events' conversations over, by their UTC day (23:30Z is another day east of UTC)
            assertEquals(1, db.usageSums().totals("acme", MARCH).uniqueConversations());
            assertEquals(2, db.usageSums().totals("acme", BillingPeriod.ofDays(LocalDate.parse("2026-03-31"),
                    LocalDate.parse("2026-04-02"))).uniqueConversations());
            assertEquals(3, db.usageSums().totals("acme", BillingPeriod.ofDays(LocalDate.parse("2026-02-28"),
                    LocalDate.parse("2026-04-02"))).uniqueConversations());

            // appends after the upgrade start from the last-day rows V9 filled: u1 moves on from March, u2 is seen
            // again in April, u3 late in February
            db.ledger().append(List.of(
                    TestEvents.event("acme", "n1").at("2026-04-03T10:00:00Z").endUser("u1").conversation("conv-u1")
                            .build(),
                    TestEvents.event("acme", "n2").at("2026-04-02T10:00:00Z").endUser("u2").conversation("conv-u2")
                            .build(),
                    TestEvents.event("acme", "n3").instance("inst-2").at("2026-02-10T10:00:00Z").endUser("u3")
                            .conversation("conv-u3").build()));
            Reconciliation.assertRollupsMatchRawEvents(db.dsl(), "acme");
            assertEquals(1, db.usageSums().totals("acme", MARCH).uniqueEndUsers());
            assertEquals(3, db.usageSums().totals("acme", BillingPeriod.ofDays(LocalDate.parse("2026-02-01"),
                    LocalDate.parse("2026-04-04"))).uniqueEndUsers());
            assertEquals(2, db.usageSums().totals("acme", BillingPeriod.ofDays(LocalDate.parse("2026-04-01"),
                    LocalDate.parse("2026-05-01"))).uniqueConversations());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anOpenDatabaseIsReachableAndDescribesItselfWithoutItsPassword(Kind kind) {
        Fresh fresh = TestDatabases.fresh(kind);
        BillingDatabase db = fresh.open();

        assertTrue(db.isReachable());
        PoolStats stats = db.poolStats();
        assertTrue(stats.total() >= 1 && stats.total() <= TestDatabases.POOL_SIZE, stats.toString());
        assertEquals(0, stats.active(), "no connection is kept borrowed: " + stats);
        String description = db.description();
        if (kind == Kind.POSTGRES) {
            assertTrue(description.startsWith("PostgreSQL jdbc:postgresql://"), description);
        } else {
            assertEquals("embedded H2 in " + fresh.settings().dataDir(), description);
        }

        db.close();
        assertFalse(db.isReachable(), "a closed database is not ready");
        assertEquals(new PoolStats(0, 0, 0, 0), db.poolStats());
    }

    @Test
    void anUnreachableServerFailsWithinTheTimeoutWithOneLineSayingWhere() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://127.0.0.1:1/billing", "postgres",
                "s3cret", Path.of("unused"), 2, Duration.ofSeconds(2));

        DatabaseUnavailableException e = assertTimeoutPreemptively(Duration.ofSeconds(15),
                () -> assertThrows(DatabaseUnavailableException.class, () -> BillingDatabase.open(settings)));

        assertOneLine(e);
        assertTrue(e.getMessage().contains("jdbc:postgresql://127.0.0.1:1/billing"), e.getMessage());
        assertTrue(e.getMessage().contains("2 s"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void aMissingDatabaseIsReportedByName() {
        DatabaseSettings settings = new DatabaseSettings(TestPostgres.urlOf("billing_test_does_not_exist"),
                TestPostgres.USER, TestPostgres.PASSWORD, Path.of("unused"), 2, Duration.ofSeconds(2));

        DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                () -> BillingDatabase.open(settings));

        assertOneLine(e);
        assertTrue(e.getMessage().contains("billing_test_does_not_exist"), e.getMessage());
    }

    @Test
    void aMalformedOrUnsupportedUrlIsRefusedInOneLine() {
        for (String url : new String[] {"jdbc:postgresql://[::1/billing", "postgres://db/billing",
                "jdbc:mysql://db/billing"}) {
            DatabaseSettings settings = new DatabaseSettings(url, null, null, Path.of("unused"), 2,
                    Duration.ofSeconds(1));

            DatabaseUnavailableException e = assertThrows(DatabaseUnavailableException.class,
                    () -> BillingDatabase.open(settings), url);

            assertOneLine(e);
        }
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsReportedAsSuch(@TempDir Path tmp) throws IOException {
        Path aFile = Files.writeString(tmp.resolve("not-a-directory"), "x");
        DatabaseSettings settings = new DatabaseSettings(null, null, null, aFile.resolve("data"), 2,
                Duration.ofSeconds(1));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> BillingDatabase.open(settings));

        assertTrue(e.getMessage().contains(aFile.resolve("data").toString()), e.getMessage());
    }

    @Test
    void theEmbeddedFileBelongsToOneProcessSoASecondServerOnItFailsToStart(@TempDir Path dir) throws Exception {
        DatabaseSettings settings = new DatabaseSettings(null, null, null, dir, 2, Duration.ofSeconds(2));
        try (BillingDatabase ignored = BillingDatabase.open(settings)) {
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), OpenOnce.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            String output = new String(other.getInputStream().readAllBytes());

            assertEquals(3, other.waitFor(), "the second process could not open the file: " + output);
            assertTrue(output.contains("embedded H2 in " + dir), output);
        }
    }

    /** Opens the embedded database in a directory once, from another process; exits 3 when it is unavailable. */
    static final class OpenOnce {
        public static void main(String[] args) {
            try (BillingDatabase db = BillingDatabase.open(
                    new DatabaseSettings(null, null, null, Path.of(args[0]), 1, Duration.ofSeconds(2)))) {
                System.out.println("opened " + db.description());
                System.exit(0);
            } catch (DatabaseUnavailableException e) {
                System.out.println(e.getMessage());
                System.exit(3);
            }
        }
    }

    private static void assertOneLine(DatabaseUnavailableException e) {
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static void execute(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static MigrationInfoService flywayInfo(DatabaseSettings settings) {
        return Flyway.configure().dataSource(settings.effectiveUrl(), settings.user(), settings.password())
                .locations(Migrations.LOCATION).load().info();
    }
}

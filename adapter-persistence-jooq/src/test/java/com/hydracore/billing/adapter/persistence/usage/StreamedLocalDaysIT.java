package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.application.port.out.UsageSums.LocalDayQuery;
import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageAggregation;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageGrouping;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The chart's and the export's read hands rows over while PostgreSQL's cursor is still open (fetched 1,000 at a
 * time in a transaction): a year of {@code day,instance} rows never sits whole in the server's memory. Were the
 * result fetched whole first (autocommit, no fetch size), the read's connection would be idle, not "idle in
 * transaction", when the first row arrives. Checked for a shape's first run (jOOQ's lazy cursor) and the later ones
 * (the kept SQL over JDBC), and the rows against the event-by-event reference. A read of at most one row per day
 * (the chart, the export by day) is the opposite: fetched whole in autocommit, no transaction to open and commit.
 */
class StreamedLocalDaysIT {

    private static final int INSTANCES = 60;
    private static final int DAYS = 40;

    @Test
    void localDaysAreHandedOverWhileTheCursorIsOpenOnFirstAndLaterRuns() throws SQLException {
        TestDatabases.Fresh fresh = TestDatabases.fresh(Kind.POSTGRES);
        try (BillingDatabase db = fresh.open(new StatementGuards())) {
            List<UsageEvent> events = new ArrayList<>();
            Instant first = Instant.parse("2026-01-01T10:00:00Z");
            for (int day = 0; day < DAYS; day++) {
                for (int i = 0; i < INSTANCES; i++) {
                    events.add(event("big", "e" + day + "-" + i).instance(String.format("inst-%02d", i))
                            .at(first.plusSeconds(day * 86_400L + i * 60L)).model(i % 2 == 0 ? "m" : null)
                            .breakdown(100 + i, day, 10, 5, 0).build());
                }
            }
            for (int from = 0; from < events.size(); from += 800) {
                db.ledger().append(events.subList(from, Math.min(events.size(), from + 800)));
            }
            DayRange range = new DayRange(LocalDate.parse("2025-12-31"), LocalDate.parse("2026-02-15"));
            for (String zone : List.of("UTC", "Asia/Kolkata")) {
                LocalDayQuery query = new LocalDayQuery("big", range, ZoneId.of(zone), Optional.empty(),
                        Optional.empty(), UsageGrouping.DAY_INSTANCE);
                for (int run = 0; run < 2; run++) {
                    List<DayUsage> rows = new ArrayList<>();
                    int[] openAtFirstRow = {-1};
                    db.usageSums().byLocalDay(query, row -> {
                        if (rows.isEmpty()) {
                            openAtFirstRow[0] = readsInOpenTransactions(fresh);
                        }
                        rows.add(row);
                    });
                    assertEquals(DAYS * INSTANCES, rows.size(), zone + " run " + run);
                    assertEquals(1, openAtFirstRow[0], zone + " run " + run
                            + ": the read's transaction is open while its first row is handed over");
                    assertEquals(UsageAggregation.byLocalDay(events, range, ZoneId.of(zone), null, null,
                            UsageGrouping.DAY_INSTANCE), rows, zone + " run " + run);
                }
            }
        }
    }

    @Test
    void aReadOfOneRowPerDayIsFetchedWholeWithoutATransaction() {
        TestDatabases.Fresh fresh = TestDatabases.fresh(Kind.POSTGRES);
        try (BillingDatabase db = fresh.open(new StatementGuards())) {
            db.ledger().append(List.of(event("small", "e1").at(Instant.parse("2026-01-02T10:00:00Z")).tokens(5)
                    .build(), event("small", "e2").at(Instant.parse("2026-01-03T20:00:00Z")).tokens(7).build()));
            DayRange range = new DayRange(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-01-05"));
            for (String zone : List.of("UTC", "Asia/Kolkata")) {
                for (int run = 0; run < 2; run++) {
                    int[] openAtFirstRow = {-1};
                    List<DayUsage> rows = new ArrayList<>();
                    db.usageSums().byLocalDay(new LocalDayQuery("small", range, ZoneId.of(zone), Optional.empty(),
                            Optional.empty(), UsageGrouping.DAY), row -> {
                                if (rows.isEmpty()) {
                                    openAtFirstRow[0] = readsInOpenTransactions(fresh);
                                }
                                rows.add(row);
                            });
                    assertEquals(2, rows.size(), zone + " run " + run);
                    assertEquals(0, openAtFirstRow[0], zone + " run " + run
                            + ": the chart's read (at most a row per day) opens no transaction to commit");
                }
            }
        }
    }

    /** Sessions of the database, other than this one, idle inside a transaction (a suspended cursor's). */
    private static int readsInOpenTransactions(TestDatabases.Fresh fresh) {
        try (Connection connection = DriverManager.getConnection(fresh.settings().jdbcUrl(), fresh.settings().user(),
                fresh.settings().password()); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                     + " WHERE datname = current_database() AND state = 'idle in transaction'"
                     + " AND pid <> pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

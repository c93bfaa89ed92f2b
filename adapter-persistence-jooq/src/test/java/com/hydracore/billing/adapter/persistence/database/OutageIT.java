package com.hydracore.billing.adapter.persistence.database;

import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static com.hydracore.billing.application.contract.AppendAssertions.assertCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import com.hydracore.billing.adapter.persistence.usage.Reconciliation;

/**
 * A PostgreSQL database that refuses connections (its sessions ended, new ones refused, the server itself still up
 * for the other tests): every port call, by every path to the database, fails as {@link StoreUnavailableException}
 * within the request wait, nothing is half-written, and the same open database serves again once it accepts
 * connections.
 */
class OutageIT {

    /** The request wait under test, and how much later than it a call may fail on a busy test machine. */
    private static final Duration WAIT = DatabaseSettings.DEFAULT_REQUEST_WAIT;
    private static final Duration MARGIN = Duration.ofMillis(1500);

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    private static final Tier PRO = new Tier("pro", "pro", "Agents", "Pro", 2900, BillingCycle.MONTHLY, 14,
            new PlanLimits(1_000_000, 50_000, 5_000, 3, 25));

    @Test
    void whileTheDatabaseRefusesConnectionsEveryPortCallFailsAsAnOutageWithinTheWaitAndServesAgainAfter()
            throws IOException {
        String name = TestPostgres.createDatabase();
        DatabaseSettings settings = new DatabaseSettings(TestPostgres.urlOf(name), TestPostgres.USER,
                TestPostgres.PASSWORD, Files.createTempDirectory("billing-outage"), 4, Duration.ofSeconds(10), WAIT);
        try (BillingDatabase db = BillingDatabase.open(settings)) {
            db.catalog().save(PRO);
            db.subscriptions().save(Subscription.start("sub-1", "acme", PRO, 14, Instant.parse("2026-03-01T09:00:00Z")));
            assertCounts(1, 0, db.ledger().append(List.of(event("acme", "before").tokens(5).build())));
            List<UsageEvent> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                batch.add(event(i % 2 == 0 ? "acme" : "globex", "during-" + i).instance("inst-" + (i % 5))
                        .endUser("u" + (i % 7)).tokens(10).build());
            }
            Map<String, Executable> calls = calls(db, batch);
            // each page read's shape runs over plain JDBC from its second call on
            calls.forEach((what, call) -> runBeforeTheOutage(what.startsWith("an append") ? () -> { } : call));
            UsageTotals before = db.usageSums().totals("acme", MARCH);

            TestPostgres.refuseConnections(name);
            try {
                // Until the pool has found every pooled connection dead, a call may fail at once on one; past that,
                // each call below must wait for a connection, which is the case the wait bounds.
                long drained = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (db.poolStats().total() > 0) {
                    assertFalse(db.isReachable());
                    assertTrue(System.nanoTime() < drained, "the pool drops dead connections as it lends them");
                }
                for (Map.Entry<String, Executable> call : calls.entrySet()) {
                    long start = System.nanoTime();
                    StoreUnavailableException e = assertThrows(StoreUnavailableException.class, call.getValue(),
                            call.getKey());
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    assertTrue(millis < WAIT.plus(MARGIN).toMillis(), call.getKey() + " failed only after " + millis
                            + " ms");
                    assertTrue(hasSqlCause(e), call.getKey() + ": the driver's or the pool's failure is the cause");
                    assertTrue(e.getMessage().contains(name) && e.getMessage().lines().count() == 1, e.getMessage());
                }
                assertFalse(db.isReachable());
            } finally {
                TestPostgres.allowConnections(name);
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!db.isReachable()) {
                assertTrue(System.nanoTime() < deadline, "the pool reconnects by itself once connections are allowed");
            }
            assertEquals(before, db.usageSums().totals("acme", MARCH), "nothing of the refused batch was written");
            assertCounts(200, 0, db.ledger().append(batch), "the refused batch is accepted whole");
            assertEquals(5 + 100 * 10, db.usageSums().totals("acme", MARCH).tokens());
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.unguarded(db), "acme");
            Reconciliation.assertRollupsMatchRawEvents(TestDatabases.unguarded(db), "globex");
            assertEquals(Optional.of(PRO), db.catalog().find("pro"));
        } finally {
            TestPostgres.dropDatabase(name);
        }
    }

    /** One call per path to the database, by name: jOOQ statements, transactions, page reads over JDBC. */
    private static Map<String, Executable> calls(BillingDatabase db, List<UsageEvent> batch) {
        Map<String, Executable> calls = new LinkedHashMap<>();
        calls.put("an append (a transaction)", () -> db.ledger().append(batch));
        calls.put("totals (a page read)", () -> db.usageSums().totals("acme", MARCH));
        calls.put("daily sums (a page read)", () -> db.usageSums().daily("acme", LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-03-31"), Optional.empty()));
        calls.put("a tier (a page read)", () -> db.catalog().find("pro"));
        calls.put("all tiers (a jOOQ statement)", () -> db.catalog().all());
        calls.put("a subscription (a jOOQ statement)", () -> db.subscriptions().find("acme", "sub-1"));
        calls.put("saving a node (an upsert)", () -> db.inventory().saveNode(new WebhostNode("acme", "node-1", 3)));
        AtomicInteger instances = new AtomicInteger(); // a new one each time: known instances are not sent again
        calls.put("registering an instance", () -> db.inventory().registerDiscovered(
                Map.of("acme", List.of("new-" + instances.incrementAndGet()))));
        return calls;
    }

    private static boolean hasSqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    private static void runBeforeTheOutage(Executable call) {
        try {
            call.execute();
        } catch (Throwable e) {
            throw new AssertionError("a call failed before the outage", e);
        }
    }
}

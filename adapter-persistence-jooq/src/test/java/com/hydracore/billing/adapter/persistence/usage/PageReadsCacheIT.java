package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.usage.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.application.port.out.BillingPageReads.PeriodUsage;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The breakdown a replica keeps ({@link PageReads}, PostgreSQL) is never answered once another replica's write
 * changed it (API §4: a read after a 200 on any replica sees the events): two pools on one database stand for two
 * replicas. Each case first reads on the reading replica, so that its next read is answered from what it kept
 * unless the versions it reads say otherwise.
 */
class PageReadsCacheIT {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));

    private static BillingDatabase writer;
    private static BillingDatabase reader;

    @BeforeAll
    static void openTwoReplicas() {
        TestDatabases.Fresh database = TestDatabases.fresh(Kind.POSTGRES);
        writer = database.open(new StatementGuards());
        reader = database.open(new StatementGuards());
    }

    @AfterAll
    static void close() {
        reader.close();
        writer.close();
    }

    /**
     * Readers asking at the same time share reads ({@code CoalescedReads}); none may be answered a read that began
     * before it asked. Each reader notes the tokens acknowledged on the other replica before its call and must be
     * answered at least that many: a reader joined to a read already running would, now and then, be answered less.
     */
    @Test
    void concurrentReadersOfOneAccountEachSeeEveryWriteAcknowledgedBeforeTheyAsked() throws Exception {
        String acme = "acme-coalesced";
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> stale = new CopyOnWriteArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 12; r++) {
                boolean overview = r % 2 == 0;
                running.add(readers.submit(() -> {
                    while (writing.get()) {
                        long before = acknowledged.get();
                        long seen = overview ? reader.pageReads().overview(acme, MARCH).totals().tokens()
                                : reader.pageReads().breakdown(acme, MARCH).totals().tokens();
                        reads.incrementAndGet();
                        if (seen < before) {
                            stale.add((overview ? "overview " : "breakdown ") + seen + " < " + before);
                        }
                    }
                }));
            }
            for (int i = 0; i < 150; i++) {
                writer.ledger().append(List.of(event(acme, "c" + i).instance("inst-1").endUser("u" + i).tokens(1)
                        .build()));
                acknowledged.incrementAndGet();
            }
            writing.set(false);
            for (Future<?> reading : running) {
                reading.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            readers.shutdownNow();
        }

        assertEquals(0, stale.size(), "stale answers, the first: " + stale.subList(0, Math.min(5, stale.size())));
        assertEquals(150, reader.pageReads().overview(acme, MARCH).totals().tokens());
        assertTrue(reads.get() > 150, "the readers read while the writes went on: " + reads.get());
    }

    @Test
    void anEventOfNothingButANewEndUserOnANewInstanceIsSeenAtOnce() {
        String acme = "acme-zero";
        writer.ledger().append(List.of(event(acme, "e1").instance("inst-1").endUser("u1").tokens(5).build()));
        PeriodUsage before = reader.pageReads().breakdown(acme, MARCH);
        assertEquals(1, before.totals().uniqueEndUsers());

        writer.ledger().append(List.of(event(acme, "e2").instance("inst-2").endUser("u2").tokens(0).requests(0)
                .costMicros(0).build()));

        PeriodUsage after = reader.pageReads().breakdown(acme, MARCH);
        assertEquals(2, after.totals().uniqueEndUsers(), "no sum changed, but the end users did");
        assertEquals(List.of(new InstanceUsage("inst-1", new UsageTotals(5, 1, Money.ofMicros(10_000), 1)),
                new InstanceUsage("inst-2", new UsageTotals(0, 0, Money.ZERO, 1))),
                after.byInstance().stream().sorted(java.util.Comparator.comparing(InstanceUsage::instanceId))
                        .toList(), "the new instance listed, with its one user");
        assertEquals(writer.pageReads().breakdown(acme, MARCH), after, "what the writing replica reads");
    }

    @Test
    void aKnownUserOnAnotherInstanceTheSameDayIsSeenAtOnce() {
        String acme = "acme-known";
        writer.ledger().append(List.of(event(acme, "e1").instance("inst-1").endUser("u1").build()));
        PeriodUsage before = reader.pageReads().breakdown(acme, MARCH);

        writer.ledger().append(List.of(event(acme, "e2").instance("inst-2").endUser("u1").tokens(0).requests(0)
                .costMicros(0).build()));

        PeriodUsage after = reader.pageReads().breakdown(acme, MARCH);
        assertEquals(before.totals(), after.totals(), "the account's numbers are unchanged");
        assertNotEquals(before.byInstance().size(), after.byInstance().size(), "but inst-2 has a user now");
        assertEquals(writer.pageReads().breakdown(acme, MARCH), after, "what the writing replica reads");
    }

    @Test
    void anInstanceRenamedOrStoppedElsewhereIsSeenAtOnce() {
        String acme = "acme-inventory";
        writer.inventory().saveInstance(new Instance(acme, "inst-1", "Before", InstanceStatus.ACTIVE));
        reader.pageReads().breakdown(acme, MARCH);

        writer.inventory().saveInstance(new Instance(acme, "inst-1", "After", InstanceStatus.STOPPED));
        writer.inventory().saveInstance(new Instance(acme, "inst-0", "New", InstanceStatus.ACTIVE));

        assertEquals(List.of(new Instance(acme, "inst-0", "New", InstanceStatus.ACTIVE),
                new Instance(acme, "inst-1", "After", InstanceStatus.STOPPED)),
                reader.pageReads().breakdown(acme, MARCH).instances());
    }

    @Test
    void unchangedRowsAnswerWhatWasKeptAndAnotherPeriodIsReadAfresh() {
        String acme = "acme-kept";
        writer.ledger().append(List.of(event(acme, "e1").instance("inst-1").endUser("u1").model("gpt-4o").build(),
                event(acme, "late").instance("inst-1").at("2026-04-02T00:00:00Z").tokens(7).build()));
        PeriodUsage march = reader.pageReads().breakdown(acme, MARCH);

        writer.ledger().append(List.of(event(acme, "e1").instance("inst-1").endUser("u9").tokens(99).build()));

        assertEquals(march, reader.pageReads().breakdown(acme, MARCH), "a duplicate changes nothing");
        BillingPeriod april = BillingPeriod.ofDays(LocalDate.parse("2026-04-01"), LocalDate.parse("2026-05-01"));
        assertEquals(7, reader.pageReads().breakdown(acme, april).totals().tokens(), "each period its own");
        assertEquals(writer.pageReads().breakdown(acme, MARCH), reader.pageReads().breakdown(acme, MARCH));
    }

    @Test
    void theOverviewSeesUsageAndNodesWrittenElsewhereAtOnce() {
        String acme = "acme-overview";
        writer.ledger().append(List.of(event(acme, "e1").endUser("u1").tokens(5).build()));
        writer.inventory().saveNode(new WebhostNode(acme, "n1", 3));
        writer.inventory().saveNode(new WebhostNode(acme, "n2", 4));
        assertEquals(new InventorySummary(0, 2, 7), reader.pageReads().overview(acme, MARCH).inventory());

        writer.ledger().append(List.of(event(acme, "e2").endUser("u2").tokens(0).requests(0).costMicros(0).build()));
        assertEquals(2, reader.pageReads().overview(acme, MARCH).totals().uniqueEndUsers(), "an event of nothing");

        writer.inventory().deleteNode(acme, "n2");
        assertEquals(new InventorySummary(0, 1, 3), reader.pageReads().overview(acme, MARCH).inventory(),
                "a node deleted");
        writer.inventory().saveNode(new WebhostNode(acme, "n1", 9));
        writer.inventory().saveInstance(new Instance(acme, "inst-1", "One", InstanceStatus.ACTIVE));
        assertEquals(new InventorySummary(1, 1, 9), reader.pageReads().overview(acme, MARCH).inventory(),
                "a node's sites and an instance changed");
        assertEquals(writer.pageReads().overview(acme, MARCH), reader.pageReads().overview(acme, MARCH));
    }
}

package com.hydracore.billing.application.contract;

import static com.hydracore.billing.application.contract.UsageFixtures.MARCH;
import static com.hydracore.billing.application.contract.UsageFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.application.port.out.BillingPageReads;
import com.hydracore.billing.application.port.out.BillingPageReads.OverviewUsage;
import com.hydracore.billing.application.port.out.BillingPageReads.PeriodUsage;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.InstanceUsage;
import com.hydracore.billing.domain.usage.ModelUsage;
import com.hydracore.billing.domain.usage.UsageMeasures;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link BillingPageReads} must honour: subclass it and give the reads under test with the ledger,
 * sums and inventory of the same storage. Each part of a page read must be what the separate ports answer, and the
 * cases also hold it to the numbers written out by hand (so the kit fails a store whose separate reads are wrong too).
 *
 * <p>Isolation: every case uses account ids made unique by a random UUID, so the storage may be shared by every case.
 */
public abstract class BillingPageReadsContract {

    private final ContractRun run = new ContractRun();

    /** The page reads under test, once per case. */
    protected BillingPageReads reads;
    /** How the cases put usage in. */
    protected UsageLedger ledger;
    /** The separate sums the page reads must agree with. */
    protected UsageSums sums;
    /** How the cases put instances and nodes in; the separate inventory the page reads must agree with. */
    protected Inventory inventory;

    /** The page reads under test, over storage the other three read and write. */
    protected abstract BillingPageReads newReads();

    /** The ledger of the storage {@link #newReads()} reads. */
    protected abstract UsageLedger ledger();

    /** The sums of that storage. */
    protected abstract UsageSums sums();

    /** The inventory of that storage. */
    protected abstract Inventory inventory();

    @BeforeEach
    void createReads() {
        reads = newReads();
        ledger = ledger();
        sums = sums();
        inventory = inventory();
    }

    @Test
    void theBreakdownIsTheTotalsTheInstancesTheSumsByInstanceAndByModelOfThePeriod() {
        String acme = run.account("acme");
        String other = run.account("other");
        ledger.append(List.of(
                event(acme, "a1").instance("inst-a").at("2026-03-02T10:00:00Z").model("gpt-4o")
                        .breakdown(100, 20, 10, 5, 2).requests(1).cost("0.01").endUser("u1").conversation("c1")
                        .build(),
                event(acme, "a2").instance("inst-a").at("2026-03-20T10:00:00Z").tokens(30).requests(2)
                        .cost("0.02").endUser("u2").build(),
                event(acme, "b1").instance("inst-b").at("2026-03-05T10:00:00Z").model("claude-sonnet-4")
                        .breakdown(50, 10, 0, 0, 0).requests(1).cost("0.005").endUser("u1").conversation("c1")
                        .build(),
                event(acme, "x1").instance("inst-unknown").at("2026-03-31T23:59:59Z").tokens(7).requests(1)
                        .cost("0.000007").endUser("u3").conversation("c2").build(),
                event(acme, "before").instance("inst-a").at("2026-02-28T23:59:59Z").tokens(1000).endUser("u9")
                        .build(),
                event(acme, "end").instance("inst-b").at("2026-04-01T00:00:00Z").tokens(1000).endUser("u8").build(),
                event(other, "o1").instance("inst-a").at("2026-03-02T10:00:00Z").tokens(5000).endUser("u1").build()));
        Instance alpha = new Instance(acme, "inst-a", "Alpha", InstanceStatus.ACTIVE);
        Instance bravo = new Instance(acme, "inst-b", "Bravo", InstanceStatus.STOPPED);
        Instance idle = new Instance(acme, "inst-idle", "Idle", InstanceStatus.ACTIVE);
        inventory.saveInstance(idle);
        inventory.saveInstance(bravo);
        inventory.saveInstance(alpha);
        inventory.saveInstance(new Instance(other, "inst-z", "Other's", InstanceStatus.ACTIVE));

        PeriodUsage usage = reads.breakdown(acme, MARCH);

        String what = "the period's own usage, of this account only";
        assertEquals(new UsageTotals(217, 5, Money.parse("0.035007"), 3, 2), usage.totals(), what);
        assertEquals(List.of(alpha, bravo, idle), usage.instances(),
                "the account's instances, in id order, with or without usage");
        assertEquals(Map.of(
                "inst-a", new UsageTotals(150, 3, Money.parse("0.03"), 2),
                "inst-b", new UsageTotals(60, 1, Money.parse("0.005"), 1),
                "inst-unknown", new UsageTotals(7, 1, Money.parse("0.000007"), 1)), byId(usage.byInstance()), what);
        assertEquals(List.of(
                new ModelUsage("gpt-4o", new UsageMeasures(120, 100, 20, 10, 5, 2, 1, Money.parse("0.01"))),
                new ModelUsage("claude-sonnet-4", new UsageMeasures(60, 50, 10, 0, 0, 0, 1, Money.parse("0.005"))),
                new ModelUsage(null, new UsageMeasures(37, 0, 0, 0, 0, 0, 3, Money.parse("0.020007")))),
                usage.byModel(), "by model, in ModelUsage's order (most tokens first)");
        assertSameAsSeparateReads(acme, usage);
    }

    @Test
    void anAccountWithNothingReadsZerosAndEmptyLists() {
        String nobody = run.account("nobody");

        assertEquals(new PeriodUsage(UsageTotals.ZERO, List.of(), List.of(), List.of()),
                reads.breakdown(nobody, MARCH), "no usage and no instances: zero totals, nothing listed");
        assertEquals(new OverviewUsage(UsageTotals.ZERO, new InventorySummary(0, 0, 0)),
                reads.overview(nobody, MARCH), "no usage and no inventory: zeros");
    }

    @Test
    void usersSeenAfterThePeriodStillCountExactlyInIt() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "m1").instance("inst-a").at("2026-03-10T10:00:00Z").tokens(1).endUser("u1").build(),
                event(acme, "m2").instance("inst-b").at("2026-03-11T10:00:00Z").tokens(1).endUser("u1").build(),
                event(acme, "m3").instance("inst-b").at("2026-03-12T10:00:00Z").tokens(1).endUser("u2").build(),
                // seen again after the period: their last day leaves it
                event(acme, "a1").instance("inst-a").at("2026-04-02T10:00:00Z").tokens(1).endUser("u1").build(),
                event(acme, "a2").instance("inst-b").at("2026-04-02T10:00:00Z").tokens(1).endUser("u2").build()));

        PeriodUsage usage = reads.breakdown(acme, MARCH);

        String rule = "users of the period, also those seen again after it, once per account and per instance";
        assertEquals(2, usage.totals().uniqueEndUsers(), rule);
        assertEquals(Map.of("inst-a", new UsageTotals(1, 1, Money.parse("0.01"), 1),
                "inst-b", new UsageTotals(2, 2, Money.parse("0.02"), 2)), byId(usage.byInstance()), rule);
        assertEquals(2, reads.overview(acme, MARCH).totals().uniqueEndUsers(), rule);
        assertSameAsSeparateReads(acme, usage);
    }

    @Test
    void theOverviewIsTheTotalsAndTheInventoryCountsOfThePeriod() {
        String acme = run.account("acme");
        ledger.append(List.of(
                event(acme, "e1").instance("inst-a").at("2026-03-02T10:00:00Z").tokens(40).requests(2).cost("0.4")
                        .endUser("u1").conversation("c1").build(),
                event(acme, "e2").instance("inst-b").at("2026-03-03T10:00:00Z").tokens(2).requests(1).cost("0.02")
                        .endUser("u2").build(),
                event(acme, "e3").instance("inst-b").at("2026-04-03T10:00:00Z").tokens(900).endUser("u3").build()));
        inventory.saveInstance(new Instance(acme, "inst-a", "A", InstanceStatus.ACTIVE));
        inventory.saveInstance(new Instance(acme, "inst-b", "B", InstanceStatus.STOPPED));
        inventory.saveInstance(new Instance(acme, "inst-c", "C", InstanceStatus.ACTIVE));
        inventory.saveNode(new WebhostNode(acme, "n1", 3));
        inventory.saveNode(new WebhostNode(acme, "n2", 4));
        inventory.saveNode(new WebhostNode(run.account("other"), "n1", 100));

        OverviewUsage overview = reads.overview(acme, MARCH);

        assertEquals(new OverviewUsage(new UsageTotals(42, 3, Money.parse("0.42"), 2, 1),
                new InventorySummary(2, 2, 7)), overview, "the period's totals, active instances, nodes and sites");
        assertEquals(new OverviewUsage(sums.totals(acme, MARCH), inventory.summary(acme)), overview,
                "the same as the separate reads");
    }

    private void assertSameAsSeparateReads(String account, PeriodUsage usage) {
        String same = "each part is what the separate reads of the same storage answer";
        assertEquals(sums.totals(account, MARCH), usage.totals(), same);
        assertEquals(inventory.instances(account), usage.instances(), same);
        assertEquals(byId(sums.byInstance(account, MARCH)), byId(usage.byInstance()), same);
        assertEquals(sums.byModel(account, MARCH), usage.byModel(), same);
    }

    private static Map<String, UsageTotals> byId(List<InstanceUsage> rows) {
        Map<String, UsageTotals> byId = new TreeMap<>();
        rows.forEach(r -> assertEquals(null, byId.put(r.instanceId(), r.totals()), "each instance once"));
        return byId;
    }
}

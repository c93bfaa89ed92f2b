package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.inventory.WebhostNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Inventory} must honour: subclass it and implement {@link #newInventory()}.
 *
 * <p>Isolation: every case uses account ids made unique by a random UUID, so {@link #newInventory()} may return a
 * fresh empty inventory or one shared by every case.
 *
 * <p>Beyond the port's Javadoc: ids (128) and names (200) are measured in code points — H2 counts UTF-16 units, so
 * give it twice the room; instance and node ids are scoped to their account and compare exactly; lists are
 * ordered by id in {@link String#compareTo} (binary) order — {@code COLLATE "C"} in PostgreSQL; registering the same
 * discovered instances from 8 threads at once neither fails nor duplicates anything.
 */
public abstract class InventoryContract {

    private final ContractRun run = new ContractRun();

    /** The inventory under test, from {@link #newInventory()}, once per case. */
    protected Inventory inventory;

    /**
     * The inventory under test, called once before each case: fresh and empty, or shared by every case; safe for use
     * from several threads at once.
     */
    protected abstract Inventory newInventory();

    @BeforeEach
    void createInventory() {
        inventory = newInventory();
    }

    // ---------------------------------------------------------------- instances

    @Test
    void aSavedInstanceIsFoundWithEveryField() {
        String acme = run.account("acme");
        Instance stopped = new Instance(acme, "inst-1", "Support bot ✓", InstanceStatus.STOPPED);
        Instance deleted = new Instance(acme, "inst-2", "Old", InstanceStatus.DELETED);
        Instance active = new Instance(acme, "inst-3", "Sales", InstanceStatus.ACTIVE);

        inventory.saveInstance(stopped);
        inventory.saveInstance(deleted);
        inventory.saveInstance(active);

        assertEquals(Optional.of(stopped), inventory.instance(acme, "inst-1"));
        assertEquals(Optional.of(deleted), inventory.instance(acme, "inst-2"));
        assertEquals(Optional.of(active), inventory.instance(acme, "inst-3"));
    }

    @Test
    void longestIdsAndNamesRoundTrip() {
        String account = run.ofLength(128);
        Instance instance = new Instance(account, "i".repeat(127) + "é", "Nom 𝄞 " + "n".repeat(194),
                InstanceStatus.ACTIVE);
        WebhostNode node = new WebhostNode(account, "n".repeat(127) + "é", Integer.MAX_VALUE);

        inventory.saveInstance(instance);
        inventory.saveNode(node);

        assertEquals(List.of(instance), inventory.instances(account));
        assertEquals(List.of(node), inventory.nodes(account));
    }

    @Test
    void savingAnInstanceAgainReplacesNameAndStatus() {
        String acme = run.account("acme");
        inventory.saveInstance(new Instance(acme, "inst-1", "Support bot", InstanceStatus.ACTIVE));
        Instance renamed = new Instance(acme, "inst-1", "Support bot v2", InstanceStatus.STOPPED);

        inventory.saveInstance(renamed);

        assertEquals(Optional.of(renamed), inventory.instance(acme, "inst-1"));
        assertEquals(List.of(renamed), inventory.instances(acme));
    }

    @Test
    void instancesAreListedByIdInBinaryOrder() {
        String acme = run.account("acme");
        List<String> ids = List.of("inst_b", "Inst-Z", "inst-a", "inst-B", "10", "9", "inst-b");
        ids.forEach(id -> inventory.saveInstance(new Instance(acme, id, "name " + id, InstanceStatus.ACTIVE)));

        List<String> expected = new ArrayList<>(ids);
        expected.sort(String::compareTo);
        assertEquals(expected, inventory.instances(acme).stream().map(Instance::instanceId).toList());
    }

    @Test
    void discoveredInstancesAreRegisteredActiveAndNamedByTheirId() {
        String acme = run.account("acme");

        inventory.registerDiscovered(Map.of(acme, List.of("inst-2", "inst-1", "inst-2")));

        assertEquals(List.of(Instance.discovered(acme, "inst-1"), Instance.discovered(acme, "inst-2")),
                inventory.instances(acme));
        assertEquals(Optional.of(new Instance(acme, "inst-1", "inst-1", InstanceStatus.ACTIVE)),
                inventory.instance(acme, "inst-1"));
    }

    @Test
    void registeringDiscoveredInstancesNeverOverwritesAKnownOne() {
        String acme = run.account("acme");
        Instance known = new Instance(acme, "inst-1", "Support bot", InstanceStatus.STOPPED);
        inventory.saveInstance(known);

        inventory.registerDiscovered(Map.of(acme, List.of("inst-1", "inst-2")));
        inventory.registerDiscovered(Map.of(acme, List.of("inst-1", "inst-2")));

        assertEquals(List.of(known, Instance.discovered(acme, "inst-2")), inventory.instances(acme));
    }

    @Test
    void oneCallRegistersTheInstancesOfSeveralAccounts() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        Instance known = new Instance(globex, "inst-1", "Globex bot", InstanceStatus.STOPPED);
        inventory.saveInstance(known);

        inventory.registerDiscovered(Map.of(acme, List.of("inst-1", "inst-2"), globex, List.of("inst-1", "inst-3")));

        assertEquals(List.of(Instance.discovered(acme, "inst-1"), Instance.discovered(acme, "inst-2")),
                inventory.instances(acme));
        assertEquals(List.of(known, Instance.discovered(globex, "inst-3")), inventory.instances(globex));
    }

    @Test
    void registeringNothingChangesNothing() {
        String acme = run.account("acme");

        inventory.registerDiscovered(Map.of(acme, List.of()));
        inventory.registerDiscovered(Map.of());

        assertEquals(List.of(), inventory.instances(acme));
    }

    @Test
    void theSameDiscoveredInstancesFromEightThreadsAtOnceAreRegisteredOnce() throws Exception {
        String acme = run.account("acme");
        String globex = run.account("globex");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add("inst-" + (100 + i));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> mine = new ArrayList<>(ids);
                if (t % 2 == 1) {
                    Collections.reverse(mine);
                }
                int t0 = t;
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    // both accounts in one call, in an order that differs between threads
                    Map<String, List<String>> both = new LinkedHashMap<>();
                    both.put(t0 % 2 == 0 ? acme : globex, mine);
                    both.put(t0 % 2 == 0 ? globex : acme, mine);
                    inventory.registerDiscovered(both);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(ids, inventory.instances(acme).stream().map(Instance::instanceId).toList());
        assertEquals(ids, inventory.instances(globex).stream().map(Instance::instanceId).toList());
    }

    @Test
    void anUnknownInstanceIsNotFound() {
        String acme = run.account("acme");
        inventory.saveInstance(new Instance(acme, "inst-1", "Bot", InstanceStatus.ACTIVE));

        assertEquals(Optional.empty(), inventory.instance(acme, "inst-2"));
        assertEquals(Optional.empty(), inventory.instance(acme, "INST-1"));
        assertEquals(List.of(), inventory.instances(run.account("nobody")));
    }

    @Test
    void instancesOfOneAccountNeverShowForAnother() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        inventory.saveInstance(new Instance(acme, "inst-1", "Acme bot", InstanceStatus.ACTIVE));

        assertEquals(Optional.empty(), inventory.instance(globex, "inst-1"));
        assertEquals(List.of(), inventory.instances(globex));
    }

    @Test
    void twoAccountsMayUseTheSameInstanceIdIndependently() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        Instance acmes = new Instance(acme, "inst-1", "Acme bot", InstanceStatus.STOPPED);
        inventory.saveInstance(acmes);

        inventory.registerDiscovered(Map.of(globex, List.of("inst-1")));
        Instance globexs = new Instance(globex, "inst-2", "Globex bot", InstanceStatus.DELETED);
        inventory.saveInstance(globexs);

        assertEquals(List.of(acmes), inventory.instances(acme));
        assertEquals(List.of(Instance.discovered(globex, "inst-1"), globexs), inventory.instances(globex));
    }

    // ---------------------------------------------------------------- the overview's counts

    @Test
    void theSummaryCountsActiveInstancesNodesAndTheirSites() {
        String acme = run.account("acme");
        inventory.saveInstance(new Instance(acme, "inst-1", "One", InstanceStatus.ACTIVE));
        inventory.saveInstance(new Instance(acme, "inst-2", "Two", InstanceStatus.STOPPED));
        inventory.saveInstance(new Instance(acme, "inst-3", "Three", InstanceStatus.DELETED));
        inventory.registerDiscovered(Map.of(acme, List.of("inst-4")));
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveNode(new WebhostNode(acme, "node-2", 0));
        inventory.saveNode(new WebhostNode(acme, "node-3", 2_000_000_000));

        assertEquals(new InventorySummary(2, 3, 2_000_000_003L), inventory.summary(acme));
    }

    @Test
    void theSummaryCountsOnlyItsOwnAccount() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        inventory.saveInstance(new Instance(acme, "inst-1", "One", InstanceStatus.ACTIVE));
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveInstance(new Instance(globex, "inst-1", "One", InstanceStatus.ACTIVE));
        inventory.saveInstance(new Instance(globex, "inst-2", "Two", InstanceStatus.ACTIVE));
        inventory.saveNode(new WebhostNode(globex, "node-1", 5));

        assertEquals(new InventorySummary(1, 1, 3), inventory.summary(acme));
        assertEquals(new InventorySummary(2, 1, 5), inventory.summary(globex));
        assertEquals(InventorySummary.EMPTY, inventory.summary(run.account("initech")));
    }

    // ---------------------------------------------------------------- webhost nodes

    @Test
    void aSavedNodeIsListedWithItsSiteCount() {
        String acme = run.account("acme");
        WebhostNode node = new WebhostNode(acme, "node-1", 12);

        inventory.saveNode(node);

        assertEquals(List.of(node), inventory.nodes(acme));
    }

    @Test
    void savingANodeAgainReplacesItsSiteCount() {
        String acme = run.account("acme");
        inventory.saveNode(new WebhostNode(acme, "node-1", 12));

        inventory.saveNode(new WebhostNode(acme, "node-1", 0));

        assertEquals(List.of(new WebhostNode(acme, "node-1", 0)), inventory.nodes(acme));
    }

    @Test
    void nodesAreListedByIdInBinaryOrder() {
        String acme = run.account("acme");
        List<String> ids = List.of("node_b", "Node-Z", "node-a", "node-B", "10", "9");
        ids.forEach(id -> inventory.saveNode(new WebhostNode(acme, id, id.length())));

        List<String> expected = new ArrayList<>(ids);
        expected.sort(String::compareTo);
        assertEquals(expected, inventory.nodes(acme).stream().map(WebhostNode::nodeId).toList());
    }

    @Test
    void deletingANodeRemovesItAndSaysItExisted() {
        String acme = run.account("acme");
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveNode(new WebhostNode(acme, "node-2", 4));

        assertTrue(inventory.deleteNode(acme, "node-1"));

        assertEquals(List.of(new WebhostNode(acme, "node-2", 4)), inventory.nodes(acme));
        assertFalse(inventory.deleteNode(acme, "node-1"), "deleting it again");
    }

    @Test
    void deletingAnUnknownNodeSaysItDidNotExist() {
        String acme = run.account("acme");

        assertFalse(inventory.deleteNode(acme, "node-1"));
        assertEquals(List.of(), inventory.nodes(acme));
    }

    @Test
    void deletingANodeLeavesAnotherAccountsNodeOfTheSameIdAlone() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveNode(new WebhostNode(globex, "node-1", 7));

        assertFalse(inventory.deleteNode(run.account("initech"), "node-1"));
        assertTrue(inventory.deleteNode(acme, "node-1"));

        assertEquals(List.of(), inventory.nodes(acme));
        assertEquals(List.of(new WebhostNode(globex, "node-1", 7)), inventory.nodes(globex));
    }

    @Test
    void nodesOfOneAccountNeverShowForAnother() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveNode(new WebhostNode(globex, "node-2", 5));

        assertEquals(List.of(new WebhostNode(acme, "node-1", 3)), inventory.nodes(acme));
        assertEquals(List.of(new WebhostNode(globex, "node-2", 5)), inventory.nodes(globex));
        assertEquals(List.of(), inventory.nodes(run.account("initech")));
    }
}

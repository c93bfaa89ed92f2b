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

        String rule = "a saved instance is found with every field, each status as saved";
        assertEquals(Optional.of(stopped), inventory.instance(acme, "inst-1"), rule);
        assertEquals(Optional.of(deleted), inventory.instance(acme, "inst-2"), rule);
        assertEquals(Optional.of(active), inventory.instance(acme, "inst-3"), rule);
    }

    @Test
    void longestIdsAndNamesRoundTrip() {
        String account = run.ofLength(128);
        Instance instance = new Instance(account, "i".repeat(127) + "é", "Nom 𝄞 " + "n".repeat(194),
                InstanceStatus.ACTIVE);
        WebhostNode node = new WebhostNode(account, "n".repeat(127) + "é", Integer.MAX_VALUE);

        inventory.saveInstance(instance);
        inventory.saveNode(node);

        String rule = "ids of 128 and names of 200 code points of any Unicode round-trip whole";
        assertEquals(List.of(instance), inventory.instances(account), rule);
        assertEquals(List.of(node), inventory.nodes(account), rule);
    }

    @Test
    void savingAnInstanceAgainReplacesNameAndStatus() {
        String acme = run.account("acme");
        inventory.saveInstance(new Instance(acme, "inst-1", "Support bot", InstanceStatus.ACTIVE));
        Instance renamed = new Instance(acme, "inst-1", "Support bot v2", InstanceStatus.STOPPED);

        inventory.saveInstance(renamed);

        String rule = "saving an instance again replaces its name and status, never adds a second";
        assertEquals(Optional.of(renamed), inventory.instance(acme, "inst-1"), rule);
        assertEquals(List.of(renamed), inventory.instances(acme), rule);
    }

    @Test
    void instancesAreListedByIdInBinaryOrder() {
        String acme = run.account("acme");
        List<String> ids = List.of("inst_b", "Inst-Z", "inst-a", "inst-B", "10", "9", "inst-b");
        ids.forEach(id -> inventory.saveInstance(new Instance(acme, id, "name " + id, InstanceStatus.ACTIVE)));

        List<String> expected = new ArrayList<>(ids);
        expected.sort(String::compareTo);
        String rule = "instances are listed by id in String.compareTo (binary) order, not a locale's collation";
        assertEquals(expected, inventory.instances(acme).stream().map(Instance::instanceId).toList(), rule);
    }

    @Test
    void discoveredInstancesAreRegisteredActiveAndNamedByTheirId() {
        String acme = run.account("acme");

        inventory.registerDiscovered(Map.of(acme, List.of("inst-2", "inst-1", "inst-2")));

        String rule = "a discovered instance is registered active and named by its id";
        assertEquals(List.of(Instance.discovered(acme, "inst-1"), Instance.discovered(acme, "inst-2")),
                inventory.instances(acme), rule);
        assertEquals(Optional.of(new Instance(acme, "inst-1", "inst-1", InstanceStatus.ACTIVE)),
                inventory.instance(acme, "inst-1"), rule);
    }

    @Test
    void registeringDiscoveredInstancesNeverOverwritesAKnownOne() {
        String acme = run.account("acme");
        Instance known = new Instance(acme, "inst-1", "Support bot", InstanceStatus.STOPPED);
        inventory.saveInstance(known);

        inventory.registerDiscovered(Map.of(acme, List.of("inst-1", "inst-2")));
        inventory.registerDiscovered(Map.of(acme, List.of("inst-1", "inst-2")));

        String rule = "registerDiscovered never overwrites a known instance";
        assertEquals(List.of(known, Instance.discovered(acme, "inst-2")), inventory.instances(acme), rule);
    }

    @Test
    void oneCallRegistersTheInstancesOfSeveralAccounts() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        Instance known = new Instance(globex, "inst-1", "Globex bot", InstanceStatus.STOPPED);
        inventory.saveInstance(known);

        inventory.registerDiscovered(Map.of(acme, List.of("inst-1", "inst-2"), globex, List.of("inst-1", "inst-3")));

        String rule = "one registerDiscovered call registers the instances of every account it names, each in its own";
        assertEquals(List.of(Instance.discovered(acme, "inst-1"), Instance.discovered(acme, "inst-2")),
                inventory.instances(acme), rule);
        assertEquals(List.of(known, Instance.discovered(globex, "inst-3")), inventory.instances(globex), rule);
    }

    @Test
    void registeringNothingChangesNothing() {
        String acme = run.account("acme");

        inventory.registerDiscovered(Map.of(acme, List.of()));
        inventory.registerDiscovered(Map.of());

        String rule = "registering nothing changes nothing";
        assertEquals(List.of(), inventory.instances(acme), rule);
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

        String rule = "registerDiscovered from 8 threads at once registers each instance once, without failing";
        assertEquals(ids, inventory.instances(acme).stream().map(Instance::instanceId).toList(), rule);
        assertEquals(ids, inventory.instances(globex).stream().map(Instance::instanceId).toList(), rule);
    }

    @Test
    void anUnknownInstanceIsNotFound() {
        String acme = run.account("acme");
        inventory.saveInstance(new Instance(acme, "inst-1", "Bot", InstanceStatus.ACTIVE));

        String rule = "an unknown instance is not found; ids compare exactly, case included";
        assertEquals(Optional.empty(), inventory.instance(acme, "inst-2"), rule);
        assertEquals(Optional.empty(), inventory.instance(acme, "INST-1"), rule);
        assertEquals(List.of(), inventory.instances(run.account("nobody")), rule);
    }

    @Test
    void instancesOfOneAccountNeverShowForAnother() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        inventory.saveInstance(new Instance(acme, "inst-1", "Acme bot", InstanceStatus.ACTIVE));

        String rule = "instances are scoped to their account: another account's never show";
        assertEquals(Optional.empty(), inventory.instance(globex, "inst-1"), rule);
        assertEquals(List.of(), inventory.instances(globex), rule);
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

        String rule = "the key is (account_id, instance_id): two accounts may use the same id independently";
        assertEquals(List.of(acmes), inventory.instances(acme), rule);
        assertEquals(List.of(Instance.discovered(globex, "inst-1"), globexs), inventory.instances(globex), rule);
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

        String rule = "summary counts active instances, nodes and their hosted sites (beyond 2^31)";
        assertEquals(new InventorySummary(2, 3, 2_000_000_003L), inventory.summary(acme), rule);
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

        String rule = "summary counts only its own account";
        assertEquals(new InventorySummary(1, 1, 3), inventory.summary(acme), rule);
        assertEquals(new InventorySummary(2, 1, 5), inventory.summary(globex), rule);
        assertEquals(InventorySummary.EMPTY, inventory.summary(run.account("initech")), rule);
    }

    // ---------------------------------------------------------------- webhost nodes

    @Test
    void aSavedNodeIsListedWithItsSiteCount() {
        String acme = run.account("acme");
        WebhostNode node = new WebhostNode(acme, "node-1", 12);

        inventory.saveNode(node);

        String rule = "a saved node is listed with its hosted-site count";
        assertEquals(List.of(node), inventory.nodes(acme), rule);
    }

    @Test
    void savingANodeAgainReplacesItsSiteCount() {
        String acme = run.account("acme");
        inventory.saveNode(new WebhostNode(acme, "node-1", 12));

        inventory.saveNode(new WebhostNode(acme, "node-1", 0));

        String rule = "saving a node again replaces its site count, never adds a second";
        assertEquals(List.of(new WebhostNode(acme, "node-1", 0)), inventory.nodes(acme), rule);
    }

    @Test
    void nodesAreListedByIdInBinaryOrder() {
        String acme = run.account("acme");
        List<String> ids = List.of("node_b", "Node-Z", "node-a", "node-B", "10", "9");
        ids.forEach(id -> inventory.saveNode(new WebhostNode(acme, id, id.length())));

        List<String> expected = new ArrayList<>(ids);
        expected.sort(String::compareTo);
        String rule = "nodes are listed by id in String.compareTo (binary) order";
        assertEquals(expected, inventory.nodes(acme).stream().map(WebhostNode::nodeId).toList(), rule);
    }

    @Test
    void deletingANodeRemovesItAndSaysItExisted() {
        String acme = run.account("acme");
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveNode(new WebhostNode(acme, "node-2", 4));

        String rule = "deleteNode removes the node and answers whether it existed";
        assertTrue(inventory.deleteNode(acme, "node-1"), rule);

        assertEquals(List.of(new WebhostNode(acme, "node-2", 4)), inventory.nodes(acme), rule);
        assertFalse(inventory.deleteNode(acme, "node-1"), "deleting it again");
    }

    @Test
    void deletingAnUnknownNodeSaysItDidNotExist() {
        String acme = run.account("acme");

        String rule = "deleteNode of an unknown node answers false and changes nothing";
        assertFalse(inventory.deleteNode(acme, "node-1"), rule);
        assertEquals(List.of(), inventory.nodes(acme), rule);
    }

    @Test
    void deletingANodeLeavesAnotherAccountsNodeOfTheSameIdAlone() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveNode(new WebhostNode(globex, "node-1", 7));

        String rule = "deleteNode never touches another account's node of the same id";
        assertFalse(inventory.deleteNode(run.account("initech"), "node-1"), rule);
        assertTrue(inventory.deleteNode(acme, "node-1"), rule);

        assertEquals(List.of(), inventory.nodes(acme), rule);
        assertEquals(List.of(new WebhostNode(globex, "node-1", 7)), inventory.nodes(globex), rule);
    }

    @Test
    void nodesOfOneAccountNeverShowForAnother() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        inventory.saveNode(new WebhostNode(acme, "node-1", 3));
        inventory.saveNode(new WebhostNode(globex, "node-2", 5));

        String rule = "nodes are scoped to their account: another account's never show";
        assertEquals(List.of(new WebhostNode(acme, "node-1", 3)), inventory.nodes(acme), rule);
        assertEquals(List.of(new WebhostNode(globex, "node-2", 5)), inventory.nodes(globex), rule);
        assertEquals(List.of(), inventory.nodes(run.account("initech")), rule);
    }
}

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.WebhostNode;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link Inventory} in memory. */
public final class InMemoryInventory implements Inventory {

    private final Map<String, TreeMap<String, Instance>> instances = new HashMap<>();
    private final Map<String, TreeMap<String, WebhostNode>> nodes = new HashMap<>();

    @Override
    public synchronized void saveInstance(Instance instance) {
        instances.computeIfAbsent(instance.accountId(), a -> new TreeMap<>()).put(instance.instanceId(), instance);
    }

    @Override
    public synchronized void registerDiscovered(Map<String, ? extends Collection<String>> instanceIdsByAccount) {
        instanceIdsByAccount.forEach((accountId, instanceIds) -> {
            TreeMap<String, Instance> known = instances.computeIfAbsent(accountId, a -> new TreeMap<>());
            instanceIds.forEach(id -> known.putIfAbsent(id, Instance.discovered(accountId, id)));
        });
    }

    @Override
    public synchronized List<Instance> instances(String accountId) {
        return List.copyOf(instances.getOrDefault(accountId, new TreeMap<>()).values());
    }

    @Override
    public synchronized Optional<Instance> instance(String accountId, String instanceId) {
        return Optional.ofNullable(instances.getOrDefault(accountId, new TreeMap<>()).get(instanceId));
    }

    @Override
    public synchronized void saveNode(WebhostNode node) {
        nodes.computeIfAbsent(node.accountId(), a -> new TreeMap<>()).put(node.nodeId(), node);
    }

    @Override
    public synchronized boolean deleteNode(String accountId, String nodeId) {
        TreeMap<String, WebhostNode> accountNodes = nodes.get(accountId);
        return accountNodes != null && accountNodes.remove(nodeId) != null;
    }

    @Override
    public synchronized List<WebhostNode> nodes(String accountId) {
        return List.copyOf(nodes.getOrDefault(accountId, new TreeMap<>()).values());
    }
}

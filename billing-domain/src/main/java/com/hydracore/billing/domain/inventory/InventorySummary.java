package com.hydracore.billing.domain.inventory;

import java.util.Collection;

/**
 * What the billing page counts of an account's inventory.
 *
 * @param activeInstances  instances whose status is active
 * @param webhostNodes     webhost nodes
 * @param totalHostedSites sites over all nodes
 */
public record InventorySummary(long activeInstances, long webhostNodes, long totalHostedSites) {

    /** An account with nothing. */
    public static final InventorySummary EMPTY = new InventorySummary(0, 0, 0);

    /** Counts {@code instances} and {@code nodes} of one account. */
    public static InventorySummary of(Collection<Instance> instances, Collection<WebhostNode> nodes) {
        long active = instances.stream().filter(i -> i.status() == InstanceStatus.ACTIVE).count();
        long sites = nodes.stream().mapToLong(WebhostNode::hostedSites).sum();
        return new InventorySummary(active, nodes.size(), sites);
    }
}

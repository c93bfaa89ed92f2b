package com.hydracore.billing.domain.inventory;

import com.hydracore.billing.domain.validation.Checks;

/**
 * A webhost node of an account and how many sites it hosts.
 *
 * @param accountId   owning account, 1–128 characters
 * @param nodeId      node id, 1–128 characters
 * @param hostedSites sites on the node, ≥ 0
 */
public record WebhostNode(String accountId, String nodeId, long hostedSites) {

    /** Validates every field at once. */
    public WebhostNode {
        Checks checks = new Checks();
        checks.text("account_id", accountId, 1, 128);
        checks.text("node_id", nodeId, 1, 128);
        checks.range("hosted_sites", hostedSites, 0, Integer.MAX_VALUE);
        checks.throwIfAny();
    }
}

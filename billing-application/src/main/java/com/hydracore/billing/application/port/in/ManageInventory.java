package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.WebhostNode;

/** Admin: keep an account's instances and webhost nodes in step with the platform. */
public interface ManageInventory {

    /** Inserts or replaces an instance; returns what is stored. */
    Instance putInstance(Instance instance);

    /** Inserts a node or replaces its hosted-site count; returns what is stored. */
    WebhostNode putNode(WebhostNode node);

    /**
     * Removes a node.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException when the account has no such node
     */
    void deleteNode(String accountId, String nodeId);
}

package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.inventory.WebhostNode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's agent instances and webhost nodes. Instance and node ids are scoped to their account.
 *
 * <p>Safe for concurrent use (ingestion registers instances from many requests at once). Implementations are checked
 * by {@code com.hydracore.billing.application.contract.InventoryContract} in this module's test-jar.
 *
 * <p>A call that cannot reach the store (no connection in time, a connection that broke) throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain, rather
 * than its own connection error: the server answers it 503 and the caller retries.
 */
public interface Inventory {

    /** Inserts the instance, or replaces the one with the same account and id. */
    void saveInstance(Instance instance);

    /**
     * Registers as {@link Instance#discovered discovered} every instance its account's inventory does not know yet;
     * known instances are left as they are. Idempotent. Takes several accounts at once because one batch of usage
     * names instances of many accounts, and ingestion calls this for every batch.
     *
     * @param instanceIdsByAccount account id → instance ids
     */
    void registerDiscovered(Map<String, ? extends Collection<String>> instanceIdsByAccount);

    /** The account's instances, ordered by instance id in {@link String#compareTo} (binary) order. */
    List<Instance> instances(String accountId);

    /** One instance of the account; empty when unknown to this account. */
    Optional<Instance> instance(String accountId, String instanceId);

    /** Inserts the node, or replaces its hosted-site count. */
    void saveNode(WebhostNode node);

    /** Removes the node; returns whether it existed. */
    boolean deleteNode(String accountId, String nodeId);

    /** The account's webhost nodes, ordered by node id in {@link String#compareTo} (binary) order. */
    List<WebhostNode> nodes(String accountId);

    /**
     * The counts the billing overview shows: {@code active} instances, nodes and their hosted sites. The overview
     * asks on every page view, so a store should count where the rows are rather than send every row over.
     */
    default InventorySummary summary(String accountId) {
        return InventorySummary.of(instances(accountId), nodes(accountId));
    }
}

package com.hydracore.billing.adapter.persistence;

import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOST_NODE;

import com.hydracore.billing.adapter.persistence.generated.tables.records.InstanceRecord;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.WebhostNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep4;

/** Instances and webhost nodes in the {@code instance} and {@code webhost_node} tables. */
final class JooqInventory implements Inventory {

    private final DSLContext dsl;

    JooqInventory(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void saveInstance(Instance instance) {
        Upserts.retryingOnRace(() -> dsl.insertInto(INSTANCE, INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID,
                        INSTANCE.NAME, INSTANCE.STATUS)
                .values(instance.accountId(), instance.instanceId(), instance.name(), instance.status().wireName())
                .onConflict(INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID).doUpdate()
                .set(INSTANCE.NAME, instance.name())
                .set(INSTANCE.STATUS, instance.status().wireName())
                .execute());
    }

    @Override
    public void registerDiscovered(String accountId, Collection<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return;
        }
        // Sorted, so that concurrent batches lock rows in the same order and cannot deadlock.
        InsertValuesStep4<InstanceRecord, String, String, String, String> insert = dsl.insertInto(INSTANCE,
                INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID, INSTANCE.NAME, INSTANCE.STATUS);
        for (String id : new TreeSet<>(instanceIds)) {
            Instance discovered = Instance.discovered(accountId, id);
            insert = insert.values(accountId, id, discovered.name(), discovered.status().wireName());
        }
        var upsert = insert.onConflictDoNothing();
        Upserts.retryingOnRace(upsert::execute);
    }

    @Override
    public List<Instance> instances(String accountId) {
        return dsl.selectFrom(INSTANCE).where(INSTANCE.ACCOUNT_ID.eq(accountId)).orderBy(INSTANCE.INSTANCE_ID)
                .fetch(JooqInventory::toInstance);
    }

    @Override
    public Optional<Instance> instance(String accountId, String instanceId) {
        return dsl.selectFrom(INSTANCE).where(INSTANCE.ACCOUNT_ID.eq(accountId), INSTANCE.INSTANCE_ID.eq(instanceId))
                .fetchOptional(JooqInventory::toInstance);
    }

    @Override
    public void saveNode(WebhostNode node) {
        Upserts.retryingOnRace(() -> dsl.insertInto(WEBHOST_NODE, WEBHOST_NODE.ACCOUNT_ID, WEBHOST_NODE.NODE_ID,
                        WEBHOST_NODE.HOSTED_SITES)
                .values(node.accountId(), node.nodeId(), node.hostedSites())
                .onConflict(WEBHOST_NODE.ACCOUNT_ID, WEBHOST_NODE.NODE_ID).doUpdate()
                .set(WEBHOST_NODE.HOSTED_SITES, node.hostedSites())
                .execute());
    }

    @Override
    public boolean deleteNode(String accountId, String nodeId) {
        return dsl.deleteFrom(WEBHOST_NODE)
                .where(WEBHOST_NODE.ACCOUNT_ID.eq(accountId), WEBHOST_NODE.NODE_ID.eq(nodeId)).execute() > 0;
    }

    @Override
    public List<WebhostNode> nodes(String accountId) {
        return dsl.selectFrom(WEBHOST_NODE).where(WEBHOST_NODE.ACCOUNT_ID.eq(accountId))
                .orderBy(WEBHOST_NODE.NODE_ID)
                .fetch(r -> new WebhostNode(r.getAccountId(), r.getNodeId(), r.getHostedSites()));
    }

    private static Instance toInstance(InstanceRecord r) {
        return new Instance(r.getAccountId(), r.getInstanceId(), r.getName(),
                InstanceStatus.fromWireName(r.getStatus()).orElseThrow(
                        () -> new IllegalStateException("unknown instance status in database: " + r.getStatus())));
    }
}

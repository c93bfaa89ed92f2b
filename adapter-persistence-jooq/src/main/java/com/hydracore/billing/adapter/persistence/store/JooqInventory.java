package com.hydracore.billing.adapter.persistence.store;

import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOST_NODE;
import static org.jooq.impl.DSL.excluded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hydracore.billing.adapter.persistence.generated.tables.records.InstanceRecord;
import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.Engine;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.sql.Rows;
import com.hydracore.billing.adapter.persistence.sql.Unnest;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.InventorySummary;
import com.hydracore.billing.domain.inventory.WebhostNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep4;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Instances and webhost nodes in the {@code instance} and {@code webhost_node} tables. Upserts take their new values
 * from {@code EXCLUDED}, as a distributed PostgreSQL requires (see {@link JooqSubscriptionStore#save}).
 */
public final class JooqInventory implements Inventory {

    private static final Binds.Name<String> ACCOUNT = Binds.Name.of("account", INSTANCE.ACCOUNT_ID);
    private static final Binds.Name<String> INSTANCE_ID = Binds.Name.of("instance", INSTANCE.INSTANCE_ID);
    private static final Binds.Name<String> ACTIVE = Binds.Name.of("active", INSTANCE.STATUS);
    private static final Field<Integer> ACTIVE_INSTANCES = DSL.field(DSL.name("active_instances"), Integer.class);
    private static final Field<Integer> NODES = DSL.count().as("nodes");
    private static final Field<BigDecimal> HOSTED_SITES = DSL.sum(WEBHOST_NODE.HOSTED_SITES).as("hosted_sites");

    /** Instances remembered as registered: about 150 bytes each. */
    static final long REGISTERED_KEPT = 100_000;

    private final DSLContext dsl;
    private final Engine engine;
    private final RenderedReads reads;
    /**
     * Instances this process has seen registered. Every batch of usage names its instances, nearly always known ones,
     * and instance rows are never deleted, so a registration once committed stays true: those are not sent again.
     * Bounded; a forgotten one costs one more insert that does nothing.
     */
    private final Cache<Registered, Boolean> registered = Caffeine.newBuilder()
            .maximumSize(REGISTERED_KEPT).build();

    private record Registered(String accountId, String instanceId) {
    }

    /** The inventory in {@code dsl}'s database, which runs on {@code engine}. */
    public JooqInventory(DSLContext dsl, Engine engine) {
        this.dsl = dsl;
        this.engine = engine;
        this.reads = new RenderedReads(dsl);
    }

    @Override
    public void saveInstance(Instance instance) {
        ConflictRetry.run(() -> dsl.insertInto(INSTANCE, INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID, INSTANCE.NAME,
                        INSTANCE.STATUS)
                .values(instance.accountId(), instance.instanceId(), instance.name(), instance.status().wireName())
                .onConflict(INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID).doUpdate()
                .set(INSTANCE.NAME, excluded(INSTANCE.NAME))
                .set(INSTANCE.STATUS, excluded(INSTANCE.STATUS))
                .execute());
    }

    @Override
    public void registerDiscovered(Map<String, ? extends Collection<String>> instanceIdsByAccount) {
        // Sorted, so that concurrent calls lock rows in the same order and cannot deadlock; a concurrent call may
        // register the same ids meanwhile, which ON CONFLICT DO NOTHING (or a retry of H2's MERGE) absorbs.
        SortedMap<String, SortedSet<String>> sorted = new TreeMap<>();
        instanceIdsByAccount.forEach((account, ids) -> ids.forEach(id -> {
            if (registered.getIfPresent(new Registered(account, id)) == null) {
                sorted.computeIfAbsent(account, a -> new TreeSet<>()).add(id);
            }
        }));
        if (sorted.isEmpty()) {
            return;
        }
        if (engine == Engine.POSTGRES) {
            registerAtOnce(sorted);
        } else {
            sorted.forEach(this::registerUnknown);
        }
        // committed (each statement is its own transaction)
        sorted.forEach((account, ids) -> ids.forEach(id -> registered.put(new Registered(account, id), true)));
    }

    /**
     * Every batch of usage calls this with its instances, nearly all known: one statement for all accounts, whose
     * known rows cost an index probe and no write.
     */
    private void registerAtOnce(SortedMap<String, SortedSet<String>> ids) {
        List<Instance> discovered = new ArrayList<>();
        ids.forEach((account, accountIds) -> accountIds.forEach(id -> discovered.add(Instance.discovered(account, id))));
        Rows<Instance> rows = Rows.of(discovered)
                .column(INSTANCE.ACCOUNT_ID, Instance::accountId)
                .column(INSTANCE.INSTANCE_ID, Instance::instanceId)
                .column(INSTANCE.NAME, Instance::name)
                .column(INSTANCE.STATUS, i -> i.status().wireName());
        ConflictRetry.run(() -> dsl.insertInto(INSTANCE).columns(rows.columns())
                .select(Unnest.select(rows))
                .onConflictDoNothing()
                .execute());
    }

    /** H2: one read of which ids the account knows, and an insert of the others (rarely any). */
    private void registerUnknown(String accountId, SortedSet<String> instanceIds) {
        Set<String> unknown = new TreeSet<>(instanceIds);
        unknown.removeAll(dsl.select(INSTANCE.INSTANCE_ID).from(INSTANCE)
                .where(INSTANCE.ACCOUNT_ID.eq(accountId), INSTANCE.INSTANCE_ID.in(unknown))
                .fetch(INSTANCE.INSTANCE_ID));
        if (unknown.isEmpty()) {
            return;
        }
        InsertValuesStep4<InstanceRecord, String, String, String, String> insert = dsl.insertInto(INSTANCE,
                INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID, INSTANCE.NAME, INSTANCE.STATUS);
        for (String id : unknown) {
            Instance discovered = Instance.discovered(accountId, id);
            insert = insert.values(accountId, id, discovered.name(), discovered.status().wireName());
        }
        var upsert = insert.onConflictDoNothing();
        ConflictRetry.run(() -> upsert.execute());
    }

    @Override
    public List<Instance> instances(String accountId) {
        // Sorted here: the port orders by String#compareTo, a database by its collation; one account's list is short.
        return reads.fetch("instances of an account", () -> dsl.selectFrom(INSTANCE)
                        .where(INSTANCE.ACCOUNT_ID.eq(Binds.param(ACCOUNT))), new Binds().with(ACCOUNT, accountId))
                .stream()
                .map(r -> toInstance(r.into(INSTANCE)))
                .sorted(Comparator.comparing(Instance::instanceId)).toList();
    }

    @Override
    public Optional<Instance> instance(String accountId, String instanceId) {
        return reads.fetch("an instance", () -> dsl.selectFrom(INSTANCE)
                        .where(INSTANCE.ACCOUNT_ID.eq(Binds.param(ACCOUNT)), INSTANCE.INSTANCE_ID.eq(Binds.param(INSTANCE_ID))),
                new Binds().with(ACCOUNT, accountId).with(INSTANCE_ID, instanceId))
                .stream().findFirst().map(r -> toInstance(r.into(INSTANCE)));
    }

    @Override
    public void saveNode(WebhostNode node) {
        ConflictRetry.run(() -> dsl.insertInto(WEBHOST_NODE, WEBHOST_NODE.ACCOUNT_ID, WEBHOST_NODE.NODE_ID,
                        WEBHOST_NODE.HOSTED_SITES)
                .values(node.accountId(), node.nodeId(), node.hostedSites())
                .onConflict(WEBHOST_NODE.ACCOUNT_ID, WEBHOST_NODE.NODE_ID).doUpdate()
                .set(WEBHOST_NODE.HOSTED_SITES, excluded(WEBHOST_NODE.HOSTED_SITES))
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
                .fetch(r -> new WebhostNode(r.getAccountId(), r.getNodeId(), r.getHostedSites())).stream()
                .sorted(Comparator.comparing(WebhostNode::nodeId)).toList();
    }

    @Override
    public InventorySummary summary(String accountId) {
        // InventorySummary.of's counts, in one statement rendered once (see RenderedReads): the overview asks on
        // every page view; the inventory contract holds both to the same answers
        Record counts = reads.fetch("inventory summary", () -> dsl
                        // SELECT (SELECT count(*) FROM instance WHERE account_id = :account AND status = :active),
                        //        count(*), sum(hosted_sites) FROM webhost_node WHERE account_id = :account
                        .select(DSL.field(DSL.selectCount().from(INSTANCE).where(INSTANCE.ACCOUNT_ID.eq(
                                        Binds.param(ACCOUNT)), INSTANCE.STATUS.eq(Binds.param(ACTIVE))))
                                        .as(ACTIVE_INSTANCES), NODES, HOSTED_SITES)
                        .from(WEBHOST_NODE)
                        .where(WEBHOST_NODE.ACCOUNT_ID.eq(Binds.param(ACCOUNT))),
                new Binds().with(ACCOUNT, accountId).with(ACTIVE, InstanceStatus.ACTIVE.wireName())).get(0);
        BigDecimal sites = counts.get(HOSTED_SITES);
        return new InventorySummary(counts.get(ACTIVE_INSTANCES), counts.get(NODES),
                sites == null ? 0 : sites.longValueExact());
    }

    private static Instance toInstance(InstanceRecord r) {
        return new Instance(r.getAccountId(), r.getInstanceId(), r.getName(),
                InstanceStatus.fromWireName(r.getStatus()).orElseThrow(
                        () -> new IllegalStateException("unknown instance status in database: " + r.getStatus())));
    }
}

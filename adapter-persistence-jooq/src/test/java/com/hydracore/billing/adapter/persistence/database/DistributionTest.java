package com.hydracore.billing.adapter.persistence.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.adapter.persistence.database.Distribution.Schema;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the distribution step would run on Citus, decided from the schema alone, without a database. */
class DistributionTest {

    private static final Schema SCHEMA = new Schema(new TreeSet<>(Set.of("usage_event", "subscription", "instance")),
            new TreeSet<>(Set.of("tier", "webhook_message")));

    @Test
    void aFreshSchemaDistributesEveryTenantTableColocatedWithTheFirstAndCopiesTheCatalog() {
        Distribution.Plan plan = Distribution.plan(SCHEMA, Set.of());

        assertEquals(List.of(
                "SELECT create_distributed_table('\"instance\"', 'account_id', colocate_with => 'none')",
                "SELECT create_distributed_table('\"subscription\"', 'account_id', colocate_with => '\"instance\"')",
                "SELECT create_distributed_table('\"usage_event\"', 'account_id', colocate_with => '\"instance\"')",
                "SELECT create_reference_table('\"tier\"')"),
                plan.statements());
        assertEquals(List.of("webhook_message"), plan.leftOnCoordinator(), "other global tables stay as they are");
    }

    @Test
    void aSchemaAlreadyDistributedNeedsNothing() {
        assertEquals(List.of(), Distribution.plan(SCHEMA,
                Set.of("usage_event", "subscription", "instance", "tier")).statements());
    }

    @Test
    void aTenantTableALaterMigrationAddsJoinsTheGroupTheOthersAreInWhateverItsName() {
        Schema later = new Schema(new TreeSet<>(Set.of("aaa_later", "usage_event", "subscription", "instance")),
                new TreeSet<>(Set.of("tier")));

        assertEquals(List.of(
                "SELECT create_distributed_table('\"aaa_later\"', 'account_id', colocate_with => '\"instance\"')"),
                Distribution.plan(later, Set.of("usage_event", "subscription", "instance", "tier")).statements());
    }
}

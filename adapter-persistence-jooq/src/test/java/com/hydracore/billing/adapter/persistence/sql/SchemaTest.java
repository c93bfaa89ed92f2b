package com.hydracore.billing.adapter.persistence.sql;

import static com.hydracore.billing.adapter.persistence.generated.Tables.TIER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_DELIVERY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_ENDPOINT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_MESSAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.hydracore.billing.adapter.persistence.generated.DefaultSchema;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/** The schema, as generated from the migrations, is ready to be distributed by account. */
class SchemaTest {

    @Test
    void everyTenantTablesPrimaryKeyStartsWithAccountId() {
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            if (TenantPredicateGuard.TENANT_TABLES.contains(table.getName())) {
                assertNotNull(table.getPrimaryKey(), table.getName() + " has a primary key");
                assertEquals(TenantPredicateGuard.ACCOUNT_ID, table.getPrimaryKey().getFields().get(0).getName(),
                        "first primary key column of " + table.getName());
            }
        }
    }

    @Test
    void theOnlyTableWithoutAnAccountIsTheGlobalTierCatalog() {
        Set<String> global = DefaultSchema.DEFAULT_SCHEMA.getTables().stream()
                .map(Table::getName)
                .filter(name -> !TenantPredicateGuard.TENANT_TABLES.contains(name))
                .collect(Collectors.toSet());

        assertEquals(Set.of(TIER.getName(), WEBHOOK_ENDPOINT.getName(), WEBHOOK_MESSAGE.getName(),
                WEBHOOK_DELIVERY.getName()), global, "the tier catalog and the webhook outbox (V5)");
    }

    @Test
    void noTenantTableReferencesAnotherTableSoEachCanBeShardedAlone() {
        for (Table<?> table : DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            assertEquals(List.of(), table.getReferences(), "foreign keys of " + table.getName());
        }
    }
}

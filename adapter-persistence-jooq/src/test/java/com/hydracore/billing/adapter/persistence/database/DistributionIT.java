package com.hydracore.billing.adapter.persistence.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.persistence.database.Distribution.Result;
import com.hydracore.billing.adapter.persistence.database.Distribution.Schema;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.adapter.persistence.sql.TenantPredicateGuard;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The distribution step where Citus is absent (plain PostgreSQL, H2): it finds so and does nothing. */
class DistributionIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void openingWithoutCitusDistributesNothingAndFailsNothing(Kind kind) {
        try (BillingDatabase db = TestDatabases.fresh(kind).open(new StatementGuards())) {
            assertEquals(Result.NO_CITUS, db.distribution());
            DSLContext dsl = TestDatabases.unguarded(db);
            assertFalse(dsl.connectionResult(Distribution::hasCitus));
            assertEquals(Result.NO_CITUS, dsl.connectionResult(c -> Distribution.apply(db.description(), c)),
                    "a second run is as quiet");
        }
    }

    @Test
    void theTablesToDistributeAreReadFromTheMigratedSchemaIncludingOnesAddedLater() {
        try (BillingDatabase db = TestDatabases.fresh(Kind.POSTGRES).open()) {
            DSLContext dsl = TestDatabases.unguarded(db);

            Schema schema = dsl.connectionResult(Distribution::schemaOf);
            assertEquals(TenantPredicateGuard.TENANT_TABLES, schema.tenant(), "every table with an account_id");
            assertTrue(schema.global().contains("tier"), "the catalog");
            assertFalse(schema.global().contains("flyway_schema_history"), "Flyway's history is nobody's to move");

            // as a later migration would add one; what is distributed already stays as it is
            dsl.execute("CREATE TABLE later_tenant_table (account_id VARCHAR(256) NOT NULL, item_id VARCHAR(256)"
                    + " NOT NULL, PRIMARY KEY (account_id, item_id))");
            Schema later = dsl.connectionResult(Distribution::schemaOf);
            Set<String> distributed = new TreeSet<>(schema.tenant());
            distributed.addAll(schema.global());
            assertEquals(List.of("SELECT create_distributed_table('\"later_tenant_table\"', 'account_id', "
                            + "colocate_with => '\"" + schema.tenant().first() + "\"')"),
                    Distribution.plan(later, distributed).statements());
        }
    }
}

package com.hydracore.billing.adapter.persistence.database;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOST_NODE;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import com.hydracore.billing.adapter.persistence.sql.TenantPredicateGuard;
import com.hydracore.billing.adapter.persistence.sql.UpsertSetGuard;

/** The guards the contract run relies on are really installed on the databases that run shares. */
class StatementGuardsInstalledIT {

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStatementOnATenantTableWithoutAnAccountIsRefusedBeforeItRuns(Kind kind) {
        var dsl = TestDatabases.shared(kind).dsl();

        assertThrows(TenantPredicateGuard.TenancyViolation.class, () -> dsl.selectFrom(USAGE_DAILY).fetch());
        assertThrows(TenantPredicateGuard.TenancyViolation.class,
                () -> dsl.deleteFrom(USAGE_EVENT).where(USAGE_EVENT.EVENT_ID.eq("x")).execute());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStatementPinnedToOneAccountRuns(Kind kind) {
        var dsl = TestDatabases.shared(kind).dsl();

        assertDoesNotThrow(() -> dsl.selectFrom(USAGE_DAILY).where(USAGE_DAILY.ACCOUNT_ID.eq("a")).fetch());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUpsertBindingItsValuesAgainInItsUpdateClauseIsRefusedBeforeItRuns(Kind kind) {
        var dsl = TestDatabases.shared(kind).dsl();

        assertThrows(UpsertSetGuard.UpsertViolation.class, () -> dsl.insertInto(WEBHOST_NODE,
                        WEBHOST_NODE.ACCOUNT_ID, WEBHOST_NODE.NODE_ID, WEBHOST_NODE.HOSTED_SITES)
                .values("a", "n", 1L)
                .onConflict(WEBHOST_NODE.ACCOUNT_ID, WEBHOST_NODE.NODE_ID).doUpdate()
                .set(WEBHOST_NODE.HOSTED_SITES, 1L)
                .execute());
    }
}

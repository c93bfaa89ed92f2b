package com.hydracore.billing.adapter.persistence;

import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The guard that runs during the whole contract run must itself be able to fail. */
class TenantPredicateGuardIT {

    @Test
    void aStatementOnATenantTableWithoutAccountIdIsRefused() {
        var dsl = TestDatabases.postgres().dsl();
        assertThrows(Throwable.class, () -> dsl.selectFrom(USAGE_DAILY).fetch());
        assertThrows(Throwable.class, () -> dsl.deleteFrom(USAGE_EVENT).where(USAGE_EVENT.EVENT_ID.eq("x")).execute());
    }

    @Test
    void aStatementFilteredByAccountPasses() {
        var dsl = TestDatabases.postgres().dsl();
        assertDoesNotThrow(() -> dsl.selectFrom(USAGE_DAILY).where(USAGE_DAILY.ACCOUNT_ID.eq("a")).fetch());
    }
}

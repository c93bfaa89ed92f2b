package com.hydracore.billing.adapter.persistence.sql;

import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.SUBSCRIPTION;
import static com.hydracore.billing.adapter.persistence.generated.Tables.TIER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_EVENT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOST_NODE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The tenancy guard judged on statements alone, without a database: it must be able to fail. */
class TenantPredicateGuardTest {

    private final DSLContext dsl = DSL.using(SQLDialect.POSTGRES);

    @Test
    void theTenantTablesAreEveryTableButTheCatalog() {
        assertEquals(Set.of(SUBSCRIPTION.getName(), INSTANCE.getName(), WEBHOST_NODE.getName(), USAGE_EVENT.getName(),
                USAGE_DAILY.getName(), "usage_month_end_user", "usage_month_instance_end_user", "end_user_last_day",
                "instance_end_user_last_day", "end_users_by_last_day", "instance_end_users_by_last_day", "trial_alert",
                "usage_account_daily", "usage_model_daily", "usage_day_block", "usage_model_quarter_hour",
                "usage_instance_quarter_hour", "usage_month_conversation", "conversation_last_day",
                "conversations_by_last_day", "quota_reservation", "quota_account"),
                TenantPredicateGuard.TENANT_TABLES);
    }

    @Test
    void aSelectWithoutAnyPredicateIsRefused() {
        assertRefused(dsl.selectFrom(USAGE_DAILY));
    }

    @Test
    void everyBranchOfAUnionIsJudged() {
        assertRefused(dsl.select(USAGE_DAILY.INSTANCE_ID).from(USAGE_DAILY).where(USAGE_DAILY.ACCOUNT_ID.eq("acme"))
                .unionAll(DSL.select(INSTANCE.INSTANCE_ID).from(INSTANCE)));
        assertRefused(dsl.select(USAGE_DAILY.INSTANCE_ID).from(USAGE_DAILY).where(USAGE_DAILY.ACCOUNT_ID.eq("acme"))
                .unionAll(DSL.select(INSTANCE.INSTANCE_ID).from(INSTANCE).where(INSTANCE.ACCOUNT_ID.eq("acme")))
                .unionAll(DSL.select(WEBHOST_NODE.NODE_ID).from(WEBHOST_NODE)));
        // a union whose every branch pins the account passes (the page's breakdown is one)
        assertAccepted(dsl.select(USAGE_DAILY.INSTANCE_ID).from(USAGE_DAILY).where(USAGE_DAILY.ACCOUNT_ID.eq("acme"))
                .unionAll(DSL.select(INSTANCE.INSTANCE_ID).from(INSTANCE).where(INSTANCE.ACCOUNT_ID.eq("acme"))));
    }

    @Test
    void aSelectFilteredOnAnotherColumnOnlyIsRefused() {
        assertRefused(dsl.selectFrom(USAGE_EVENT).where(USAGE_EVENT.EVENT_ID.eq("e1")));
    }

    @Test
    void anAccountPredicateUnderAnOrRestrictsNothingAndIsRefused() {
        assertRefused(dsl.selectFrom(USAGE_EVENT)
                .where(USAGE_EVENT.ACCOUNT_ID.eq("acme").or(USAGE_EVENT.EVENT_ID.eq("e1"))));
    }

    @Test
    void comparingAccountIdWithItselfIsRefused() {
        assertRefused(dsl.selectFrom(USAGE_EVENT).where(USAGE_EVENT.ACCOUNT_ID.eq(USAGE_EVENT.ACCOUNT_ID)));
    }

    @Test
    void aNotExistsSubqueryIsJudgedLikeAnyOtherSelect() {
        Table<?> rows = DSL.table("unnest(?)", (Object) new String[] {"acme"}).as("r", "account_id");
        assertRefused(dsl.selectOne().from(rows).whereNotExists(DSL.selectOne().from(USAGE_DAILY)
                .where(USAGE_DAILY.ACCOUNT_ID.eq(DSL.field(DSL.name("r", "account_id"), String.class)))));
        assertAccepted(dsl.selectOne().from(rows).whereNotExists(DSL.selectOne().from(USAGE_DAILY)
                .where(USAGE_DAILY.ACCOUNT_ID.in("acme"), USAGE_DAILY.ACCOUNT_ID.eq(DSL.field(DSL.name("r", "account_id"), String.class)))));
    }

    @Test
    void updatesAndDeletesWithoutAnAccountPredicateAreRefused() {
        assertRefused(dsl.update(INSTANCE).set(INSTANCE.NAME, "x").where(INSTANCE.INSTANCE_ID.eq("i")));
        assertRefused(dsl.deleteFrom(WEBHOST_NODE).where(WEBHOST_NODE.NODE_ID.eq("n")));
    }

    @Test
    void anUpsertWhoseConflictTargetDoesNotStartWithAccountIdIsRefused() {
        assertRefused(dsl.insertInto(INSTANCE, INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID, INSTANCE.NAME,
                        INSTANCE.STATUS)
                .values("acme", "i", "n", "active")
                .onConflict(INSTANCE.INSTANCE_ID, INSTANCE.ACCOUNT_ID).doNothing());
    }

    @Test
    void plainSqlOnATenantTableIsRefusedBecauseNothingCanCheckIt() {
        assertRefused(dsl.query("delete from " + USAGE_EVENT.getName()));
        assertRefused(dsl.truncate(USAGE_DAILY));
    }

    @Test
    void statementsPinnedToOneAccountPass() {
        assertAccepted(dsl.selectFrom(USAGE_DAILY).where(USAGE_DAILY.ACCOUNT_ID.eq("acme"),
                USAGE_DAILY.USAGE_DAY.between(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31)),
                USAGE_DAILY.INSTANCE_ID.eq("i")));
        assertAccepted(dsl.selectFrom(USAGE_EVENT).where(USAGE_EVENT.ACCOUNT_ID.in("acme", "globex")));
        assertAccepted(dsl.update(INSTANCE).set(INSTANCE.NAME, "x")
                .where(INSTANCE.INSTANCE_ID.eq("i").and(INSTANCE.ACCOUNT_ID.eq("acme"))));
        assertAccepted(dsl.deleteFrom(WEBHOST_NODE).where(WEBHOST_NODE.ACCOUNT_ID.eq("acme")));
        assertAccepted(dsl.insertInto(INSTANCE, INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID, INSTANCE.NAME,
                        INSTANCE.STATUS)
                .values("acme", "i", "n", "active")
                .onConflict(INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID).doNothing());
    }

    @Test
    void theGlobalCatalogNeedsNoAccount() {
        assertAccepted(dsl.selectFrom(TIER));
    }

    @Test
    void nestedSelectsAreJudgedLikeTopLevelOnes() {
        Table<?> unpinned = dsl.select(USAGE_DAILY.INSTANCE_ID).from(USAGE_DAILY).asTable("d");
        Table<?> pinned = dsl.select(USAGE_DAILY.INSTANCE_ID).from(USAGE_DAILY)
                .where(USAGE_DAILY.ACCOUNT_ID.eq("acme")).asTable("d");

        assertRefused(dsl.selectCount().from(unpinned));
        assertRefused(dsl.select(DSL.field(dsl.selectCount().from(USAGE_DAILY))));
        assertRefused(dsl.select(DSL.field(dsl.selectCount().from(unpinned))));
        assertAccepted(dsl.selectCount().from(pinned));
        assertAccepted(dsl.select(DSL.field(dsl.selectCount().from(pinned))).from(USAGE_EVENT)
                .where(USAGE_EVENT.ACCOUNT_ID.eq("acme")));
    }

    @Test
    void eachSideOfAJoinIsJudgedLikeATableListedAlone() {
        Table<?> unpinned = dsl.select(USAGE_DAILY.USAGE_DAY).from(USAGE_DAILY).asTable("d");
        Table<?> pinned = dsl.select(USAGE_DAILY.USAGE_DAY).from(USAGE_DAILY)
                .where(USAGE_DAILY.ACCOUNT_ID.eq("acme")).asTable("d");
        Field<LocalDate> day = DSL.field(DSL.name("d", "usage_day"), LocalDate.class);

        assertRefused(dsl.selectCount().from(USAGE_EVENT.leftJoin(USAGE_DAILY).on(DSL.trueCondition()))
                .where(USAGE_EVENT.ACCOUNT_ID.eq("acme")));
        assertRefused(dsl.selectCount().from(USAGE_ACCOUNT_DAILY.leftJoin(pinned)
                .on(day.eq(USAGE_ACCOUNT_DAILY.USAGE_DAY))));
        assertRefused(dsl.selectCount().from(USAGE_ACCOUNT_DAILY.leftJoin(unpinned)
                .on(day.eq(USAGE_ACCOUNT_DAILY.USAGE_DAY))).where(USAGE_ACCOUNT_DAILY.ACCOUNT_ID.eq("acme")));
        assertAccepted(dsl.selectCount().from(USAGE_ACCOUNT_DAILY.leftJoin(pinned)
                .on(day.eq(USAGE_ACCOUNT_DAILY.USAGE_DAY))).where(USAGE_ACCOUNT_DAILY.ACCOUNT_ID.eq("acme")));
    }

    @Test
    void aSubqueryTheGuardCannotReachIsRefusedEvenWhenPinned() {
        assertRefused(dsl.selectFrom(USAGE_EVENT).where(USAGE_EVENT.ACCOUNT_ID.eq("acme"),
                USAGE_EVENT.INSTANCE_ID.in(dsl.select(USAGE_DAILY.INSTANCE_ID).from(USAGE_DAILY)
                        .where(USAGE_DAILY.ACCOUNT_ID.eq("acme")))));
    }

    private static void assertRefused(Query query) {
        List<String> problems = TenantPredicateGuard.problems(query);
        assertFalse(problems.isEmpty(), "should be refused: " + query.getSQL());
    }

    private static void assertAccepted(Query query) {
        List<String> problems = TenantPredicateGuard.problems(query);
        assertTrue(problems.isEmpty(), problems + ": " + query.getSQL());
    }
}

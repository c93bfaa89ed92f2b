package com.hydracore.billing.adapter.persistence.sql;

import static com.hydracore.billing.adapter.persistence.generated.Sequences.SUBSCRIPTION_SAVED_ORDER;
import static com.hydracore.billing.adapter.persistence.generated.Tables.END_USER_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.SUBSCRIPTION;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_ACCOUNT_DAILY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.USAGE_DAILY;
import static org.jooq.impl.DSL.excluded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/** The upsert guard judged on statements alone, without a database: it must be able to fail. */
class UpsertSetGuardTest {

    private static final OffsetDateTime MARCH_FIRST = OffsetDateTime.of(2026, 3, 1, 9, 30, 0, 0, ZoneOffset.UTC);

    /** As the adapter renders: no schema. */
    private final DSLContext dsl = DSL.using(SQLDialect.POSTGRES, new Settings().withRenderSchema(false));

    @Test
    void theSubscriptionUpsertThatBrokeOnCitusIsRefusedBothAsBuiltAndAsSent() {
        // JooqSubscriptionStore.save before issue 23: the update clause bound its values again
        Query old = dsl.insertInto(SUBSCRIPTION)
                .set(SUBSCRIPTION.ACCOUNT_ID, "acme")
                .set(SUBSCRIPTION.SUBSCRIPTION_ID, "sub-1")
                .set(SUBSCRIPTION.TIER_ID, "pro")
                .set(SUBSCRIPTION.STARTED_AT, MARCH_FIRST)
                .set(SUBSCRIPTION.CANCEL_AT_PERIOD_END, false)
                .set(SUBSCRIPTION.SAVED_ORDER, SUBSCRIPTION_SAVED_ORDER.nextval())
                .onConflict(SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID).doUpdate()
                .set(SUBSCRIPTION.TIER_ID, "pro")
                .set(SUBSCRIPTION.STARTED_AT, MARCH_FIRST)
                .set(SUBSCRIPTION.CANCEL_AT_PERIOD_END, false);

        assertEquals(3, UpsertSetGuard.problems(old).size(), UpsertSetGuard.problems(old).toString());
        List<String> asSent = UpsertSetGuard.problemsOfSql(old.getSQL());
        assertTrue(asSent.stream().anyMatch(p -> p.contains("cast(")), asSent + ": " + old.getSQL());
        assertTrue(asSent.stream().anyMatch(p -> p.contains("bound value")), asSent.toString());
    }

    @Test
    void theStatementCitusRefusedIsRefusedAsText() {
        assertRefusedSql("insert into \"subscription\" (\"account_id\", \"subscription_id\", \"started_at\","
                + " \"saved_order\") values (?, ?, cast(? as timestamp(6) with time zone),"
                + " nextval('\"subscription_saved_order\"')) on conflict (\"account_id\", \"subscription_id\")"
                + " do update set \"started_at\" = cast(? as timestamp(6) with time zone)");
        assertRefusedSql("insert into subscription (account_id, subscription_id, started_at) values ($1, $2, $3)"
                + " on conflict (account_id, subscription_id) do update set started_at = $3::timestamptz");
    }

    @Test
    void valuesTakenFromExcludedPass() {
        assertAccepted(dsl.insertInto(SUBSCRIPTION)
                .set(SUBSCRIPTION.ACCOUNT_ID, "acme")
                .set(SUBSCRIPTION.SUBSCRIPTION_ID, "sub-1")
                .set(SUBSCRIPTION.STARTED_AT, MARCH_FIRST)
                .set(SUBSCRIPTION.SAVED_ORDER, SUBSCRIPTION_SAVED_ORDER.nextval())
                .onConflict(SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID).doUpdate()
                .set(SUBSCRIPTION.STARTED_AT, excluded(SUBSCRIPTION.STARTED_AT)));
    }

    @Test
    void arithmeticAndBitOperatorsOverTheRowAndExcludedPassWhateverTheWhereAndReturningSay() {
        assertAccepted(dsl.insertInto(USAGE_DAILY, USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.TOKENS, USAGE_DAILY.REQUESTS)
                .values("acme", 1L, 1L)
                .onConflict(USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY, USAGE_DAILY.INSTANCE_ID).doUpdate()
                .set(USAGE_DAILY.TOKENS, USAGE_DAILY.TOKENS.plus(excluded(USAGE_DAILY.TOKENS)).minus(DSL.inline(0L)))
                .set(USAGE_DAILY.REQUESTS, DSL.bitOr(USAGE_DAILY.REQUESTS, DSL.bitNot(excluded(USAGE_DAILY.REQUESTS))))
                .set(USAGE_DAILY.COST_MICROS, DSL.inline(0L)));
        assertAccepted(dsl.insertInto(END_USER_LAST_DAY, END_USER_LAST_DAY.ACCOUNT_ID, END_USER_LAST_DAY.END_USER_ID,
                        END_USER_LAST_DAY.LAST_DAY)
                .values("acme", "u1", 20_513)
                .onConflict(END_USER_LAST_DAY.ACCOUNT_ID, END_USER_LAST_DAY.END_USER_ID).doUpdate()
                .set(END_USER_LAST_DAY.PREV_DAY, END_USER_LAST_DAY.LAST_DAY)
                .set(END_USER_LAST_DAY.LAST_DAY, excluded(END_USER_LAST_DAY.LAST_DAY))
                .where(END_USER_LAST_DAY.LAST_DAY.lt(excluded(END_USER_LAST_DAY.LAST_DAY)))
                .returningResult(END_USER_LAST_DAY.PREV_DAY, END_USER_LAST_DAY.LAST_DAY));
    }

    @Test
    void aCaseComparingTheRowWithExcludedPasses() {
        // the last-day upsert (PostgresUsageWriter.moveLastDays): keep or replace the month's days
        assertAccepted(dsl.insertInto(END_USER_LAST_DAY, END_USER_LAST_DAY.ACCOUNT_ID, END_USER_LAST_DAY.END_USER_ID,
                        END_USER_LAST_DAY.LAST_DAY, END_USER_LAST_DAY.USAGE_MONTH, END_USER_LAST_DAY.DAY_BITS)
                .values("acme", "u1", 20_260_302, 202_603, 2L)
                .onConflict(END_USER_LAST_DAY.ACCOUNT_ID, END_USER_LAST_DAY.END_USER_ID).doUpdate()
                .set(END_USER_LAST_DAY.PREV_MONTH, END_USER_LAST_DAY.USAGE_MONTH)
                .set(END_USER_LAST_DAY.USAGE_MONTH, DSL.when(END_USER_LAST_DAY.USAGE_MONTH.lt(
                        excluded(END_USER_LAST_DAY.USAGE_MONTH)), excluded(END_USER_LAST_DAY.USAGE_MONTH))
                        .otherwise(END_USER_LAST_DAY.USAGE_MONTH))
                .set(END_USER_LAST_DAY.DAY_BITS, DSL.when(END_USER_LAST_DAY.USAGE_MONTH.lt(
                                excluded(END_USER_LAST_DAY.USAGE_MONTH)), excluded(END_USER_LAST_DAY.DAY_BITS))
                        .when(END_USER_LAST_DAY.USAGE_MONTH.eq(excluded(END_USER_LAST_DAY.USAGE_MONTH))
                                        .and(DSL.not(END_USER_LAST_DAY.DAY_BITS.ge(DSL.inline(0L)))),
                                DSL.bitOr(END_USER_LAST_DAY.DAY_BITS, excluded(END_USER_LAST_DAY.DAY_BITS)))
                        .otherwise(END_USER_LAST_DAY.DAY_BITS))
                .where(END_USER_LAST_DAY.USAGE_MONTH.ne(excluded(END_USER_LAST_DAY.USAGE_MONTH)))
                .returningResult(END_USER_LAST_DAY.PREV_MONTH, END_USER_LAST_DAY.USAGE_MONTH));
    }

    @Test
    void aCaseIsJudgedWholeSoAFunctionAnywhereInItIsRefused() {
        // in a condition, a result or the ELSE
        assertRefused(sumsUpsert().set(USAGE_DAILY.TOKENS, DSL.when(excluded(USAGE_DAILY.TOKENS)
                        .gt(DSL.abs(USAGE_DAILY.TOKENS)), excluded(USAGE_DAILY.TOKENS)).otherwise(USAGE_DAILY.TOKENS)));
        assertRefused(dsl.insertInto(SUBSCRIPTION, SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID)
                .values("acme", "s")
                .onConflict(SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID).doUpdate()
                .set(SUBSCRIPTION.CANCELED_AT, DSL.when(SUBSCRIPTION.CANCELED_AT.isNull(),
                        DSL.currentOffsetDateTime()).otherwise(SUBSCRIPTION.CANCELED_AT)));
        assertRefused(sumsUpsert().set(USAGE_DAILY.TOKENS, DSL.when(excluded(USAGE_DAILY.TOKENS)
                .gt(USAGE_DAILY.TOKENS), excluded(USAGE_DAILY.TOKENS)).otherwise(DSL.val(0L))));
        assertRefusedSql("insert into subscription (account_id, subscription_id) values ('a', 's')"
                + " on conflict (account_id, subscription_id) do update set canceled_at = case when"
                + " excluded.canceled_at > canceled_at then now() else canceled_at end");
        assertRefusedSql("insert into subscription (account_id, subscription_id) values ('a', 's')"
                + " on conflict (account_id, subscription_id) do update set canceled_at = case when"
                + " canceled_at < current_timestamp then excluded.canceled_at else canceled_at end");
        assertRefusedSql("insert into usage_daily (account_id, tokens) values ('a', 1) on conflict (account_id)"
                + " do update set tokens = case when excluded.tokens > random() then 1 else 0 end");
    }

    @Test
    void aBoundValueIsRefusedEvenWithoutACast() {
        assertRefused(dsl.insertInto(INSTANCE, INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID, INSTANCE.NAME)
                .values("acme", "i", "n")
                .onConflict(INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID).doUpdate()
                .set(INSTANCE.NAME, "n"));
    }

    @Test
    void functionCallsAndCastsAreRefused() {
        assertRefused(sumsUpsert().set(USAGE_DAILY.TOKENS, DSL.greatest(USAGE_DAILY.TOKENS,
                excluded(USAGE_DAILY.TOKENS))));
        assertRefused(sumsUpsert().set(USAGE_DAILY.TOKENS, DSL.cast(excluded(USAGE_DAILY.COST_MICROS).plus(1),
                SQLDataType.BIGINT).coerce(Long.class)));
        assertRefused(dsl.insertInto(SUBSCRIPTION, SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID)
                .values("acme", "s")
                .onConflict(SUBSCRIPTION.ACCOUNT_ID, SUBSCRIPTION.SUBSCRIPTION_ID).doUpdate()
                .set(SUBSCRIPTION.CANCELED_AT, DSL.currentOffsetDateTime()));
        assertRefusedSql("insert into usage_daily (account_id, tokens) values ('a', 1) on conflict (account_id)"
                + " do update set tokens = excluded.tokens::bigint");
        assertRefusedSql("insert into usage_daily (account_id, tokens) values ('a', 1) on conflict (account_id)"
                + " do update set tokens = abs(excluded.tokens)");
        assertRefusedSql("insert into subscription (account_id, subscription_id) values ('a', 's')"
                + " on conflict (account_id, subscription_id) do update set canceled_at = current_timestamp");
        assertRefusedSql("insert into subscription (account_id, subscription_id) values ('a', 's')"
                + " on conflict (account_id, subscription_id) do update set canceled_at = timestamptz '2026-03-01'");
    }

    @Test
    void aSubqueryOrAnotherTablesColumnIsRefused() {
        assertRefused(sumsUpsert().set(USAGE_DAILY.TOKENS, DSL.field(DSL.select(USAGE_ACCOUNT_DAILY.TOKENS)
                .from(USAGE_ACCOUNT_DAILY).where(USAGE_ACCOUNT_DAILY.ACCOUNT_ID.eq("acme")))));
        assertRefused(sumsUpsert().set(USAGE_DAILY.TOKENS, USAGE_ACCOUNT_DAILY.TOKENS));
        assertRefusedSql("insert into usage_daily (account_id, tokens) values ('a', 1) on conflict (account_id)"
                + " do update set tokens = (select 1)");
    }

    @Test
    void statementsWithoutAnUpdateClauseAreNotJudged() {
        assertAccepted(dsl.insertInto(INSTANCE, INSTANCE.ACCOUNT_ID, INSTANCE.INSTANCE_ID, INSTANCE.NAME)
                .values("acme", "i", "do update set name = now()")
                .onConflictDoNothing());
        assertAccepted(dsl.update(INSTANCE).set(INSTANCE.NAME, "x").where(INSTANCE.ACCOUNT_ID.eq("acme")));
    }

    private org.jooq.InsertOnDuplicateSetStep<?> sumsUpsert() {
        return dsl.insertInto(USAGE_DAILY, USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.TOKENS).values("acme", 1L)
                .onConflict(USAGE_DAILY.ACCOUNT_ID, USAGE_DAILY.USAGE_DAY, USAGE_DAILY.INSTANCE_ID).doUpdate();
    }

    /** Refused as jOOQ built it, and as PostgreSQL would be sent it. */
    private static void assertRefused(Query query) {
        assertFalse(UpsertSetGuard.problems(query).isEmpty(), "should be refused as built: " + query.getSQL());
        assertRefusedSql(query.getSQL());
    }

    private static void assertRefusedSql(String sql) {
        assertFalse(UpsertSetGuard.problemsOfSql(sql).isEmpty(), "should be refused as sent: " + sql);
    }

    private static void assertAccepted(Query query) {
        assertEquals(List.of(), UpsertSetGuard.problems(query), query.getSQL());
        assertEquals(List.of(), UpsertSetGuard.problemsOfSql(query.getSQL()), query.getSQL());
    }
}

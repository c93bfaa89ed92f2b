package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOST_NODE;
import static com.hydracore.billing.adapter.persistence.sql.Binds.param;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.ACCOUNT;
import static com.hydracore.billing.adapter.persistence.usage.ReadBinds.FIRST;
import static com.hydracore.billing.adapter.persistence.usage.UsageTables.ACCOUNT_SUMS;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.usage.UsageTables.SumsTable;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The versions of the rows an account's page reads of a period depend on (PostgreSQL): equal versions, equal
 * breakdown and overview, whatever replica wrote. {@link PageReads} keeps each answer with the versions read in its
 * statement, and answers it again after reading them alone, if unchanged.
 *
 * <p>Why that is exact: every append adds, in its transaction, to the account's UTC-day sums row of each day it has
 * events on ({@code usage_account_daily}; the upsert has no {@code WHERE}, so an event of zero tokens writes a new
 * row version too), and an append changes a period's breakdown only with an event on a day at or after the period's
 * first day (an earlier, late event changes no sum or count the period reads; one after its end, which can move last
 * days out of it, is on a day after its first too). The inventory's parts change only with the account's
 * {@code instance} and {@code webhost_node} rows. Each write gives a row a new {@code xmin} (its transaction's id; ids
 * wrap around only after 2^32 transactions), and a deleted row (only nodes are ever deleted) leaves the list, so equal
 * lists mean equal rows (both reads share the one list: a node changed also reads the breakdown again).
 * {@code PageReadsCacheIT} holds it across two pools, as two replicas; should a writer ever skip the account's day
 * row (a {@code WHERE} on its upsert, a batch of zeros left out), it fails.
 */
final class RowVersions {

    private static final Field<String> SUMS_VERSIONS = DSL.field(DSL.name("sums_versions"), String.class);
    private static final Field<String> INSTANCE_VERSIONS = DSL.field(DSL.name("instance_versions"), String.class);
    private static final Field<String> NODE_VERSIONS = DSL.field(DSL.name("node_versions"), String.class);

    private RowVersions() {
    }

    /**
     * The two columns, for a statement that reads them with what they version (its values {@code :account} and
     * {@code :first}); typed NULLs when not {@code versioned} (H2, or a part of a union other than the first):
     * <pre>
     * (SELECT string_agg(CAST(xmin AS varchar), ',' ORDER BY usage_day) FROM usage_account_daily
     *   WHERE account_id = :account AND usage_day &gt;= :first) AS sums_versions,
     * (SELECT string_agg(CAST(xmin AS varchar), ',' ORDER BY instance_id) FROM instance
     *   WHERE account_id = :account) AS instance_versions,
     * (SELECT string_agg(CAST(xmin AS varchar), ',' ORDER BY node_id) FROM webhost_node
     *   WHERE account_id = :account) AS node_versions
     * </pre>
     */
    static List<SelectField<?>> columns(boolean versioned) {
        if (!versioned) {
            return List.of(DSL.castNull(SQLDataType.VARCHAR).as(SUMS_VERSIONS),
                    DSL.castNull(SQLDataType.VARCHAR).as(INSTANCE_VERSIONS),
                    DSL.castNull(SQLDataType.VARCHAR).as(NODE_VERSIONS));
        }
        SumsTable sums = ACCOUNT_SUMS;
        Field<String> sumsVersion = DSL.field(DSL.name(sums.table().getName(), "xmin")).cast(SQLDataType.VARCHAR);
        Field<String> instanceVersion = DSL.field(DSL.name(INSTANCE.getName(), "xmin")).cast(SQLDataType.VARCHAR);
        Field<String> nodeVersion = DSL.field(DSL.name(WEBHOST_NODE.getName(), "xmin")).cast(SQLDataType.VARCHAR);
        return List.of(
                DSL.field(DSL.select(DSL.listAgg(sumsVersion, ",").withinGroupOrderBy(sums.day()))
                        .from(sums.table())
                        .where(sums.accountId().eq(param(ACCOUNT)), sums.day().ge(param(FIRST)))).as(SUMS_VERSIONS),
                DSL.field(DSL.select(DSL.listAgg(instanceVersion, ",").withinGroupOrderBy(INSTANCE.INSTANCE_ID))
                        .from(INSTANCE)
                        .where(INSTANCE.ACCOUNT_ID.eq(param(ACCOUNT)))).as(INSTANCE_VERSIONS),
                DSL.field(DSL.select(DSL.listAgg(nodeVersion, ",").withinGroupOrderBy(WEBHOST_NODE.NODE_ID))
                        .from(WEBHOST_NODE)
                        .where(WEBHOST_NODE.ACCOUNT_ID.eq(param(ACCOUNT)))).as(NODE_VERSIONS));
    }

    /** The versions a row holding {@link #columns} read (by name: see PageReads). */
    static String of(Record row) {
        return row.get(SUMS_VERSIONS.getName(), String.class) + "/" + row.get(INSTANCE_VERSIONS.getName(), String.class)
                + "/" + row.get(NODE_VERSIONS.getName(), String.class);
    }

    /** The versions now: {@link #columns} alone, one statement ({@code SELECT <the two columns>}). */
    static String now(RenderedReads reads, DSLContext dsl, String accountId, BillingPeriod period) {
        return of(reads.fetch("page versions", () -> dsl.select(columns(true)),
                new Binds().with(ACCOUNT, accountId).with(FIRST, period.firstDay())).get(0));
    }
}

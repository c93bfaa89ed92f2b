package com.hydracore.billing.adapter.persistence.sql;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

/**
 * Every check the persistence tests run each statement under, as one listener, so that a database opened for a test
 * gets all of them: {@link TenantPredicateGuard} (each statement on a tenant table names its account) and
 * {@link UpsertSetGuard} (each upsert's update clause is one a distributed PostgreSQL accepts). Together they say
 * that what the adapter sends could run on a database distributed by {@code account_id}.
 */
public final class StatementGuards implements ExecuteListener {

    private static final long serialVersionUID = 1L;

    private final TenantPredicateGuard tenancy = new TenantPredicateGuard();
    private final UpsertSetGuard upserts = new UpsertSetGuard();

    @Override
    public void executeStart(ExecuteContext ctx) {
        tenancy.executeStart(ctx);
        upserts.executeStart(ctx);
    }
}

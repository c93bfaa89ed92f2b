package com.hydracore.billing.adapter.persistence.sql;

import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Transactions that borrow their connection from the pool once. jOOQ's own {@code dsl.transactionResult} borrows it
 * in its begin and, when that fails, again to roll back and again to restore auto-commit: in an outage a write then
 * waited three times the request wait before failing. Here the connection is borrowed first (one wait, failing like
 * any other borrow) and the transaction runs on it, with the same listeners and settings.
 */
public final class Transactions {

    private Transactions() {
    }

    /** Runs {@code work} in one transaction on one borrowed connection: committed if it returns, else rolled back. */
    public static <T> T result(DSLContext dsl, TransactionalCallable<T> work) {
        return dsl.connectionResult(connection -> dsl.configuration()
                .derive(new DefaultConnectionProvider(connection)).dsl().transactionResult(work));
    }
}

package com.hydracore.billing.adapter.persistence;

import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Runs an upsert again when a concurrent writer inserted the same key first. PostgreSQL's ON CONFLICT is atomic and
 * never needs this; H2 emulates it with MERGE, which two writers can both take for an insert.
 */
final class Upserts {

    private static final int ATTEMPTS = 3;

    private Upserts() {
    }

    static void retryingOnRace(Runnable upsert) {
        for (int attempt = 1; ; attempt++) {
            try {
                upsert.run();
                return;
            } catch (IntegrityConstraintViolationException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                // The row now exists, so the next attempt takes the update (or do-nothing) branch.
            }
        }
    }
}

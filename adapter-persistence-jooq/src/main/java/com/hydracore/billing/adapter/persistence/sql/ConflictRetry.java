package com.hydracore.billing.adapter.persistence.sql;

import java.util.Set;
import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/**
 * Re-runs an idempotent write that lost a race with a concurrent one.
 *
 * <p>PostgreSQL resolves {@code INSERT … ON CONFLICT} atomically, so there this only ever sees a deadlock, which key
 * ordering already makes unlikely. H2 has no native upsert: jOOQ emulates it with {@code MERGE}, and two transactions
 * merging the same new key both see "not there"; the second then fails with a unique violation once the first
 * commits. Its transaction has been rolled back by then, so running the whole write again is safe and sees the
 * committed row.
 */
public final class ConflictRetry {

    /** Attempts in all; a write still conflicting after that many is reported to the caller. */
    public static final int MAX_ATTEMPTS = 8;

    private static final Set<String> TRANSIENT_STATES = Set.of(
            "23505", // unique violation: a concurrent MERGE (H2) inserted the same key first
            "40001", // serialization failure; H2 also reports deadlocks with it
            "40P01", // PostgreSQL deadlock detected
            "55P03", // PostgreSQL lock not available
            "HYT00"); // H2 lock timeout

    private ConflictRetry() {
    }

    /** Runs {@code write}, again when it failed on a transient conflict, at most {@link #MAX_ATTEMPTS} times. */
    public static <T> T run(Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (DataAccessException e) {
                if (attempt >= MAX_ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    /** Like {@link #run(Supplier)} for a write with no result. */
    public static void run(Runnable write) {
        run(() -> {
            write.run();
            return null;
        });
    }

    public static boolean isTransient(DataAccessException e) {
        String state = e.sqlState();
        return state != null && TRANSIENT_STATES.contains(state);
    }
}

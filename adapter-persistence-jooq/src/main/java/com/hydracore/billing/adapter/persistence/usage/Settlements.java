package com.hydracore.billing.adapter.persistence.usage;

import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_RESERVATION;

import com.hydracore.billing.adapter.persistence.sql.Times;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The settle step of an append (API §7): the events just inserted (new, not duplicates) that name a reservation of
 * their account settle it, in the append's own transaction, so a hold stops counting exactly when the usage that
 * replaces it starts to. Only a hold still {@code held} at the clock's now is settled; one settled, released or
 * expired is left as it is and the event is plain usage. Each writer calls {@link #settle} once, after inserting the
 * events.
 */
final class Settlements {

    private final Clock clock;

    /** Settles by {@code clock}'s now (the server's injected clock). */
    Settlements(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Settles the live reservations {@code inserted} name, one statement per account (in account order, the
     * reservation ids in order, so two appends settling the same ones lock them alike):
     * <pre>
     * UPDATE quota_reservation
     *    SET settled_at = CASE WHEN created_at &gt; :now THEN created_at ELSE :now END
     *  WHERE account_id = :account AND reservation_id IN (…)
     *    AND settled_at IS NULL AND released_at IS NULL AND expires_at &gt; :now
     * </pre>
     * A hold created by a replica whose clock is ahead counts as settled at its creation, never before it. Under
     * PostgreSQL a concurrent release of the same hold waits for this row lock and then finds it no longer held (the
     * WHERE is checked again), so a hold ends once.
     *
     * @param inserted the events the append inserted, each once
     */
    void settle(DSLContext tx, List<UsageEvent> inserted) {
        Map<String, SortedSet<String>> named = new TreeMap<>();
        for (UsageEvent e : inserted) {
            if (e.reservationId() != null) {
                named.computeIfAbsent(e.accountId(), a -> new TreeSet<>()).add(e.reservationId());
            }
        }
        if (named.isEmpty()) {
            return;
        }
        OffsetDateTime now = Times.toDb(clock.instant());
        named.forEach((account, reservations) -> tx.update(QUOTA_RESERVATION)
                .set(QUOTA_RESERVATION.SETTLED_AT, DSL.when(QUOTA_RESERVATION.CREATED_AT.gt(now),
                        QUOTA_RESERVATION.CREATED_AT).otherwise(now))
                .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(account),
                        QUOTA_RESERVATION.RESERVATION_ID.in(reservations),
                        QUOTA_RESERVATION.SETTLED_AT.isNull(), QUOTA_RESERVATION.RELEASED_AT.isNull(),
                        QUOTA_RESERVATION.EXPIRES_AT.gt(now))
                .execute());
    }
}

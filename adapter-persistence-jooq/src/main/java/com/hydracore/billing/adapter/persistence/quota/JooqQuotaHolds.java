package com.hydracore.billing.adapter.persistence.quota;

import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_ACCOUNT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_RESERVATION;
import static org.jooq.impl.DSL.excluded;

import com.hydracore.billing.adapter.persistence.generated.tables.records.QuotaReservationRecord;
import com.hydracore.billing.adapter.persistence.quota.QuotaCounts.Counted;
import com.hydracore.billing.adapter.persistence.quota.QuotaCounts.Purpose;
import com.hydracore.billing.adapter.persistence.sql.CoalescedReads;
import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.sql.Times;
import com.hydracore.billing.adapter.persistence.sql.Transactions;
import com.hydracore.billing.adapter.persistence.usage.JooqUsageSums;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.AccountQuotas;
import com.hydracore.billing.domain.quota.HoldDecision;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.Reservation;
import com.hydracore.billing.domain.quota.ReservationRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Reservations in {@code quota_reservation} (V7), and the arbiter of holds (see docs/quotas.md).
 *
 * <p><b>The arbiter.</b> A hold runs in one transaction: it locks its account's row of {@code quota_account} (an
 * upsert, which creates the row on the account's first hold and otherwise takes its row lock), so the holds of one
 * account are decided one after another on every replica sharing the database; then it reads, in one statement
 * ({@link QuotaCounts}), whether the id is stored, the period's usage from the rollups, what the live holds reserve
 * and whether the asked conversation is used or held; decides with the domain's rule ({@link AccountQuotas#decide});
 * and inserts the reservation. Three statements and the commit: four round trips. The lock is released by the
 * commit, after which the next hold's statements (READ COMMITTED: each sees what was committed when it started) see
 * this one; the read cannot be part of the lock's statement, whose snapshot is taken before it waits for the lock.
 *
 * <p>Appends do not take the lock: an append settling a hold ends it and adds its usage in one transaction. The one
 * read sees one snapshot, so a settle is seen whole or not at all (never live and used at once, never neither); a
 * release or expiry only ever lowers what is reserved.
 *
 * <p>On H2 (one process) holds and releases take the same Java lock as appends ({@code turns}): the embedded store
 * decides one write at a time.
 */
public final class JooqQuotaHolds implements QuotaHolds {

    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

    private final DSLContext dsl;
    private final JooqUsageSums sums;
    private final RenderedReads reads;
    private final Optional<Lock> turns;
    /**
     * The quota reads of an account and period asked at the same time, shared (a router may ask before every call):
     * a read starts after each of its callers asked, at the latest moment any of them asked about, so it answers each
     * as if asked a moment later (a hold expiring meanwhile is no longer counted, as it would not be then).
     */
    private final CoalescedReads<Asked, Instant, Usage> quotaReads = new CoalescedReads<>(this::read,
            (a, b) -> a.isAfter(b) ? a : b);

    private record Asked(String accountId, BillingPeriod period) {
    }

    private JooqQuotaHolds(DSLContext dsl, JooqUsageSums sums, Optional<Lock> turns) {
        this.dsl = dsl;
        this.sums = sums;
        this.reads = new RenderedReads(dsl);
        this.turns = turns;
    }

    /** Holds on PostgreSQL, arbitrated by the per-account row lock. */
    public static JooqQuotaHolds postgres(DSLContext dsl, JooqUsageSums sums) {
        return new JooqQuotaHolds(dsl, sums, Optional.empty());
    }

    /** Holds on an embedded H2, taking {@code turns} (the appends' lock of this database) for every write. */
    public static JooqQuotaHolds h2(DSLContext dsl, JooqUsageSums sums, Lock turns) {
        return new JooqQuotaHolds(dsl, sums, Optional.of(turns));
    }

    @Override
    public Outcome hold(String accountId, ReservationRequest request, Terms terms, Instant now) {
        return inTurn(() -> ConflictRetry.run(() -> Transactions.result(dsl, tx ->
                decide(tx.dsl(), accountId, request, terms, now))));
    }

    private Outcome decide(DSLContext tx, String accountId, ReservationRequest request, Terms terms, Instant now) {
        lockAccount(tx, accountId, now);
        String conversation = request.conversationId();
        Counted counted = QuotaCounts.count(reads.on(tx), tx, sums.inTransaction(tx), accountId, terms.period(), now,
                conversation == null ? Purpose.HOLD : Purpose.HOLD_OF_A_CONVERSATION, request.reservationId(),
                conversation);
        if (counted.stored()) {
            return new Existing(find(tx, accountId, request.reservationId()).orElseThrow());
        }
        AccountQuotas quotas = AccountQuotas.of(terms.period(), terms.policy(), terms.limits(), counted.used(),
                counted.live());
        HoldDecision decision = quotas.decide(request.hold(
                LiveHolds.addsConversation(conversation, counted.askedUsed(), counted.askedHeld())));
        if (decision instanceof HoldDecision.Refused refused) {
            return new Refused(refused.metric(), refused.remaining());
        }
        Reservation held = Reservation.held(accountId, request, now, ((HoldDecision.Granted) decision).overLimit());
        insert(tx, held);
        return new Created(held);
    }

    /**
     * Takes the account's hold lock until the transaction ends:
     * <pre>
     * INSERT INTO quota_account (account_id, locked_at) VALUES (:account, :now)
     * ON CONFLICT (account_id) DO UPDATE SET locked_at = excluded.locked_at
     * </pre>
     * (A first hold of an account creates the row; two first holds at once meet on its key and the second waits for
     * the first's commit, then updates the row it made.)
     */
    private static void lockAccount(DSLContext tx, String accountId, Instant now) {
        tx.insertInto(QUOTA_ACCOUNT)
                .columns(QUOTA_ACCOUNT.ACCOUNT_ID, QUOTA_ACCOUNT.LOCKED_AT)
                .values(accountId, Times.toDb(now))
                .onConflict(QUOTA_ACCOUNT.ACCOUNT_ID)
                .doUpdate().set(QUOTA_ACCOUNT.LOCKED_AT, excluded(QUOTA_ACCOUNT.LOCKED_AT))
                .execute();
    }

    @Override
    public Optional<Reservation> find(String accountId, String reservationId) {
        return find(dsl, accountId, reservationId);
    }

    /** {@code SELECT * FROM quota_reservation WHERE account_id = :account AND reservation_id = :id} */
    private static Optional<Reservation> find(DSLContext db, String accountId, String reservationId) {
        return db.selectFrom(QUOTA_RESERVATION)
                .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(accountId), QUOTA_RESERVATION.RESERVATION_ID.eq(reservationId))
                .fetchOptional(JooqQuotaHolds::toReservation);
    }

    /**
     * Ends a held reservation, then reads it back, in one transaction:
     * <pre>
     * UPDATE quota_reservation SET released_at = CASE WHEN created_at &gt; :now THEN created_at ELSE :now END
     *  WHERE account_id = :account AND reservation_id = :id
     *    AND settled_at IS NULL AND released_at IS NULL AND expires_at &gt; :now
     * </pre>
     * A concurrent settle of the same hold waits for (or holds) its row lock, and the WHERE is checked again: a
     * reservation ends once.
     */
    @Override
    public Optional<Reservation> release(String accountId, String reservationId, Instant now) {
        OffsetDateTime at = Times.toDb(now);
        return inTurn(() -> Transactions.result(dsl, tx -> {
            tx.dsl().update(QUOTA_RESERVATION)
                    .set(QUOTA_RESERVATION.RELEASED_AT, DSL.when(QUOTA_RESERVATION.CREATED_AT.gt(at),
                            QUOTA_RESERVATION.CREATED_AT).otherwise(at))
                    .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(accountId),
                            QUOTA_RESERVATION.RESERVATION_ID.eq(reservationId),
                            QUOTA_RESERVATION.SETTLED_AT.isNull(), QUOTA_RESERVATION.RELEASED_AT.isNull(),
                            QUOTA_RESERVATION.EXPIRES_AT.gt(at))
                    .execute();
            return find(tx.dsl(), accountId, reservationId);
        }));
    }

    /**
     * The quota read: one statement ({@link QuotaCounts}), on one borrowed connection, shared by the reads of the
     * account and period asked while it waits to start ({@link #quotaReads}); counted at {@code now} or, shared, at a
     * later moment another caller asked about.
     */
    @Override
    public Usage usage(String accountId, BillingPeriod period, Instant now) {
        return quotaReads.get(new Asked(accountId, period), now);
    }

    private Usage read(Asked asked, Instant now) {
        Counted counted = QuotaCounts.count(reads, dsl, sums, asked.accountId(), asked.period(), now,
                Purpose.QUOTA_READ, null, null);
        return new Usage(counted.used(), counted.live());
    }

    /** {@code INSERT INTO quota_reservation (…) VALUES (…)} */
    private static void insert(DSLContext tx, Reservation r) {
        QuotaReservationRecord row = tx.newRecord(QUOTA_RESERVATION);
        row.setAccountId(r.accountId());
        row.setReservationId(r.reservationId());
        row.setTokens(r.tokens());
        row.setRequests(r.requests());
        row.setConversationId(r.conversationId());
        row.setCreatedAt(Times.toDb(r.createdAt()));
        row.setExpiresAt(Times.toDb(r.expiresAt()));
        row.setOverLimit(r.overLimit());
        tx.insertInto(QUOTA_RESERVATION).set(row).execute();
    }

    private static Reservation toReservation(QuotaReservationRecord r) {
        return new Reservation(r.getAccountId(), r.getReservationId(), r.getTokens(), r.getRequests(),
                r.getConversationId(), Times.fromDb(r.getCreatedAt()), Times.fromDb(r.getExpiresAt()),
                r.getOverLimit(), Times.fromDb(r.getSettledAt()), Times.fromDb(r.getReleasedAt()));
    }

    private <T> T inTurn(Supplier<T> write) {
        if (turns.isEmpty()) {
            return write.get();
        }
        Lock lock = turns.get();
        try {
            if (!lock.tryLock(TURN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("no turn to hold quota within " + TURN_TIMEOUT.toSeconds()
                        + " s: the embedded database is overloaded");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hold quota", e);
        }
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }
}

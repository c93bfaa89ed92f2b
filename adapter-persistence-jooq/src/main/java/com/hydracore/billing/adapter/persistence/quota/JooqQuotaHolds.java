package com.hydracore.billing.adapter.persistence.quota;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATION_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_ACCOUNT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_RESERVATION;
import static org.jooq.impl.DSL.excluded;

import com.hydracore.billing.adapter.persistence.generated.tables.records.QuotaReservationRecord;
import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.sql.Times;
import com.hydracore.billing.adapter.persistence.sql.Transactions;
import com.hydracore.billing.adapter.persistence.usage.JooqUsageSums;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.AccountQuotas;
import com.hydracore.billing.domain.quota.HoldDecision;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.quota.Reservation;
import com.hydracore.billing.domain.quota.ReservationRequest;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Reservations in {@code quota_reservation} (V7), and the arbiter of holds (see docs/quotas.md).
 *
 * <p><b>The arbiter.</b> A hold runs in one transaction: it locks its account's row of {@code quota_account} (an
 * upsert, which creates the row on the account's first hold and otherwise takes its row lock), so the holds of one
 * account are decided one after another on every replica sharing the database; then it reads, in this order, the
 * account's live holds, which of their conversations (and the asked one) the period has already seen, and the
 * period's usage from the rollups; decides with the domain's rule ({@link AccountQuotas#decide}); and inserts the
 * reservation. The lock is released by the commit, after which the next hold's statements (READ COMMITTED: each sees
 * what was committed when it started) see this one.
 *
 * <p>Appends do not take the lock: an append settling a hold ends it and adds its usage in one transaction. Read in
 * this order, a settle committing between the reads can only make the hold count twice (as live, then as used),
 * never not at all, so the guarantee holds; a release or expiry only ever lowers what is reserved.
 *
 * <p>On H2 (one process) holds and releases take the same Java lock as appends ({@code turns}): the embedded store
 * decides one write at a time.
 */
public final class JooqQuotaHolds implements QuotaHolds {

    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(60);

    private static final Binds.Name<String> ACCOUNT = Binds.Name.of("account", QUOTA_RESERVATION.ACCOUNT_ID);
    private static final Binds.Name<OffsetDateTime> NOW = Binds.Name.of("now", QUOTA_RESERVATION.EXPIRES_AT);
    private static final Binds.Name<Integer> FIRST_DAY = Binds.Name.of("first_day", CONVERSATION_LAST_DAY.LAST_DAY);
    private static final Field<BigDecimal> HELD_TOKENS = DSL.field(DSL.name("held_tokens"), BigDecimal.class);
    private static final Field<BigDecimal> HELD_REQUESTS = DSL.field(DSL.name("held_requests"), BigDecimal.class);
    private static final Field<Integer> HELD_CONVERSATIONS = DSL.field(DSL.name("held_conversations"),
            Integer.class);
    private static final Field<Integer> ACTIVE_INSTANCES = DSL.field(DSL.name("active_instances"), Integer.class);

    private final DSLContext dsl;
    private final JooqUsageSums sums;
    private final RenderedReads reads;
    private final Optional<Lock> turns;

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
        Optional<Reservation> stored = find(tx, accountId, request.reservationId());
        if (stored.isPresent()) {
            return new Existing(stored.get());
        }
        // live holds first, then conversations, then usage: see the class comment
        List<Reservation> live = live(tx, accountId, now);
        Set<String> seen = conversationsSeen(tx, accountId, terms.period(), live, request.conversationId());
        UsageTotals used = sums.inTransaction(tx).totals(accountId, terms.period());
        AccountQuotas quotas = AccountQuotas.of(terms.period(), terms.policy(), terms.limits(),
                new QuotaUsage(used.tokens(), used.requests(), used.uniqueConversations(), 0),
                LiveHolds.of(live, seen, now));
        HoldDecision decision = quotas.decide(request.hold(
                LiveHolds.addsConversation(request.conversationId(), live, seen, now)));
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
     * The quota read's one statement, whose three parts each read one account's rows by their key's prefix:
     * the period's usage as the totals statement reads it ({@link JooqUsageSums#quotaSums}), what the live holds
     * reserve, and the active instances. A live hold's conversation counts unless the period has seen it (its last
     * day is on or after the period's first day), and counts once however many holds name it: {@link LiveHolds#of},
     * the reference the contract holds this to.
     * <pre>
     * SELECT period_usage.*, live_holds.*,
     *        (SELECT count(DISTINCT conversation_id) FROM quota_reservation
     *          WHERE account_id = :account AND expires_at &gt; :now AND settled_at IS NULL AND released_at IS NULL
     *            AND conversation_id IS NOT NULL
     *            AND NOT EXISTS (SELECT 1 FROM conversation_last_day WHERE account_id = :account
     *                  AND conversation_id = quota_reservation.conversation_id AND last_day &gt;= :first_day)
     *        ) AS held_conversations,
     *        (SELECT count(*) FROM instance WHERE account_id = :account AND status = 'active') AS active_instances
     * FROM (…the period's usage: JooqUsageSums.quotaSums…) AS period_usage,
     *      (SELECT sum(tokens) AS held_tokens, sum(requests) AS held_requests FROM quota_reservation
     *        WHERE account_id = :account AND expires_at &gt; :now AND settled_at IS NULL AND released_at IS NULL
     *      ) AS live_holds
     * </pre>
     * Both derived tables are aggregates without GROUP BY, so the statement answers exactly one row. One statement
     * sees one snapshot, so usage and holds agree with each other (a settle is never seen half). When an event was
     * seen past the period's end, the conversations take a second statement ({@link JooqUsageSums#quotaSumsOf}).
     */
    @Override
    public Usage usage(String accountId, BillingPeriod period, Instant now) {
        Table<?> used = JooqUsageSums.quotaSums();
        Table<?> held = DSL.select(DSL.sum(QUOTA_RESERVATION.TOKENS).as(HELD_TOKENS),
                        DSL.sum(QUOTA_RESERVATION.REQUESTS).as(HELD_REQUESTS))
                .from(QUOTA_RESERVATION)
                .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(Binds.param(ACCOUNT)), liveAt(Binds.param(NOW)))
                .asTable("live_holds");
        List<SelectField<?>> fields = new ArrayList<>();
        Stream.of(used.fields()).forEach(f -> fields.add(f.as(f.getUnqualifiedName())));
        Stream.of(held.fields()).forEach(f -> fields.add(f.as(f.getUnqualifiedName())));
        fields.add(DSL.field(DSL.select(DSL.countDistinct(QUOTA_RESERVATION.CONVERSATION_ID))
                .from(QUOTA_RESERVATION)
                .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(Binds.param(ACCOUNT)), liveAt(Binds.param(NOW)),
                        QUOTA_RESERVATION.CONVERSATION_ID.isNotNull(),
                        DSL.notExists(DSL.selectOne().from(CONVERSATION_LAST_DAY)
                                .where(CONVERSATION_LAST_DAY.ACCOUNT_ID.eq(Binds.param(ACCOUNT)),
                                        CONVERSATION_LAST_DAY.CONVERSATION_ID.eq(QUOTA_RESERVATION.CONVERSATION_ID),
                                        CONVERSATION_LAST_DAY.LAST_DAY.ge(Binds.param(FIRST_DAY))))))
                .as(HELD_CONVERSATIONS));
        fields.add(DSL.field(DSL.selectCount().from(INSTANCE)
                        .where(INSTANCE.ACCOUNT_ID.eq(Binds.param(ACCOUNT)),
                                INSTANCE.STATUS.eq(DSL.inline(InstanceStatus.ACTIVE.wireName()))))
                .as(ACTIVE_INSTANCES));
        Binds binds = JooqUsageSums.quotaSumsBinds(new Binds(), accountId, period)
                .with(ACCOUNT, accountId).with(NOW, Times.toDb(now)).with(FIRST_DAY, dayOf(period.firstDay()));
        Record row = reads.fetch("quota usage", () -> dsl.select(fields).from(used, held), binds).get(0);
        return new Usage(sums.quotaSumsOf(row, accountId, period, row.get(ACTIVE_INSTANCES)),
                new LiveHolds(asLong(row.get(HELD_TOKENS)), asLong(row.get(HELD_REQUESTS)),
                        row.get(HELD_CONVERSATIONS)));
    }

    /** A hold not ended and not expired at {@code now}: the live holds' index narrows it to the unexpired. */
    private static Condition liveAt(Field<OffsetDateTime> now) {
        return QUOTA_RESERVATION.EXPIRES_AT.gt(now).and(QUOTA_RESERVATION.SETTLED_AT.isNull())
                .and(QUOTA_RESERVATION.RELEASED_AT.isNull());
    }

    /** SUM over no rows is NULL; over BIGINT it is NUMERIC, read back exactly or not at all. */
    private static long asLong(BigDecimal value) {
        return value == null ? 0 : value.longValueExact();
    }

    /**
     * The account's holds not ended and not expired at {@code now} (the domain then judges each):
     * <pre>
     * SELECT * FROM quota_reservation WHERE account_id = :account AND expires_at &gt; :now
     *    AND settled_at IS NULL AND released_at IS NULL
     * </pre>
     */
    private static List<Reservation> live(DSLContext db, String accountId, Instant now) {
        return db.selectFrom(QUOTA_RESERVATION)
                .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(accountId), QUOTA_RESERVATION.EXPIRES_AT.gt(Times.toDb(now)),
                        QUOTA_RESERVATION.SETTLED_AT.isNull(), QUOTA_RESERVATION.RELEASED_AT.isNull())
                .fetch(JooqQuotaHolds::toReservation);
    }

    /**
     * Which of the live holds' conversations, and {@code asked}, the period's usage has already seen: those whose last
     * day (V7's {@code conversation_last_day}, kept by every append) is on or after the period's first day.
     * <pre>
     * SELECT conversation_id FROM conversation_last_day
     *  WHERE account_id = :account AND conversation_id IN (…) AND last_day &gt;= :first_day
     * </pre>
     */
    private static Set<String> conversationsSeen(DSLContext db, String accountId, BillingPeriod period,
                                                 List<Reservation> live, String asked) {
        Set<String> ids = new TreeSet<>();
        live.stream().map(Reservation::conversationId).filter(id -> id != null).forEach(ids::add);
        if (asked != null) {
            ids.add(asked);
        }
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(db.select(CONVERSATION_LAST_DAY.CONVERSATION_ID).from(CONVERSATION_LAST_DAY)
                .where(CONVERSATION_LAST_DAY.ACCOUNT_ID.eq(accountId), CONVERSATION_LAST_DAY.CONVERSATION_ID.in(ids),
                        CONVERSATION_LAST_DAY.LAST_DAY.ge(dayOf(period.firstDay())))
                .fetch(CONVERSATION_LAST_DAY.CONVERSATION_ID));
    }

    /** A day as the last-day tables store it: 20260331. */
    private static int dayOf(LocalDate day) {
        return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
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

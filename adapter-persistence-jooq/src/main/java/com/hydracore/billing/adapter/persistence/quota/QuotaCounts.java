package com.hydracore.billing.adapter.persistence.quota;

import static com.hydracore.billing.adapter.persistence.generated.Tables.CONVERSATION_LAST_DAY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.INSTANCE;
import static com.hydracore.billing.adapter.persistence.generated.Tables.QUOTA_RESERVATION;

import com.hydracore.billing.adapter.persistence.sql.Binds;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.sql.Times;
import com.hydracore.billing.adapter.persistence.usage.JooqUsageSums;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.QuotaUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * What counts against an account's quotas now, in one statement: the quota read's whole database cost, and what a
 * hold reads under its account's lock. One statement is one round trip on one connection, and sees one snapshot, so
 * usage and holds agree with each other (a settle committing meanwhile is never seen half: not as live and as used).
 */
final class QuotaCounts {

    /** What the statement reads besides the period's usage and the live holds. */
    enum Purpose {
        /** {@code GET /v1/billing/quota}: the active instances too. */
        QUOTA_READ("quota counts"),
        /** A hold: whether its reservation id is stored. */
        HOLD("quota counts of a hold"),
        /** A hold naming a conversation: also whether the period used it and whether a live hold holds it. */
        HOLD_OF_A_CONVERSATION("quota counts of a hold of a conversation");

        private final String shape;

        Purpose(String shape) {
            this.shape = shape;
        }
    }

    /**
     * What was counted.
     *
     * @param used       the period's usage; the active instances only for {@link Purpose#QUOTA_READ}, else 0
     * @param live       what the live holds reserve ({@link LiveHolds#of}'s answer)
     * @param stored     a hold's reservation id is stored already
     * @param askedUsed  a hold's conversation is among the period's
     * @param askedHeld  a hold's conversation is held by a live reservation
     */
    record Counted(QuotaUsage used, LiveHolds live, boolean stored, boolean askedUsed, boolean askedHeld) {
    }

    private static final Binds.Name<String> ACCOUNT = Binds.Name.of("account", QUOTA_RESERVATION.ACCOUNT_ID);
    private static final Binds.Name<OffsetDateTime> NOW = Binds.Name.of("now", QUOTA_RESERVATION.EXPIRES_AT);
    private static final Binds.Name<Integer> FIRST_DAY = Binds.Name.of("first_day", CONVERSATION_LAST_DAY.LAST_DAY);
    private static final Binds.Name<String> RESERVATION = Binds.Name.of("reservation",
            QUOTA_RESERVATION.RESERVATION_ID);
    private static final Binds.Name<String> CONVERSATION = Binds.Name.of("conversation",
            QUOTA_RESERVATION.CONVERSATION_ID);

    private static final Field<BigDecimal> HELD_TOKENS = DSL.field(DSL.name("held_tokens"), BigDecimal.class);
    private static final Field<BigDecimal> HELD_REQUESTS = DSL.field(DSL.name("held_requests"), BigDecimal.class);
    private static final Field<Integer> HELD_CONVERSATIONS = DSL.field(DSL.name("held_conversations"),
            Integer.class);
    private static final Field<Integer> ACTIVE_INSTANCES = DSL.field(DSL.name("active_instances"), Integer.class);
    private static final Field<Integer> STORED = DSL.field(DSL.name("stored"), Integer.class);
    private static final Field<Integer> ASKED_USED = DSL.field(DSL.name("asked_used"), Integer.class);
    private static final Field<Integer> ASKED_HELD = DSL.field(DSL.name("asked_held"), Integer.class);

    private QuotaCounts() {
    }

    /**
     * Counts, for {@code purpose}, what counts against the account's quotas at {@code now}.
     *
     * @param reads          the rendered reads, on {@code db}'s connection
     * @param db             the context the statement is built on (a hold's transaction, or the pool)
     * @param sums           the usage sums on the same connection (the month rows, when the rule needs them)
     * @param reservationId  a hold's reservation id, or {@code null} for the quota read
     * @param conversationId a hold's conversation, or {@code null}
     */
    static Counted count(RenderedReads reads, DSLContext db, JooqUsageSums sums, String accountId,
                         BillingPeriod period, Instant now, Purpose purpose, String reservationId,
                         String conversationId) {
        Binds binds = JooqUsageSums.quotaSumsBinds(new Binds(), accountId, period)
                .with(ACCOUNT, accountId).with(NOW, Times.toDb(now)).with(FIRST_DAY, dayOf(period.firstDay()));
        if (purpose != Purpose.QUOTA_READ) {
            binds.with(RESERVATION, reservationId);
        }
        if (purpose == Purpose.HOLD_OF_A_CONVERSATION) {
            binds.with(CONVERSATION, conversationId);
        }
        Record row = reads.fetch(purpose.shape, () -> statement(db, purpose), binds).get(0);
        long instances = purpose == Purpose.QUOTA_READ ? row.get(ACTIVE_INSTANCES) : 0;
        boolean asks = purpose == Purpose.HOLD_OF_A_CONVERSATION;
        return new Counted(sums.quotaSumsOf(row, accountId, period, instances),
                new LiveHolds(asLong(row.get(HELD_TOKENS)), asLong(row.get(HELD_REQUESTS)),
                        row.get(HELD_CONVERSATIONS)),
                purpose != Purpose.QUOTA_READ && row.get(STORED) > 0,
                asks && row.get(ASKED_USED) > 0, asks && row.get(ASKED_HELD) > 0);
    }

    /**
     * The statement: its first two parts are aggregates without GROUP BY, so it answers exactly one row; each part
     * reads one account's rows by a prefix of a key or index.
     * <pre>
     * SELECT period_usage.*, live_holds.*,
     *        (SELECT count(DISTINCT conversation_id) FROM quota_reservation
     *          WHERE account_id = :account AND expires_at &gt; :now AND settled_at IS NULL AND released_at IS NULL
     *            AND conversation_id IS NOT NULL
     *            AND NOT EXISTS (SELECT 1 FROM conversation_last_day WHERE account_id = :account
     *                  AND conversation_id = quota_reservation.conversation_id AND last_day &gt;= :first_day)
     *        ) AS held_conversations,
     *        -- QUOTA_READ:
     *        (SELECT count(*) FROM instance WHERE account_id = :account AND status = 'active') AS active_instances
     *        -- HOLD and HOLD_OF_A_CONVERSATION:
     *        (SELECT count(*) FROM quota_reservation WHERE account_id = :account AND reservation_id = :reservation)
     *          AS stored
     *        -- HOLD_OF_A_CONVERSATION:
     *        (SELECT count(*) FROM conversation_last_day WHERE account_id = :account
     *          AND conversation_id = :conversation AND last_day &gt;= :first_day) AS asked_used,
     *        (SELECT count(*) FROM quota_reservation WHERE account_id = :account AND expires_at &gt; :now
     *          AND settled_at IS NULL AND released_at IS NULL AND conversation_id = :conversation) AS asked_held
     * FROM (…the period's usage: JooqUsageSums.quotaSums…) AS period_usage,
     *      (SELECT sum(tokens) AS held_tokens, sum(requests) AS held_requests FROM quota_reservation
     *        WHERE account_id = :account AND expires_at &gt; :now AND settled_at IS NULL AND released_at IS NULL
     *      ) AS live_holds
     * </pre>
     * A live hold's conversation counts unless the period has used it (its last day is on or after the period's
     * first day, as docs/quotas.md decides), and once however many holds name it: {@link LiveHolds#of}, the
     * reference the holds contract holds this to.
     */
    private static Select<?> statement(DSLContext db, Purpose purpose) {
        Table<?> used = JooqUsageSums.quotaSums();
        Table<?> held = DSL.select(DSL.sum(QUOTA_RESERVATION.TOKENS).as(HELD_TOKENS),
                        DSL.sum(QUOTA_RESERVATION.REQUESTS).as(HELD_REQUESTS))
                .from(QUOTA_RESERVATION)
                .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(Binds.param(ACCOUNT)), live())
                .asTable("live_holds");
        List<SelectField<?>> fields = new ArrayList<>();
        Stream.of(used.fields()).forEach(f -> fields.add(f.as(f.getUnqualifiedName())));
        Stream.of(held.fields()).forEach(f -> fields.add(f.as(f.getUnqualifiedName())));
        fields.add(DSL.field(DSL.select(DSL.countDistinct(QUOTA_RESERVATION.CONVERSATION_ID))
                        .from(QUOTA_RESERVATION)
                        .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(Binds.param(ACCOUNT)), live(),
                                QUOTA_RESERVATION.CONVERSATION_ID.isNotNull(),
                                DSL.notExists(DSL.selectOne().from(CONVERSATION_LAST_DAY)
                                        .where(CONVERSATION_LAST_DAY.ACCOUNT_ID.eq(Binds.param(ACCOUNT)),
                                                CONVERSATION_LAST_DAY.CONVERSATION_ID.eq(
                                                        QUOTA_RESERVATION.CONVERSATION_ID),
                                                CONVERSATION_LAST_DAY.LAST_DAY.ge(Binds.param(FIRST_DAY))))))
                .as(HELD_CONVERSATIONS));
        if (purpose == Purpose.QUOTA_READ) {
            fields.add(DSL.field(DSL.selectCount().from(INSTANCE)
                            .where(INSTANCE.ACCOUNT_ID.eq(Binds.param(ACCOUNT)),
                                    INSTANCE.STATUS.eq(DSL.inline(InstanceStatus.ACTIVE.wireName()))))
                    .as(ACTIVE_INSTANCES));
        } else {
            fields.add(DSL.field(DSL.selectCount().from(QUOTA_RESERVATION)
                            .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(Binds.param(ACCOUNT)),
                                    QUOTA_RESERVATION.RESERVATION_ID.eq(Binds.param(RESERVATION))))
                    .as(STORED));
        }
        if (purpose == Purpose.HOLD_OF_A_CONVERSATION) {
            fields.add(DSL.field(DSL.selectCount().from(CONVERSATION_LAST_DAY)
                            .where(CONVERSATION_LAST_DAY.ACCOUNT_ID.eq(Binds.param(ACCOUNT)),
                                    CONVERSATION_LAST_DAY.CONVERSATION_ID.eq(Binds.param(CONVERSATION)),
                                    CONVERSATION_LAST_DAY.LAST_DAY.ge(Binds.param(FIRST_DAY))))
                    .as(ASKED_USED));
            fields.add(DSL.field(DSL.selectCount().from(QUOTA_RESERVATION)
                            .where(QUOTA_RESERVATION.ACCOUNT_ID.eq(Binds.param(ACCOUNT)), live(),
                                    QUOTA_RESERVATION.CONVERSATION_ID.eq(Binds.param(CONVERSATION))))
                    .as(ASKED_HELD));
        }
        return db.select(fields).from(used, held);
    }

    /** A hold neither ended nor expired at {@code :now}; the {@code (account_id, expires_at)} index finds them. */
    private static Condition live() {
        return QUOTA_RESERVATION.EXPIRES_AT.gt(Binds.param(NOW)).and(QUOTA_RESERVATION.SETTLED_AT.isNull())
                .and(QUOTA_RESERVATION.RELEASED_AT.isNull());
    }

    /** A day as the last-day tables store it: 20260331. */
    static int dayOf(LocalDate day) {
        return day.getYear() * 10_000 + day.getMonthValue() * 100 + day.getDayOfMonth();
    }

    /** SUM over no rows is NULL; over BIGINT it is NUMERIC, read back exactly or not at all. */
    private static long asLong(BigDecimal value) {
        return value == null ? 0 : value.longValueExact();
    }
}

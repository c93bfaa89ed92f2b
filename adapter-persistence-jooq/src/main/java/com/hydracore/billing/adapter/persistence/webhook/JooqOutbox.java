package com.hydracore.billing.adapter.persistence.webhook;

import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_DELIVERY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_ENDPOINT;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_MESSAGE;

import com.hydracore.billing.adapter.persistence.sql.Engine;
import com.hydracore.billing.adapter.persistence.sql.Times;
import com.hydracore.billing.adapter.persistence.sql.Transactions;
import com.hydracore.billing.application.port.out.AttemptOutcome;
import com.hydracore.billing.application.port.out.ClaimedDelivery;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.DeliveryStatus;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.Select;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;

/**
 * The outbox in {@code webhook_message} and {@code webhook_delivery} (global tables, see V5). Messages are unique by
 * id forever; each enqueue fans out to the endpoints subscribed at that moment; claims are leases proven by a token.
 */
public final class JooqOutbox implements Outbox {

    private static final String PENDING = DeliveryStatus.PENDING.wireName();

    private final DSLContext dsl;
    private final Engine engine;

    /** The outbox in {@code dsl}'s database, on {@code engine} (claims are taken differently on each). */
    public JooqOutbox(DSLContext dsl, Engine engine) {
        this.dsl = dsl;
        this.engine = engine;
    }

    /**
     * In one transaction:
     * <pre>
     * INSERT INTO webhook_message … ON CONFLICT (message_id) DO NOTHING;
     * -- only when a row was inserted:
     * INSERT INTO webhook_delivery (message_id, endpoint_id, status, attempts, next_attempt_at, created_at)
     * SELECT :id, endpoint_id, 'pending', 0, :now, :now FROM webhook_endpoint
     *  WHERE enabled AND &lt;type column&gt; [FOR SHARE]   -- PostgreSQL: a concurrent delete waits for the fan-out
     * </pre>
     */
    @Override
    public boolean enqueue(WebhookEvent event, Instant now) {
        return Transactions.result(dsl, tx -> enqueueIn(tx.dsl(), engine, event, now));
    }

    /**
     * {@link #enqueue} inside the caller's transaction {@code t}: how a message is stored with what caused it (the
     * usage append that crossed a threshold, {@code usage.ThresholdAlerts}). Answers whether the message was new.
     */
    public static boolean enqueueIn(DSLContext t, Engine engine, WebhookEvent event, Instant now) {
        OffsetDateTime at = Times.toDb(now);
        int inserted = t.insertInto(WEBHOOK_MESSAGE)
                .set(WEBHOOK_MESSAGE.MESSAGE_ID, event.messageId())
                .set(WEBHOOK_MESSAGE.EVENT_TYPE, event.type().wireName())
                .set(WEBHOOK_MESSAGE.OCCURRED_AT, Times.toDb(event.timestamp()))
                .set(WEBHOOK_MESSAGE.BODY, event.body())
                .set(WEBHOOK_MESSAGE.CREATED_AT, at)
                .onConflict(WEBHOOK_MESSAGE.MESSAGE_ID).doNothing()
                .execute();
        if (inserted == 0) {
            return false;
        }
        var subscribers = t.select(DSL.val(event.messageId()), WEBHOOK_ENDPOINT.ENDPOINT_ID, DSL.val(PENDING),
                        DSL.val(0), DSL.val(at), DSL.val(at))
                .from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.ENABLED.isTrue())
                .and(JooqWebhookEndpoints.receives(event.type()).isTrue())
                .orderBy(WEBHOOK_ENDPOINT.ENDPOINT_ID);
        Select<?> rows = engine == Engine.POSTGRES ? subscribers.forShare() : subscribers;
        t.insertInto(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_DELIVERY.ENDPOINT_ID,
                        WEBHOOK_DELIVERY.STATUS, WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT,
                        WEBHOOK_DELIVERY.CREATED_AT)
                .select(castRows(rows))
                .execute();
        return true;
    }

    @SuppressWarnings("unchecked")
    private static org.jooq.Select<? extends org.jooq.Record6<String, String, String, Integer, OffsetDateTime,
            OffsetDateTime>> castRows(Select<?> rows) {
        return (org.jooq.Select<? extends org.jooq.Record6<String, String, String, Integer, OffsetDateTime,
                OffsetDateTime>>) rows;
    }

    /** Pending, due, and not held by an unexpired claim. */
    private static Condition claimable(OffsetDateTime now) {
        return WEBHOOK_DELIVERY.STATUS.eq(PENDING)
                .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .and(WEBHOOK_DELIVERY.LEASE_UNTIL.isNull().or(WEBHOOK_DELIVERY.LEASE_UNTIL.le(now)));
    }

    @Override
    public List<ClaimedDelivery> claimDue(Instant now, Duration lease, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        OffsetDateTime at = Times.toDb(now);
        OffsetDateTime until = Times.toDb(now.plus(lease));
        // one random prefix per call, the row's seq after it: a token unique to each claim
        String prefix = UUID.randomUUID() + ":";
        List<Claimed> claimed = engine == Engine.POSTGRES ? claimSkippingLocked(at, until, prefix, limit)
                : claimOneByOne(at, until, prefix, limit);
        if (claimed.isEmpty()) {
            return List.of();
        }
        Map<String, WebhookEvent> events = new HashMap<>();
        dsl.selectFrom(WEBHOOK_MESSAGE)
                .where(WEBHOOK_MESSAGE.MESSAGE_ID.in(claimed.stream().map(Claimed::messageId).distinct().toList()))
                .forEach(m -> events.put(m.getMessageId(), new WebhookEvent(m.getMessageId(),
                        eventType(m.getEventType()), Times.fromDb(m.getOccurredAt()), m.getBody())));
        return claimed.stream()
                .sorted(Comparator.comparing(Claimed::nextAttemptAt).thenComparingLong(Claimed::seq))
                .map(c -> new ClaimedDelivery(events.get(c.messageId()), c.endpointId(), c.attempts(),
                        prefix + c.seq(), Times.fromDb(until)))
                .toList();
    }

    private record Claimed(String messageId, String endpointId, int attempts, Instant nextAttemptAt, long seq) {
    }

    /**
     * PostgreSQL: one statement, rows other claimers hold are skipped rather than waited for.
     * <pre>
     * UPDATE webhook_delivery SET claim_token = :prefix || seq, lease_until = :until
     *  WHERE (message_id, endpoint_id) IN (
     *        SELECT message_id, endpoint_id FROM webhook_delivery
     *         WHERE status = 'pending' AND next_attempt_at &lt;= :now AND (lease_until IS NULL OR lease_until &lt;= :now)
     *         ORDER BY next_attempt_at, seq LIMIT :n FOR UPDATE SKIP LOCKED)
     * RETURNING message_id, endpoint_id, attempts, next_attempt_at, seq
     * </pre>
     */
    private List<Claimed> claimSkippingLocked(OffsetDateTime now, OffsetDateTime until, String prefix, int limit) {
        var candidates = DSL.select(WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_DELIVERY.ENDPOINT_ID)
                .from(WEBHOOK_DELIVERY)
                .where(claimable(now))
                .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.SEQ)
                .limit(limit)
                .forUpdate().skipLocked();
        return dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.CLAIM_TOKEN, DSL.val(prefix).concat(WEBHOOK_DELIVERY.SEQ.cast(String.class)))
                .set(WEBHOOK_DELIVERY.LEASE_UNTIL, until)
                .where(DSL.row(WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_DELIVERY.ENDPOINT_ID).in(candidates))
                .returningResult(WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_DELIVERY.ENDPOINT_ID,
                        WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.SEQ)
                .fetch(r -> new Claimed(r.value1(), r.value2(), r.value3(), Times.fromDb(r.value4()), r.value5()));
    }

    /**
     * H2: the due candidates in order, then a conditional update of each ({@code … AND <still claimable>}); a
     * candidate is claimed when one row changed, so a concurrent claimer that got there first wins it.
     */
    private List<Claimed> claimOneByOne(OffsetDateTime now, OffsetDateTime until, String prefix, int limit) {
        List<Record4<String, String, Integer, OffsetDateTime>> candidates = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        dsl.select(WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_DELIVERY.ENDPOINT_ID, WEBHOOK_DELIVERY.ATTEMPTS,
                        WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.SEQ)
                .from(WEBHOOK_DELIVERY)
                .where(claimable(now))
                .orderBy(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, WEBHOOK_DELIVERY.SEQ)
                .limit(limit)
                .forEach(r -> {
                    candidates.add(r.into(WEBHOOK_DELIVERY.MESSAGE_ID, WEBHOOK_DELIVERY.ENDPOINT_ID,
                            WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT));
                    seqs.add(r.value5());
                });
        List<Claimed> claimed = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            Record4<String, String, Integer, OffsetDateTime> c = candidates.get(i);
            long seq = seqs.get(i);
            int changed = dsl.update(WEBHOOK_DELIVERY)
                    .set(WEBHOOK_DELIVERY.CLAIM_TOKEN, prefix + seq)
                    .set(WEBHOOK_DELIVERY.LEASE_UNTIL, until)
                    .where(WEBHOOK_DELIVERY.MESSAGE_ID.eq(c.value1()))
                    .and(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(c.value2()))
                    .and(claimable(now))
                    .execute();
            if (changed == 1) {
                claimed.add(new Claimed(c.value1(), c.value2(), c.value3(), Times.fromDb(c.value4()), seq));
            }
        }
        return claimed;
    }

    /**
     * <pre>
     * UPDATE webhook_delivery SET status = ?, next_attempt_at = ?, claim_token = NULL, lease_until = NULL
     *        [, attempts = attempts + 1, last_status_code = ?, last_attempt_at = ?]
     *  WHERE message_id = ? AND endpoint_id = ? AND claim_token = ?
     * </pre>
     */
    @Override
    public boolean record(ClaimedDelivery claim, AttemptOutcome outcome) {
        UpdateSetMoreStep<?> update = dsl.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, outcome.status().wireName())
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, Times.toDb(outcome.nextAttemptAt()))
                .set(WEBHOOK_DELIVERY.CLAIM_TOKEN, (String) null)
                .set(WEBHOOK_DELIVERY.LEASE_UNTIL, (OffsetDateTime) null);
        if (outcome.attempted()) {
            update = update.set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(1))
                    .set(WEBHOOK_DELIVERY.LAST_STATUS_CODE, outcome.statusCode())
                    .set(WEBHOOK_DELIVERY.LAST_ATTEMPT_AT, Times.toDb(outcome.at()));
        }
        return update.where(WEBHOOK_DELIVERY.MESSAGE_ID.eq(claim.messageId()))
                .and(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(claim.endpointId()))
                .and(WEBHOOK_DELIVERY.CLAIM_TOKEN.eq(claim.claimToken()))
                .execute() == 1;
    }

    /** Newest first by enqueue time, then the later enqueued first. */
    @Override
    public List<Delivery> deliveries(String endpointId, int limit) {
        return dsl.select(WEBHOOK_DELIVERY.asterisk(), WEBHOOK_MESSAGE.EVENT_TYPE)
                .from(WEBHOOK_DELIVERY)
                .join(WEBHOOK_MESSAGE).on(WEBHOOK_MESSAGE.MESSAGE_ID.eq(WEBHOOK_DELIVERY.MESSAGE_ID))
                .where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
                .orderBy(WEBHOOK_DELIVERY.CREATED_AT.desc(), WEBHOOK_DELIVERY.SEQ.desc())
                .limit(Math.max(limit, 0))
                .fetch(JooqOutbox::toDelivery);
    }

    private static Delivery toDelivery(Record r) {
        return new Delivery(r.get(WEBHOOK_DELIVERY.MESSAGE_ID), r.get(WEBHOOK_DELIVERY.ENDPOINT_ID),
                eventType(r.get(WEBHOOK_MESSAGE.EVENT_TYPE)), status(r.get(WEBHOOK_DELIVERY.STATUS)),
                r.get(WEBHOOK_DELIVERY.ATTEMPTS), r.get(WEBHOOK_DELIVERY.LAST_STATUS_CODE),
                Times.fromDb(r.get(WEBHOOK_DELIVERY.LAST_ATTEMPT_AT)), Times.fromDb(r.get(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)),
                Times.fromDb(r.get(WEBHOOK_DELIVERY.CREATED_AT)));
    }

    private static EventType eventType(String name) {
        return EventType.fromWireName(name)
                .orElseThrow(() -> new IllegalStateException("unknown event type in database: " + name));
    }

    private static DeliveryStatus status(String name) {
        return Arrays.stream(DeliveryStatus.values()).filter(s -> s.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("unknown delivery status in database: " + name));
    }
}

package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where webhook messages wait to be sent, and what became of each delivery (one message to one endpoint).
 *
 * <p><b>Creation, once.</b> {@link #enqueue} keeps a message id unique forever: enqueuing an event whose id is
 * already stored changes nothing. Since ids are derived from what makes an event unique
 * ({@link WebhookEvent#messageIdOf}), an event found twice (two replicas, a pass repeated after a crash) is stored
 * once. A store that writes messages inside another transaction (the usage append that crossed a threshold) keeps the
 * same rule there, typically with a primary key on the message id and an insert that does nothing on conflict.
 *
 * <p><b>Claims with leases.</b> {@link #claimDue} hands a due delivery to one claimer at a time: from the claim
 * until its lease ends or its outcome is {@link #record recorded}, no other call of {@code claimDue} — from this
 * process or another replica over the same storage — returns it. A claimer that dies leaves its lease to run out,
 * and the delivery is claimed again (at least once; receivers dedupe on {@code webhook-id}). A recorded outcome is
 * accepted only from the current claim, so a claimer whose lease ran out and was taken over changes nothing.
 *
 * <p>Instants are kept exactly to the millisecond at least. Safe for concurrent use. Implementations are checked by
 * {@code com.hydracore.billing.application.contract.OutboxContract} in this module's test-jar (which uses a
 * {@link WebhookEndpoints} over the same storage).
 *
 * <p>A call that cannot reach the store throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain.
 */
public interface Outbox {

    /**
     * Stores {@code event}, unless its message id is stored already, with one {@code pending} delivery, due at
     * {@code now}, to every endpoint that is enabled and subscribed to the event's type at this moment (none is
     * fine: the event is still kept, so it is not created again when an endpoint appears later).
     *
     * @return whether the event was new; {@code false} means nothing changed
     */
    boolean enqueue(WebhookEvent event, Instant now);

    /**
     * Claims up to {@code limit} deliveries that are {@code pending}, due ({@code next_attempt_at ≤ now}) and not
     * held by an unexpired claim; each is leased until {@code now + lease}. Oldest due first (then in the order
     * they were enqueued).
     */
    List<ClaimedDelivery> claimDue(Instant now, Duration lease, int limit);

    /**
     * Records what became of a claimed delivery and ends the claim: a delivered or failed delivery is never claimed
     * again, a retry becomes due at its {@code nextAttemptAt}. An attempt adds one to {@code attempts} and sets the
     * last status code and attempt time; an {@link AttemptOutcome#abandoned abandoned} delivery only becomes
     * failed.
     *
     * @return whether it was recorded: {@code false} when {@code claim} is no longer the delivery's current claim
     *     (another claimer took it over after the lease ran out, the outcome was already recorded, or the endpoint
     *     was deleted) — then nothing changed
     */
    boolean record(ClaimedDelivery claim, AttemptOutcome outcome);

    /**
     * The deliveries to one endpoint, newest first (by the instant they were enqueued, then the later enqueued
     * first), at most {@code limit}; none for an unknown endpoint.
     */
    List<Delivery> deliveries(String endpointId, int limit);
}

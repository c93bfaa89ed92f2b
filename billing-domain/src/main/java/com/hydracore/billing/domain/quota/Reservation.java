package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A hold on an account's quotas, as stored: what it holds, when it stops counting by itself, and how it ended, if it
 * did. Its status is derived from these facts and the clock ({@link #statusAt}); {@code (accountId, reservationId)}
 * identifies it forever.
 *
 * <p>Two ways to come to exist: {@link #held} when a hold is granted now, the canonical constructor when loaded from
 * storage.
 *
 * @param accountId      the account whose quotas it holds, 1–128 characters
 * @param reservationId  the caller's idempotency key, 1–128 characters
 * @param tokens         tokens held, 0 to {@link Hold#MAX_COUNT}
 * @param requests       requests held, 0 to {@link Hold#MAX_COUNT}
 * @param conversationId the conversation it holds (one against {@code conversations} while new), or {@code null}
 * @param createdAt      when it was granted
 * @param expiresAt      when it stops counting unless ended before: {@code createdAt} plus 1 s to 1 day
 * @param overLimit      whether it was granted past a soft limit
 * @param settledAt      when the first usage event naming it was accepted, or {@code null}
 * @param releasedAt     when it was released, or {@code null}
 */
public record Reservation(String accountId, String reservationId, long tokens, long requests, String conversationId,
                          Instant createdAt, Instant expiresAt, boolean overLimit, Instant settledAt,
                          Instant releasedAt) {

    /** Checks every field; refuses a life outside 1 s to 1 day and an end that is not while it was held. */
    public Reservation {
        Checks checks = new Checks();
        checks.text("account_id", accountId, 1, ReservationRequest.MAX_ID_LENGTH);
        checks.text("reservation_id", reservationId, 1, ReservationRequest.MAX_ID_LENGTH);
        checks.range("tokens", tokens, 0, Hold.MAX_COUNT);
        checks.range("requests", requests, 0, Hold.MAX_COUNT);
        checks.optionalText("conversation_id", conversationId, 1, ReservationRequest.MAX_ID_LENGTH);
        checks.throwIfAny();
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Duration life = Duration.between(createdAt, expiresAt);
        if (life.compareTo(Duration.ofSeconds(ReservationRequest.MIN_TTL_SECONDS)) < 0
                || life.compareTo(Duration.ofSeconds(ReservationRequest.MAX_TTL_SECONDS)) > 0) {
            throw new IllegalArgumentException("a reservation lives 1 s to 1 day, not " + life);
        }
        Instant ended = settledAt != null ? settledAt : releasedAt;
        if (ended != null && ended.isBefore(createdAt)) {
            throw new IllegalArgumentException("a reservation cannot end at " + ended + ", before it was created");
        }
        ReservationStatus.of(expiresAt, settledAt, releasedAt, expiresAt); // refuses two ends, or one after expiry
    }

    /**
     * A hold granted at {@code now}: created at {@code now} in whole seconds (as the wire shows instants) and
     * expiring {@code ttl_seconds} later, so {@code expires_at} is exactly the instant it stops counting.
     *
     * @param accountId the account whose quotas it holds
     * @param request   the checked body
     * @param now       the instant the hold is granted
     * @param overLimit {@link HoldDecision.Granted#overLimit()} of the decision that granted it
     * @throws InvalidInputException when the account id is not 1–128 characters of valid text
     */
    public static Reservation held(String accountId, ReservationRequest request, Instant now, boolean overLimit) {
        Instant createdAt = ReservationRequest.storedInstant(now);
        return new Reservation(accountId, request.reservationId(), request.tokens(), request.requests(),
                request.conversationId(), createdAt, request.expiresAt(createdAt), overLimit, null, null);
    }

    /** Its status at {@code now} ({@link ReservationStatus#of}). */
    public ReservationStatus statusAt(Instant now) {
        return ReservationStatus.of(expiresAt, settledAt, releasedAt, now);
    }

    /** Whether it counts against the quotas at {@code now}. */
    public boolean isLiveAt(Instant now) {
        return statusAt(now).isLive();
    }

    /**
     * Settled by a usage event accepted at {@code at}, if it is still held then; otherwise unchanged (an event naming
     * a settled, released or expired reservation is plain usage). An instant before its creation (another replica's
     * clock) counts as its creation.
     */
    public Reservation settle(Instant at) {
        Instant when = notBeforeCreation(at);
        return isLiveAt(when) ? new Reservation(accountId, reservationId, tokens, requests, conversationId, createdAt,
                expiresAt, overLimit, when, null) : this;
    }

    /**
     * Released at {@code at}, if it is still held then; otherwise unchanged, as the contract answers it. An instant
     * before its creation counts as its creation.
     */
    public Reservation release(Instant at) {
        Instant when = notBeforeCreation(at);
        return isLiveAt(when) ? new Reservation(accountId, reservationId, tokens, requests, conversationId, createdAt,
                expiresAt, overLimit, null, when) : this;
    }

    private Instant notBeforeCreation(Instant at) {
        return at.isBefore(createdAt) ? createdAt : at;
    }

    /** Whether {@code other} carries the same key (account and reservation id), whatever it holds. */
    public boolean sameKeyAs(Reservation other) {
        return accountId.equals(other.accountId) && reservationId.equals(other.reservationId);
    }
}

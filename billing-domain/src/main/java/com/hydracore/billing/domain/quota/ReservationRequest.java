package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The body of a reservation as the contract defines it (API §7), checked and with its defaults applied.
 *
 * @param reservationId  the caller's idempotency key, 1–{@value #MAX_ID_LENGTH} characters, unique per account
 * @param tokens         tokens to hold, 0 to {@link Hold#MAX_COUNT}
 * @param requests       requests to hold, 0 to {@link Hold#MAX_COUNT}
 * @param conversationId the conversation the call belongs to, 1–{@value #MAX_ID_LENGTH} characters, or {@code null}
 * @param ttlSeconds     how long the hold lives unless settled or released, {@value #MIN_TTL_SECONDS} to
 *                       {@value #MAX_TTL_SECONDS}
 */
public record ReservationRequest(String reservationId, long tokens, long requests, String conversationId,
                                 long ttlSeconds) {

    /** Longest identifier. */
    public static final int MAX_ID_LENGTH = 128;
    /** Shortest life of a hold, in seconds. */
    public static final long MIN_TTL_SECONDS = 1;
    /** Longest life of a hold, in seconds: one day. */
    public static final long MAX_TTL_SECONDS = 86_400;
    /** Life of a hold when the body does not say, in seconds: five minutes. */
    public static final long DEFAULT_TTL_SECONDS = 300;

    /** Checks every field and reports all problems at once, each at its snake_case field name. */
    public ReservationRequest {
        check(reservationId, tokens, requests, conversationId, ttlSeconds).throwIfAny();
    }

    /**
     * The request a body describes; {@code requests} {@code null} means {@value Hold#DEFAULT_REQUESTS} and
     * {@code ttlSeconds} {@code null} means {@value #DEFAULT_TTL_SECONDS}.
     *
     * @throws InvalidInputException listing every problem ({@code tokens} {@code null} is {@code missing})
     */
    public static ReservationRequest of(String reservationId, Long tokens, Long requests, String conversationId,
                                        Long ttlSeconds) {
        long requestCount = requests == null ? Hold.DEFAULT_REQUESTS : requests;
        long ttl = ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds;
        check(reservationId, tokens, requestCount, conversationId, ttl).throwIfAny();
        return new ReservationRequest(reservationId, tokens, requestCount, conversationId, ttl);
    }

    /** What this request holds, given whether its conversation is new ({@link LiveHolds#addsConversation}). */
    public Hold hold(boolean addsConversation) {
        return new Hold(tokens, requests, addsConversation);
    }

    /** How long the hold lives. */
    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    /**
     * The instant a hold created at {@code createdAt} stops counting: {@code createdAt + ttl}. Pass the creation
     * instant as it is stored ({@link Reservation#held} keeps whole seconds, as the wire shows them).
     */
    public Instant expiresAt(Instant createdAt) {
        return createdAt.plus(ttl());
    }

    private static Checks check(String reservationId, Long tokens, long requests, String conversationId,
                                long ttlSeconds) {
        Checks checks = new Checks();
        checks.text("reservation_id", reservationId, 1, MAX_ID_LENGTH);
        if (checks.present("tokens", tokens)) {
            checks.range("tokens", tokens, 0, Hold.MAX_COUNT);
        }
        checks.range("requests", requests, 0, Hold.MAX_COUNT);
        checks.optionalText("conversation_id", conversationId, 1, MAX_ID_LENGTH);
        checks.range("ttl_seconds", ttlSeconds, MIN_TTL_SECONDS, MAX_TTL_SECONDS);
        return checks;
    }

    /** {@code now} as a reservation stores it: whole seconds, as every instant on the wire. */
    static Instant storedInstant(Instant now) {
        return now.truncatedTo(ChronoUnit.SECONDS);
    }
}

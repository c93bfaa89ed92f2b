package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;

/**
 * What one reservation asks to hold against the account's quotas: tokens, requests, and possibly one more
 * conversation. Instances are never held.
 *
 * @param tokens           tokens to hold against {@code tokens}, 0 to {@link #MAX_COUNT}
 * @param requests         requests to hold against {@code api_calls}, 0 to {@link #MAX_COUNT}
 * @param addsConversation whether the hold counts one conversation against {@code conversations}: its
 *                         {@code conversation_id} is neither among the period's conversations nor held by another
 *                         live reservation ({@link LiveHolds#addsConversation})
 */
public record Hold(long tokens, long requests, boolean addsConversation) {

    /** Largest token or request count of one hold: the bound of a usage event's counts. */
    public static final long MAX_COUNT = 1_000_000_000_000L;
    /** Requests held when a reservation leaves the field out: one LLM call. */
    public static final long DEFAULT_REQUESTS = 1;

    /** Checks both counts and reports every problem at {@code tokens} / {@code requests}. */
    public Hold {
        Checks checks = new Checks();
        checks.range("tokens", tokens, 0, MAX_COUNT);
        checks.range("requests", requests, 0, MAX_COUNT);
        checks.throwIfAny();
    }

    /** A hold of {@code tokens} for one request, without a new conversation. */
    public static Hold ofTokens(long tokens) {
        return new Hold(tokens, DEFAULT_REQUESTS, false);
    }

    /**
     * A hold as a reservation asks it; {@code requests} {@code null} means {@value #DEFAULT_REQUESTS}.
     *
     * @throws InvalidInputException when a count is out of range
     */
    public static Hold of(long tokens, Long requests, boolean addsConversation) {
        return new Hold(tokens, requests == null ? DEFAULT_REQUESTS : requests, addsConversation);
    }

    /** What this hold asks of {@code metric}: its tokens, its requests, 1 or 0 conversation, never an instance. */
    public long requested(QuotaMetric metric) {
        return switch (metric) {
            case TOKENS -> tokens;
            case API_CALLS -> requests;
            case CONVERSATIONS -> addsConversation ? 1 : 0;
            case INSTANCES -> 0;
        };
    }
}

package com.hydracore.billing.domain.quota;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What an account's live holds add to its quotas: the {@code reserved} side. Instances are never held.
 *
 * @param tokens        tokens of the live holds, ≥ 0
 * @param requests      requests of the live holds, ≥ 0
 * @param conversations distinct conversations of the live holds that the period has not seen yet, ≥ 0
 */
public record LiveHolds(long tokens, long requests, long conversations) {

    /** Nothing held. */
    public static final LiveHolds NONE = new LiveHolds(0, 0, 0);

    /** Refuses negative counts. */
    public LiveHolds {
        if (tokens < 0 || requests < 0 || conversations < 0) {
            throw new IllegalArgumentException("held counts cannot be negative");
        }
    }

    /**
     * What {@code reservations} hold at {@code now}: sums over the live ones, and their distinct conversation ids
     * that are not among the period's conversations (a conversation already used is counted as used, not again as
     * held). The reference a store's own query must agree with.
     *
     * @param reservations        the account's reservations, any status
     * @param periodConversations the distinct conversation ids of the period's usage
     * @param now                 the instant asked about
     */
    public static LiveHolds of(Collection<Reservation> reservations, Set<String> periodConversations, Instant now) {
        long tokens = 0;
        long requests = 0;
        Set<String> conversations = new HashSet<>();
        for (Reservation r : reservations) {
            if (!r.isLiveAt(now)) {
                continue;
            }
            tokens = Math.addExact(tokens, r.tokens());
            requests = Math.addExact(requests, r.requests());
            if (r.conversationId() != null && !periodConversations.contains(r.conversationId())) {
                conversations.add(r.conversationId());
            }
        }
        return new LiveHolds(tokens, requests, conversations.size());
    }

    /**
     * Whether a new hold on {@code conversationId} counts one conversation: it names one, and that one is neither among
     * the period's conversations nor held by another live reservation of {@code reservations}.
     */
    public static boolean addsConversation(String conversationId, Collection<Reservation> reservations,
                                           Set<String> periodConversations, Instant now) {
        if (conversationId == null) {
            return false; // (an immutable set refuses to be asked about null)
        }
        return addsConversation(conversationId, periodConversations.contains(conversationId),
                reservations.stream().anyMatch(r -> r.isLiveAt(now) && Objects.equals(conversationId,
                        r.conversationId())));
    }

    /**
     * The same rule, from what a store counted: a new hold on {@code conversationId} counts one conversation when it
     * names one that the period has not used and no other live hold holds.
     *
     * @param conversationId the hold's conversation, or {@code null}
     * @param usedInPeriod   whether it is among the period's conversations
     * @param heldLive       whether a live reservation already holds it
     */
    public static boolean addsConversation(String conversationId, boolean usedInPeriod, boolean heldLive) {
        return conversationId != null && !usedInPeriod && !heldLive;
    }

    /** What these holds add to {@code metric} (0 for instances). */
    public long of(QuotaMetric metric) {
        return switch (metric) {
            case TOKENS -> tokens;
            case API_CALLS -> requests;
            case CONVERSATIONS -> conversations;
            case INSTANCES -> 0;
        };
    }
}

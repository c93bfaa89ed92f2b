package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.llm.ReportedTokens;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import com.hydracore.billing.domain.usage.llm.TokenUsage;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A usage event as a reporter sent it, already decoded from the wire but not yet checked: any field may be
 * {@code null}, and a field that could not be decoded carries its problem instead. {@link #toEvent} applies the
 * defaults and every rule of the contract, reporting each field's decoding problem in place of what it caused.
 *
 * @param accountId        account the usage belongs to
 * @param eventId          idempotency key
 * @param instanceId       agent instance
 * @param occurredAt       when it happened
 * @param tokens           tokens used; required unless {@code inputTokens} or {@code outputTokens} is given, then
 *                         their sum when left out and equal to it when given ({@link ReportedTokens})
 * @param requests         requests made; {@code null} means 1
 * @param costUsd          cost as plain decimal text; {@code null} means "0"
 * @param endUserId        optional end user
 * @param conversationId   optional conversation
 * @param model            optional model that served the call
 * @param inputTokens      optional input tokens (cached and cache-written ones included)
 * @param outputTokens     optional output tokens (reasoning included)
 * @param cachedInputTokens optional cached input tokens
 * @param cacheWriteTokens optional cache-written input tokens
 * @param reasoningTokens  optional reasoning tokens
 * @param reservationId    optional reservation the event settles (API §7)
 * @param decodingProblems what an adapter could not decode, located relative to the event ({@code ["tokens"]}, or
 *                         {@code []} for an event that was not an object at all); the field is then {@code null}
 */
public record UsageEventDraft(String accountId, String eventId, String instanceId, Instant occurredAt, Long tokens,
                              Long requests, String costUsd, String endUserId, String conversationId,
                              String model, Long inputTokens, Long outputTokens, Long cachedInputTokens,
                              Long cacheWriteTokens, Long reasoningTokens, String reservationId,
                              List<Violation> decodingProblems) {

    /** Requests counted when a reporter leaves the field out. */
    public static final long DEFAULT_REQUESTS = 1;

    /** Freezes the decoding problems. */
    public UsageEventDraft {
        decodingProblems = List.copyOf(decodingProblems);
    }

    /** A draft without a model or token breakdown whose every field was decoded (or absent). */
    public UsageEventDraft(String accountId, String eventId, String instanceId, Instant occurredAt, Long tokens,
                           Long requests, String costUsd, String endUserId, String conversationId) {
        this(accountId, eventId, instanceId, occurredAt, tokens, requests, costUsd, endUserId, conversationId,
                List.of());
    }

    /** A draft without a model or token breakdown, with what could not be decoded. */
    public UsageEventDraft(String accountId, String eventId, String instanceId, Instant occurredAt, Long tokens,
                           Long requests, String costUsd, String endUserId, String conversationId,
                           List<Violation> decodingProblems) {
        this(accountId, eventId, instanceId, occurredAt, tokens, requests, costUsd, endUserId, conversationId, null,
                null, null, null, null, null, null, decodingProblems);
    }

    /** The token fields as sent, for {@link ReportedTokens}' rules. */
    public ReportedTokens reportedTokens() {
        return new ReportedTokens(tokens, inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens,
                reasoningTokens);
    }

    /** An event that could not be decoded at all, for the reason {@code problem} gives at the event's own path. */
    public static UsageEventDraft undecodable(Violation problem) {
        return new UsageEventDraft(null, null, null, null, null, null, null, null, null, List.of(problem));
    }

    /**
     * Checks the draft against the contract at {@code now} and returns the event.
     *
     * @throws InvalidInputException listing every problem, each located by its field name: a decoding problem in
     *     place of what it caused, and each field once
     */
    public UsageEvent toEvent(Instant now, EventWindow window) {
        Checks checks = new Checks().addAll(decodingProblems);
        checks.present("account_id", accountId);
        checks.present("event_id", eventId);
        checks.present("instance_id", instanceId);
        TokenUsage tokenUsage = tokenUsage(checks);
        if (checks.present("occurred_at", occurredAt)) {
            checkWindow(checks, now, window);
        }
        Money cost = Money.ZERO;
        if (costUsd != null) {
            try {
                cost = Money.parse(costUsd);
            } catch (InvalidInputException e) {
                checks.addAll(e.under("cost_usd").violations());
                cost = null;
            }
        }
        long tokenCount = tokenUsage == null ? 0 : tokenUsage.tokens();
        TokenBreakdown breakdown = tokenUsage == null ? TokenBreakdown.ZERO : tokenUsage.breakdown();
        long requestCount = requests == null ? DEFAULT_REQUESTS : requests;
        // Field-level rules live in UsageEvent's constructor; run them too so one answer lists everything. Where a
        // field is already known to be wrong it gets a placeholder, and with no problem the event is built as sent.
        Money checkedCost = cost == null ? Money.ZERO : cost;
        return checks.build(() -> new UsageEvent(orBlank(accountId), orBlank(eventId), orBlank(instanceId),
                occurredAt == null ? now : occurredAt, tokenCount, requestCount, checkedCost, endUserId,
                conversationId, model, breakdown, reservationId));
    }

    /**
     * The tokens the event counts, or {@code null} with the problems added to {@code checks}. Where {@code
     * input_tokens} or {@code output_tokens} was sent but could not be decoded, the rule for {@code tokens} is not
     * judged: the router did send a split, and saying {@code tokens} is missing would be noise.
     */
    private TokenUsage tokenUsage(Checks checks) {
        ReportedTokens reported = reportedTokens();
        List<Violation> problems = reported.problems();
        boolean splitUndecoded = decodingProblems.stream().anyMatch(v -> !v.path().isEmpty()
                && (v.path().get(0).equals("input_tokens") || v.path().get(0).equals("output_tokens")));
        for (Violation problem : problems) {
            if (!(splitUndecoded && problem.path().equals(List.of("tokens")))) {
                checks.add(problem);
            }
        }
        return problems.isEmpty() ? reported.resolve() : null;
    }

    private void checkWindow(Checks checks, Instant now, EventWindow window) {
        Instant latest = window.latest(now);
        Instant earliest = window.earliest(now);
        if (occurredAt.isAfter(latest)) {
            checks.add(Violation.of("occurred_at", Violation.LESS_THAN_EQUAL,
                    "Input should be less than or equal to " + toSecond(latest)
                            + " (at most " + window.maxFuture().toMinutes() + " minutes in the future)",
                    DateTimeFormatter.ISO_INSTANT.format(occurredAt)));
        } else if (occurredAt.isBefore(earliest)) {
            checks.add(Violation.of("occurred_at", Violation.GREATER_THAN_EQUAL,
                    "Input should be greater than or equal to " + toSecond(earliest)
                            + " (at most " + window.maxPast().toDays() + " days in the past)",
                    DateTimeFormatter.ISO_INSTANT.format(occurredAt)));
        }
    }

    // Bounds are shown to the second, as every instant on the wire is; the comparison itself stays exact.
    private static String toSecond(Instant bound) {
        return DateTimeFormatter.ISO_INSTANT.format(bound.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    // A missing id is reported as missing, not again as too short.
    private static String orBlank(String value) {
        return value == null ? "" : value;
    }
}

package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.PeriodCalendar;
import com.hydracore.billing.domain.usage.llm.ModelName;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One accepted report of LLM usage by an instance. {@code (accountId, eventId)} identifies it forever.
 *
 * <p>Build one from untrusted input with {@link UsageEventDraft#toEvent}; this constructor checks only the
 * invariants that hold whatever the clock says.
 *
 * @param accountId      owning account, 1–128 characters
 * @param eventId        the reporter's idempotency key, 1–128 characters, unique per account
 * @param instanceId     the agent instance, 1–128 characters, scoped to the account
 * @param occurredAt     when the usage happened
 * @param tokens         tokens used, 0 to {@link #MAX_COUNT}
 * @param requests       requests made, 0 to {@link #MAX_COUNT}
 * @param cost           usage cost, 0 to {@link #MAX_COST}
 * @param endUserId      the platform's end user, or {@code null}
 * @param conversationId the conversation, or {@code null}
 * @param model          the model that served the call ({@link ModelName}'s rules), or {@code null}
 * @param breakdown      what the call consumed, {@link TokenBreakdown#ZERO} when not reported; when it holds input or
 *                       output tokens their sum is {@code tokens}
 * @param reservationId  the reservation this event settles (API §7), 1–128 characters, or {@code null}
 */
public record UsageEvent(String accountId, String eventId, String instanceId, Instant occurredAt, long tokens,
                         long requests, Money cost, String endUserId, String conversationId, String model,
                         TokenBreakdown breakdown, String reservationId) {

    /** Largest token or request count of one event. */
    public static final long MAX_COUNT = 1_000_000_000_000L;
    /** Largest cost of one event: one million dollars. */
    public static final Money MAX_COST = Money.ofMicros(1_000_000L * Money.MICROS_PER_DOLLAR);
    /** Longest identifier. */
    public static final int MAX_ID_LENGTH = 128;

    /** Checks every field and reports all problems at once. */
    public UsageEvent {
        Checks checks = new Checks();
        checks.text("account_id", accountId, 1, MAX_ID_LENGTH);
        checks.text("event_id", eventId, 1, MAX_ID_LENGTH);
        checks.text("instance_id", instanceId, 1, MAX_ID_LENGTH);
        checks.present("occurred_at", occurredAt);
        checks.range("tokens", tokens, 0, MAX_COUNT);
        checks.range("requests", requests, 0, MAX_COUNT);
        if (checks.present("cost_usd", cost) && cost.compareTo(MAX_COST) > 0) {
            checks.add(Violation.of("cost_usd", Violation.LESS_THAN_EQUAL,
                    "Input should be less than or equal to " + MAX_COST.toBigDecimal().toBigInteger(), cost.format()));
        }
        checks.optionalText("end_user_id", endUserId, 1, MAX_ID_LENGTH);
        checks.optionalText("conversation_id", conversationId, 1, MAX_ID_LENGTH);
        checks.optionalText("reservation_id", reservationId, 1, MAX_ID_LENGTH);
        checks.addAll(ModelName.problems(model));
        if (checks.present("breakdown", breakdown) && breakdown.total() != 0 && breakdown.total() != tokens) {
            checks.add(Violation.of("tokens", Violation.VALUE_ERROR, "Value error, tokens (" + tokens
                    + ") must equal input_tokens + output_tokens (" + breakdown.total() + ")", tokens));
        }
        checks.throwIfAny();
    }

    /** An event without a model or a token breakdown, as every router reported before they existed. */
    public UsageEvent(String accountId, String eventId, String instanceId, Instant occurredAt, long tokens,
                      long requests, Money cost, String endUserId, String conversationId) {
        this(accountId, eventId, instanceId, occurredAt, tokens, requests, cost, endUserId, conversationId, null,
                TokenBreakdown.ZERO, null);
    }

    /** An event that names no reservation. */
    public UsageEvent(String accountId, String eventId, String instanceId, Instant occurredAt, long tokens,
                      long requests, Money cost, String endUserId, String conversationId, String model,
                      TokenBreakdown breakdown) {
        this(accountId, eventId, instanceId, occurredAt, tokens, requests, cost, endUserId, conversationId, model,
                breakdown, null);
    }

    /** The UTC day this event counts towards in daily series and rollups. */
    public LocalDate utcDay() {
        return PeriodCalendar.utcDate(occurredAt);
    }

    /** Whether {@code other} carries the same key (account and event id), whatever its payload. */
    public boolean sameKeyAs(UsageEvent other) {
        return Objects.equals(accountId, other.accountId) && Objects.equals(eventId, other.eventId);
    }
}

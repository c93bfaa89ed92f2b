package com.hydracore.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsageEventDraftTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    private static final String ID_128 = "i".repeat(128);
    private static final String ID_129 = "i".repeat(129);

    /** A valid draft to start from; each test changes the fields it is about. */
    private static final UsageEventDraft VALID = new UsageEventDraft("acct-1", "evt-1", "inst-1",
            NOW.minus(Duration.ofMinutes(10)), 1200L, 3L, "0.0015", "user-7", "conv-9");

    private static UsageEvent accept(UsageEventDraft draft) {
        return draft.toEvent(NOW, EventWindow.DEFAULT);
    }

    private static List<Violation> refuse(UsageEventDraft draft) {
        return refuse(draft, EventWindow.DEFAULT);
    }

    private static List<Violation> refuse(UsageEventDraft draft, EventWindow window) {
        return assertThrows(InvalidInputException.class, () -> draft.toEvent(NOW, window)).violations();
    }

    /** Asserts exactly one problem, at {@code field}, of {@code type}. */
    private static Violation assertOnlyProblem(UsageEventDraft draft, String field, String type) {
        List<Violation> problems = refuse(draft);
        assertEquals(1, problems.size(), () -> "one problem expected, got " + problems);
        Violation v = problems.get(0);
        assertEquals(List.of(field), v.path());
        assertEquals(type, v.type());
        return v;
    }

    private static UsageEventDraft with(UnaryOperator<Fields> change) {
        return change.apply(new Fields(VALID)).build();
    }

    @Test
    void aValidDraftBecomesAnEventCarryingEveryField() {
        UsageEvent event = accept(VALID);

        assertEquals(new UsageEvent("acct-1", "evt-1", "inst-1", NOW.minus(Duration.ofMinutes(10)), 1200, 3,
                Money.ofMicros(1500), "user-7", "conv-9"), event);
    }

    @Test
    void requestsDefaultToOneAndCostToZeroAndOptionalIdsToNone() {
        UsageEvent event = accept(with(f -> f.requests(null).cost(null).endUser(null).conversation(null)));

        assertEquals(1, event.requests());
        assertEquals(Money.ZERO, event.cost());
        assertNull(event.endUserId());
        assertNull(event.conversationId());
    }

    // --- identifiers ---

    @Test
    void idsOfOneAndOfOneHundredTwentyEightCharactersAreAccepted() {
        accept(with(f -> f.account("a").event("e").instance("i")));
        accept(with(f -> f.account(ID_128).event(ID_128).instance(ID_128).endUser(ID_128).conversation(ID_128)));
    }

    @Test
    void idLengthCountsCharactersNotUtf16Units() {
        String emoji128 = "\uD83D\uDE80".repeat(128);
        accept(with(f -> f.event(emoji128)));
        assertOnlyProblem(with(f -> f.event(emoji128 + "x")), "event_id", Violation.STRING_TOO_LONG);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"account_id", "event_id", "instance_id"})
    void aMissingRequiredIdIsReportedOnceAsMissing(String field) {
        Violation v = assertOnlyProblem(with(f -> f.set(field, null)), field, Violation.MISSING);
        assertNull(v.input());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"account_id", "event_id", "instance_id", "end_user_id", "conversation_id",
            "reservation_id"})
    void anEmptyIdIsTooShort(String field) {
        assertOnlyProblem(with(f -> f.set(field, "")), field, Violation.STRING_TOO_SHORT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"account_id", "event_id", "instance_id", "end_user_id", "conversation_id",
            "reservation_id"})
    void anIdOfOneHundredTwentyNineCharactersIsTooLong(String field) {
        Violation v = assertOnlyProblem(with(f -> f.set(field, ID_129)), field, Violation.STRING_TOO_LONG);
        assertEquals(ID_129, v.input());
    }

    @Test
    void aReservationIdIsOptionalAndCarriedToTheEvent() {
        assertNull(accept(with(f -> f)).reservationId());
        assertEquals("r-1", accept(with(f -> f.set("reservation_id", "r-1"))).reservationId());
    }

    // --- counts ---

    @Test
    void tokensAreRequired() {
        assertOnlyProblem(with(f -> f.tokens(null)), "tokens", Violation.MISSING);
    }

    @Test
    void countsFromZeroToOneTrillionAreAccepted() {
        UsageEvent zero = accept(with(f -> f.tokens(0L).requests(0L)));
        assertEquals(0, zero.tokens());
        assertEquals(0, zero.requests());

        UsageEvent max = accept(with(f -> f.tokens(1_000_000_000_000L).requests(1_000_000_000_000L)));
        assertEquals(1_000_000_000_000L, max.tokens());
        assertEquals(1_000_000_000_000L, max.requests());
    }

    @Test
    void negativeCountsAreRefusedAsBelowZero() {
        assertOnlyProblem(with(f -> f.tokens(-1L)), "tokens", Violation.GREATER_THAN_EQUAL);
        assertOnlyProblem(with(f -> f.requests(-1L)), "requests", Violation.GREATER_THAN_EQUAL);
    }

    @Test
    void countsPastOneTrillionAreRefusedAsAboveTheMaximum() {
        Violation tokens = assertOnlyProblem(with(f -> f.tokens(1_000_000_000_001L)), "tokens",
                Violation.LESS_THAN_EQUAL);
        assertEquals(1_000_000_000_001L, tokens.input());
        assertOnlyProblem(with(f -> f.requests(1_000_000_000_001L)), "requests", Violation.LESS_THAN_EQUAL);
    }

    // --- cost ---

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0", "0.00", "0.000001", "999999.999999", "1000000", "1000000.000000"})
    void costsFromZeroToOneMillionWithUpToSixDecimalsAreAccepted(String cost) {
        assertEquals(Money.parse(cost), accept(with(f -> f.cost(cost))).cost());
    }

    @Test
    void aCostPastOneMillionIsRefused() {
        Violation v = assertOnlyProblem(with(f -> f.cost("1000000.000001")), "cost_usd", Violation.LESS_THAN_EQUAL);
        assertEquals("Input should be less than or equal to 1000000", v.message());
    }

    @Test
    void aCostWithSevenDecimalsIsRefusedNotRounded() {
        assertOnlyProblem(with(f -> f.cost("0.0000001")), "cost_usd", Violation.DECIMAL_MAX_PLACES);
    }

    @Test
    void aNegativeCostIsRefused() {
        assertOnlyProblem(with(f -> f.cost("-0.01")), "cost_usd", Violation.GREATER_THAN_EQUAL);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1e3", "NaN", "Infinity", "free", ""})
    void aCostThatIsNotAPlainDecimalIsRefused(String cost) {
        Violation v = assertOnlyProblem(with(f -> f.cost(cost)), "cost_usd", Violation.DECIMAL_PARSING);
        assertEquals(cost, v.input());
    }

    // --- occurred_at window ---

    @Test
    void occurredAtIsRequired() {
        assertOnlyProblem(with(f -> f.occurredAt(null)), "occurred_at", Violation.MISSING);
    }

    @Test
    void anEventExactlyFiveMinutesAheadIsAcceptedAndOneNanosecondLaterIsRefused() {
        Instant edge = NOW.plus(Duration.ofMinutes(5));
        assertEquals(edge, accept(with(f -> f.occurredAt(edge))).occurredAt());

        Violation v = assertOnlyProblem(with(f -> f.occurredAt(edge.plusNanos(1))), "occurred_at",
                Violation.LESS_THAN_EQUAL);
        assertEquals("Input should be less than or equal to 2026-11-24T09:35:00Z (at most 5 minutes in the future)",
                v.message());
        assertEquals("2026-11-24T09:35:00.000000001Z", v.input());
    }

    @Test
    void anEventExactlyThirtyFiveDaysOldIsAcceptedAndOneNanosecondOlderIsRefused() {
        Instant edge = NOW.minus(Duration.ofDays(35));
        assertEquals(edge, accept(with(f -> f.occurredAt(edge))).occurredAt());

        Violation v = assertOnlyProblem(with(f -> f.occurredAt(edge.minusNanos(1))), "occurred_at",
                Violation.GREATER_THAN_EQUAL);
        assertEquals("Input should be greater than or equal to 2026-10-20T09:30:00Z (at most 35 days in the past)",
                v.message());
    }

    @Test
    void theWindowIsConfigurable() {
        EventWindow strict = new EventWindow(Duration.ZERO, Duration.ofDays(1));
        UsageEventDraft ahead = with(f -> f.occurredAt(NOW.plusSeconds(1)));
        UsageEventDraft twoDaysOld = with(f -> f.occurredAt(NOW.minus(Duration.ofDays(2))));

        assertEquals(Violation.LESS_THAN_EQUAL, refuse(ahead, strict).get(0).type());
        assertEquals(Violation.GREATER_THAN_EQUAL, refuse(twoDaysOld, strict).get(0).type());
        assertEquals(NOW, with(f -> f.occurredAt(NOW)).toEvent(NOW, strict).occurredAt());
        assertThrows(IllegalArgumentException.class, () -> new EventWindow(Duration.ofMinutes(-1), Duration.ZERO));
    }

    // --- everything at once ---

    @Test
    void everyProblemOfOneEventIsReportedAtOnceEachOnceAtItsField() {
        UsageEventDraft broken = new UsageEventDraft(null, "", ID_129, NOW.minus(Duration.ofDays(36)), -5L,
                1_000_000_000_001L, "1e3", "", ID_129);

        List<Violation> problems = refuse(broken);

        Map<List<Object>, String> typeByPath = problems.stream()
                .collect(Collectors.toMap(Violation::path, Violation::type));
        assertEquals(Map.of(
                List.of("account_id"), Violation.MISSING,
                List.of("event_id"), Violation.STRING_TOO_SHORT,
                List.of("instance_id"), Violation.STRING_TOO_LONG,
                List.of("occurred_at"), Violation.GREATER_THAN_EQUAL,
                List.of("tokens"), Violation.GREATER_THAN_EQUAL,
                List.of("requests"), Violation.LESS_THAN_EQUAL,
                List.of("cost_usd"), Violation.DECIMAL_PARSING,
                List.of("end_user_id"), Violation.STRING_TOO_SHORT,
                List.of("conversation_id"), Violation.STRING_TOO_LONG), typeByPath);
        assertEquals(9, problems.size(), "no field is reported twice");
    }

    @Test
    void missingRequiredFieldsAreEachReportedOnceAsMissing() {
        List<Violation> problems = refuse(new UsageEventDraft(null, null, null, null, null, null, null, null, null));

        assertEquals(List.of(Violation.MISSING), problems.stream().map(Violation::type).distinct().toList());
        assertEquals(new HashSet<>(List.of(List.of("account_id"), List.of("event_id"), List.of("instance_id"),
                List.of("tokens"), List.of("occurred_at"))), new HashSet<>(problems.stream().map(Violation::path).toList()));
        assertEquals(5, problems.size());
    }

    @Test
    void aCostOverTheEventMaximumAndOtherProblemsAreReportedTogether() {
        List<Violation> problems = refuse(with(f -> f.cost("2000000").tokens(-1L)));

        assertEquals(new HashSet<>(List.of(List.of("tokens"), List.of("cost_usd"))),
                new HashSet<>(problems.stream().map(Violation::path).toList()));
        assertEquals(2, problems.size());
    }

    @Test
    void problemsOfTheNthEventOfABatchAreLocatedUnderItsIndex() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> with(f -> f.tokens(-1L).cost("x")).toEvent(NOW, EventWindow.DEFAULT));

        List<List<Object>> paths = e.under("events", 3).violations().stream().map(Violation::path).toList();

        assertEquals(new HashSet<>(List.of(List.of("events", 3, "tokens"), List.of("events", 3, "cost_usd"))),
                new HashSet<>(paths));
        assertEquals(2, paths.size());
    }

    /** A mutable copy of a draft's fields, so each test states only the fields it changes. */
    private static final class Fields {
        private String accountId;
        private String eventId;
        private String instanceId;
        private Instant occurredAt;
        private Long tokens;
        private Long requests;
        private String cost;
        private String endUserId;
        private String conversationId;
        private String reservationId;

        Fields(UsageEventDraft d) {
            accountId = d.accountId();
            eventId = d.eventId();
            instanceId = d.instanceId();
            occurredAt = d.occurredAt();
            tokens = d.tokens();
            requests = d.requests();
            cost = d.costUsd();
            endUserId = d.endUserId();
            conversationId = d.conversationId();
        }

        Fields account(String v) {
            accountId = v;
            return this;
        }

        Fields event(String v) {
            eventId = v;
            return this;
        }

        Fields instance(String v) {
            instanceId = v;
            return this;
        }

        Fields endUser(String v) {
            endUserId = v;
            return this;
        }

        Fields conversation(String v) {
            conversationId = v;
            return this;
        }

        Fields occurredAt(Instant v) {
            occurredAt = v;
            return this;
        }

        Fields tokens(Long v) {
            tokens = v;
            return this;
        }

        Fields requests(Long v) {
            requests = v;
            return this;
        }

        Fields cost(String v) {
            cost = v;
            return this;
        }

        /** Sets a text field by its contract name. */
        Fields set(String field, String v) {
            switch (field) {
                case "account_id" -> accountId = v;
                case "event_id" -> eventId = v;
                case "instance_id" -> instanceId = v;
                case "end_user_id" -> endUserId = v;
                case "conversation_id" -> conversationId = v;
                case "reservation_id" -> reservationId = v;
                default -> throw new IllegalArgumentException(field);
            }
            return this;
        }

        UsageEventDraft build() {
            return new UsageEventDraft(accountId, eventId, instanceId, occurredAt, tokens, requests, cost, endUserId,
                    conversationId, null, null, null, null, null, null, reservationId, List.of());
        }
    }
}

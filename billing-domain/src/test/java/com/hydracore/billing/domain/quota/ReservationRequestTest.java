package com.hydracore.billing.domain.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservationRequestTest {

    private static final long TRILLION = 1_000_000_000_000L;

    private static List<Violation> refuse(String id, Long tokens, Long requests, String conversation, Long ttl) {
        return assertThrows(InvalidInputException.class,
                () -> ReservationRequest.of(id, tokens, requests, conversation, ttl)).violations();
    }

    private static Violation onlyProblem(String id, Long tokens, Long requests, String conversation, Long ttl) {
        List<Violation> problems = refuse(id, tokens, requests, conversation, ttl);
        assertEquals(1, problems.size(), () -> "one problem expected, got " + problems);
        return problems.get(0);
    }

    @Test
    void requestsDefaultToOneAndTheHoldToFiveMinutes() {
        ReservationRequest request = ReservationRequest.of("res-1", 1_200L, null, null, null);

        assertEquals(new ReservationRequest("res-1", 1_200, 1, null, 300), request);
        assertEquals(Duration.ofMinutes(5), request.ttl());
        assertNull(request.conversationId());
    }

    @Test
    void everyFieldIsKeptWhenGiven() {
        assertEquals(new ReservationRequest("res-1", 0, 0, "conv-9", 86_400),
                ReservationRequest.of("res-1", 0L, 0L, "conv-9", 86_400L));
    }

    @Test
    void expiresAtIsTheCreationPlusTheTtl() {
        Instant created = Instant.parse("2026-11-24T09:30:00Z");

        assertEquals(Instant.parse("2026-11-24T09:35:00Z"),
                ReservationRequest.of("r", 1L, null, null, null).expiresAt(created));
        assertEquals(Instant.parse("2026-11-24T09:30:01Z"),
                ReservationRequest.of("r", 1L, null, null, 1L).expiresAt(created));
        assertEquals(Instant.parse("2026-11-25T09:30:00Z"),
                ReservationRequest.of("r", 1L, null, null, 86_400L).expiresAt(created));
    }

    @Test
    void theHoldCarriesTheCountsAndWhetherTheConversationIsNew() {
        ReservationRequest request = ReservationRequest.of("r", 700L, 2L, "conv-1", null);

        assertEquals(new Hold(700, 2, true), request.hold(true));
        assertEquals(new Hold(700, 2, false), request.hold(false));
    }

    @Test
    void tokensAreRequired() {
        Violation v = onlyProblem("r", null, null, null, null);

        assertEquals(new Violation(List.of("tokens"), Violation.MISSING, "Field required", null), v);
    }

    @Test
    void countsOutsideZeroToOneTrillionAreRefusedAtTheirFields() {
        assertEquals(List.of("tokens"), onlyProblem("r", -1L, null, null, null).path());
        assertEquals(Violation.LESS_THAN_EQUAL, onlyProblem("r", TRILLION + 1, null, null, null).type());
        assertEquals(List.of("requests"), onlyProblem("r", 1L, -1L, null, null).path());
        assertEquals(Violation.LESS_THAN_EQUAL, onlyProblem("r", 1L, TRILLION + 1, null, null).type());
        ReservationRequest.of("r", TRILLION, TRILLION, null, null);
    }

    @Test
    void theTtlIsOneSecondToOneDay() {
        assertEquals(new Violation(List.of("ttl_seconds"), Violation.GREATER_THAN_EQUAL,
                "Input should be greater than or equal to 1", 0L), onlyProblem("r", 1L, null, null, 0L));
        assertEquals(new Violation(List.of("ttl_seconds"), Violation.LESS_THAN_EQUAL,
                "Input should be less than or equal to 86400", 86_401L), onlyProblem("r", 1L, null, null, 86_401L));
        assertEquals(1, ReservationRequest.of("r", 1L, null, null, 1L).ttlSeconds());
    }

    @Test
    void theReservationIdIsOneToOneHundredTwentyEightCharacters() {
        ReservationRequest.of("r", 1L, null, null, null);
        ReservationRequest.of("\uD83D\uDE80".repeat(128), 1L, null, null, null);
        assertEquals(Violation.MISSING, onlyProblem(null, 1L, null, null, null).type());
        assertEquals(Violation.STRING_TOO_SHORT, onlyProblem("", 1L, null, null, null).type());
        assertEquals(Violation.STRING_TOO_LONG, onlyProblem("r".repeat(129), 1L, null, null, null).type());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reservation_id", "conversation_id"})
    void anIdThatIsNotValidUnicodeIsAStringUnicodeProblem(String field) {
        String bad = "res\uD800";
        Violation v = field.equals("reservation_id") ? onlyProblem(bad, 1L, null, null, null)
                : onlyProblem("r", 1L, null, bad, null);

        assertEquals(List.of(field), v.path());
        assertEquals(Violation.STRING_UNICODE, v.type());
        assertEquals("res\uFFFD", v.input());
    }

    @Test
    void anEmptyConversationIdIsTooShortButAnAbsentOneIsFine() {
        assertEquals(List.of("conversation_id"), onlyProblem("r", 1L, null, "", null).path());
        assertNull(ReservationRequest.of("r", 1L, null, null, null).conversationId());
    }

    @Test
    void everyProblemIsReportedAtOnceInFieldOrder() {
        List<Violation> problems = refuse("", null, -1L, "c".repeat(129), 0L);

        assertEquals(List.of(List.of("reservation_id"), List.of("tokens"), List.of("requests"),
                List.of("conversation_id"), List.of("ttl_seconds")), problems.stream().map(Violation::path).toList());
        assertEquals(List.of(List.of("body", "reservation_id")), new InvalidInputException(problems.subList(0, 1))
                .under("body").violations().stream().map(Violation::path).toList());
    }

    @Test
    void theCanonicalConstructorChecksTheSameRules() {
        assertThrows(InvalidInputException.class, () -> new ReservationRequest("r", 1, 1, null, 0));
        assertThrows(InvalidInputException.class, () -> new ReservationRequest("r", -1, 1, null, 300));
        assertThrows(InvalidInputException.class, () -> new ReservationRequest(null, 1, 1, null, 300));
    }
}

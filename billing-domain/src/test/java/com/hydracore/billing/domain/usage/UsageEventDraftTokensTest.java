package com.hydracore.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The token rules of API §4 on a whole draft, table-driven: each row is what a router sent (null: field left out) and
 * what the event counts, or where the one problem is. Where a rule between two fields is broken, the problem is at
 * {@code tokens} for a total that is not input + output, at the first of {@code cached_input_tokens} and
 * {@code cache_write_tokens} whose running sum passes {@code input_tokens}, and at {@code reasoning_tokens} for more
 * reasoning than output.
 */
class UsageEventDraftTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    private static final long T = TokenBreakdown.MAX_TOKENS;

    private static UsageEventDraft draft(Long tokens, Long in, Long out, Long cached, Long written, Long reasoning,
                                         String model) {
        return new UsageEventDraft("acct-1", "evt-1", "inst-1", NOW.minusSeconds(60), tokens, 1L, "0", null, null,
                model, in, out, cached, written, reasoning, null, List.of());
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                // tokens, in, out, cached, written, reasoning → tokens counted, breakdown
                Arguments.of(1200L, null, null, null, null, null, 1200L, TokenBreakdown.ZERO),
                Arguments.of(null, 1000L, 200L, null, null, null, 1200L, new TokenBreakdown(1000, 200, 0, 0, 0)),
                Arguments.of(1200L, 1000L, 200L, 600L, 400L, 200L, 1200L, new TokenBreakdown(1000, 200, 600, 400, 200)),
                Arguments.of(null, 500L, null, 500L, null, null, 500L, new TokenBreakdown(500, 0, 500, 0, 0)),
                Arguments.of(null, null, 70L, null, null, 70L, 70L, new TokenBreakdown(0, 70, 0, 0, 70)),
                Arguments.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, TokenBreakdown.ZERO),
                Arguments.of(null, T / 2, T / 2, null, null, null, T, new TokenBreakdown(T / 2, T / 2, 0, 0, 0)),
                Arguments.of(100L, null, null, 0L, 0L, 0L, 100L, TokenBreakdown.ZERO));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void theTokensCountedAreTheTotalOrInputPlusOutput(Long tokens, Long in, Long out, Long cached, Long written,
                                                      Long reasoning, long counted, TokenBreakdown breakdown) {
        UsageEvent event = draft(tokens, in, out, cached, written, reasoning, "gpt-4o")
                .toEvent(NOW, EventWindow.DEFAULT);

        assertEquals(counted, event.tokens());
        assertEquals(breakdown, event.breakdown());
        assertEquals("gpt-4o", event.model());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // tokens, in, out, cached, written, reasoning → location, type
                Arguments.of(null, null, null, null, null, null, "tokens", Violation.MISSING),
                Arguments.of(100L, null, null, 10L, null, null, "cached_input_tokens", Violation.VALUE_ERROR),
                Arguments.of(1400L, 1000L, 500L, null, null, null, "tokens", Violation.VALUE_ERROR),
                Arguments.of(600L, 500L, null, null, null, null, "tokens", Violation.VALUE_ERROR),
                Arguments.of(5L, 0L, 0L, null, null, null, "tokens", Violation.VALUE_ERROR),
                Arguments.of(null, 100L, 10L, 101L, null, null, "cached_input_tokens", Violation.VALUE_ERROR),
                Arguments.of(null, 100L, 10L, 60L, 41L, null, "cache_write_tokens", Violation.VALUE_ERROR),
                Arguments.of(null, 100L, 10L, null, 101L, null, "cache_write_tokens", Violation.VALUE_ERROR),
                Arguments.of(null, 100L, 10L, null, null, 11L, "reasoning_tokens", Violation.VALUE_ERROR),
                Arguments.of(null, 100L, -1L, null, null, null, "output_tokens", Violation.GREATER_THAN_EQUAL),
                Arguments.of(null, T + 1, null, null, null, null, "input_tokens", Violation.LESS_THAN_EQUAL),
                Arguments.of(null, T, 1L, null, null, null, "tokens", Violation.LESS_THAN_EQUAL));
    }

    @ParameterizedTest
    @MethodSource("refused")
    void aBrokenRuleIsOneProblemAtItsField(Long tokens, Long in, Long out, Long cached, Long written, Long reasoning,
                                           String field, String type) {
        List<Violation> problems = assertThrows(InvalidInputException.class,
                () -> draft(tokens, in, out, cached, written, reasoning, null).toEvent(NOW, EventWindow.DEFAULT))
                .violations();

        assertEquals(1, problems.size(), () -> "one problem expected, got " + problems);
        assertEquals(List.of(field), problems.get(0).path());
        assertEquals(type, problems.get(0).type());
    }

    @Test
    void aModelOfOneToOneHundredTwentyEightCharactersIsKeptVerbatimAndLongerIsRefusedAtModel() {
        assertEquals("GPT-4o ", draft(1L, null, null, null, null, null, "GPT-4o ").toEvent(NOW, EventWindow.DEFAULT)
                .model());
        List<Violation> problems = assertThrows(InvalidInputException.class,
                () -> draft(1L, null, null, null, null, null, "m".repeat(129)).toEvent(NOW, EventWindow.DEFAULT))
                .violations();
        assertEquals(List.of("model"), problems.get(0).path());
        assertEquals(List.of("model"), assertThrows(InvalidInputException.class,
                () -> draft(1L, null, null, null, null, null, "").toEvent(NOW, EventWindow.DEFAULT))
                .violations().get(0).path());
    }

    @Test
    void anUndecodableInputTokensIsReportedAloneNotAlsoAsAMissingTotal() {
        Violation undecodable = Violation.of("input_tokens", "int_type", "Input should be a valid integer", "many");
        UsageEventDraft draft = new UsageEventDraft("acct-1", "evt-1", "inst-1", NOW, null, 1L, "0", null, null,
                null, null, null, null, null, null, null, List.of(undecodable));

        assertEquals(List.of(undecodable), assertThrows(InvalidInputException.class,
                () -> draft.toEvent(NOW, EventWindow.DEFAULT)).violations());
    }
}

package com.hydracore.billing.domain.usage.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportedTokensTest {

    private static final long TRILLION = 1_000_000_000_000L;

    private static ReportedTokens reported(Long tokens, Long in, Long out) {
        return new ReportedTokens(tokens, in, out, null, null, null);
    }

    private static List<Violation> refuse(ReportedTokens reported) {
        List<Violation> problems = assertThrows(InvalidInputException.class, reported::resolve).violations();
        assertEquals(reported.problems(), problems, "resolve reports exactly the problems");
        return problems;
    }

    // --- the rule for tokens ---

    @Test
    void tokensAloneCountAloneWithNoBreakdown() {
        assertEquals(new TokenUsage(1_200, TokenBreakdown.ZERO), ReportedTokens.ofTotal(1_200L).resolve());
        assertEquals(new TokenUsage(0, TokenBreakdown.ZERO), ReportedTokens.ofTotal(0L).resolve());
    }

    @Test
    void tokensLeftOutAreInputPlusOutput() {
        TokenUsage usage = new ReportedTokens(null, 1_000L, 200L, 600L, 100L, 50L).resolve();

        assertEquals(new TokenUsage(1_200, new TokenBreakdown(1_000, 200, 600, 100, 50)), usage);
    }

    @Test
    void inputOrOutputAloneIsEnoughTheOtherCountingZero() {
        assertEquals(500, reported(null, 500L, null).resolve().tokens());
        assertEquals(70, reported(null, null, 70L).resolve().tokens());
        assertEquals(0, reported(null, 0L, null).resolve().tokens());
    }

    @Test
    void tokensEqualToTheSumAreAccepted() {
        assertEquals(new TokenUsage(1_200, new TokenBreakdown(1_000, 200, 0, 0, 0)),
                reported(1_200L, 1_000L, 200L).resolve());
        assertEquals(500, reported(500L, 500L, null).resolve().tokens());
    }

    @Test
    void tokensThatDifferFromTheSumAreAValueErrorSayingSo() {
        assertEquals(List.of(new Violation(List.of("tokens"), Violation.VALUE_ERROR,
                        "Value error, tokens (1400) must equal input_tokens + output_tokens (1500)", 1_400L)),
                refuse(reported(1_400L, 1_000L, 500L)));
    }

    @Test
    void tokensWithOnlyOneSideMustEqualThatSide() {
        assertEquals(List.of(new Violation(List.of("tokens"), Violation.VALUE_ERROR,
                        "Value error, tokens (600) must equal input_tokens + output_tokens (500)", 600L)),
                refuse(reported(600L, 500L, null)));
        assertEquals(List.of("tokens"), refuse(reported(5L, 0L, 0L)).get(0).path(), "zeros are given, not absent");
    }

    @Test
    void tokensAreRequiredWhenNeitherInputNorOutputIsGiven() {
        assertEquals(List.of(new Violation(List.of("tokens"), Violation.MISSING, "Field required", null)),
                refuse(new ReportedTokens(null, null, null, null, null, null)));
    }

    @Test
    void cacheAndReasoningFieldsAloneDoNotReplaceTokens() {
        List<Violation> problems = refuse(new ReportedTokens(null, null, null, 5L, null, 3L));

        assertEquals(List.of(List.of("cached_input_tokens"), List.of("reasoning_tokens"), List.of("tokens")),
                problems.stream().map(Violation::path).toList());
        assertEquals(Violation.MISSING, problems.get(2).type());
    }

    @Test
    void aSumPastOneTrillionIsRefusedAtTokens() {
        List<Violation> problems = refuse(reported(null, TRILLION, 1L));

        assertEquals(List.of(new Violation(List.of("tokens"), Violation.LESS_THAN_EQUAL,
                "Input should be less than or equal to 1000000000000 (tokens is input_tokens + output_tokens = "
                        + "1000000000001)", TRILLION + 1)), problems);
        assertEquals(TRILLION, reported(null, TRILLION, 0L).resolve().tokens());
    }

    @Test
    void tokensOutOfRangeAreReportedOnceNotAgainAsDifferent() {
        assertEquals(List.of(new Violation(List.of("tokens"), Violation.GREATER_THAN_EQUAL,
                "Input should be greater than or equal to 0", -1L)), refuse(reported(-1L, 10L, 10L)));
        assertEquals(List.of(Violation.LESS_THAN_EQUAL),
                refuse(ReportedTokens.ofTotal(TRILLION + 1)).stream().map(Violation::type).toList());
    }

    @ParameterizedTest(name = "input {0}")
    @ValueSource(longs = {-1L, TRILLION + 1})
    void aSideOutOfRangeIsReportedWithoutJudgingTokensAgainstIt(long input) {
        assertEquals(List.of(List.of("input_tokens")),
                refuse(reported(7L, input, 3L)).stream().map(Violation::path).toList());
        assertEquals(List.of(List.of("input_tokens")),
                refuse(reported(null, input, 3L)).stream().map(Violation::path).toList());
    }

    @Test
    void breakdownAndTokensProblemsAreReportedTogether() {
        List<Violation> problems = refuse(new ReportedTokens(99L, 100L, 20L, 101L, null, 21L));

        assertEquals(List.of(List.of("cached_input_tokens"), List.of("reasoning_tokens"), List.of("tokens")),
                problems.stream().map(Violation::path).toList());
    }

    @Test
    void problemsArePlacedUnderTheEventByTheCaller() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> reported(1L, 2L, 3L).resolve());

        assertEquals(List.of("body", "events", 3, "tokens"), e.under("body", "events", 3).violations().get(0).path());
    }

    @Test
    void aReportWithASplitSaysSo() {
        assertTrue(reported(null, 0L, null).hasSplit());
        assertTrue(reported(null, null, 0L).hasSplit());
        assertEquals(false, new ReportedTokens(5L, null, null, 1L, 1L, 0L).hasSplit());
    }

    /** Whatever a router sends, the rule either refuses it or bills exactly the contract's total. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 8L, 31L})
    void resolvedTokensAreAlwaysTheContractsTotalOrRefused(long seed) {
        Random random = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < 5_000; i++) {
            ReportedTokens r = new ReportedTokens(randomField(random), randomField(random), randomField(random),
                    randomField(random), randomField(random), randomField(random));
            List<Violation> problems = r.problems();
            if (!problems.isEmpty()) {
                assertEquals(problems, assertThrows(InvalidInputException.class, r::resolve).violations());
                continue;
            }
            accepted++;
            TokenUsage usage = r.resolve();
            long in = r.inputTokens() == null ? 0 : r.inputTokens();
            long out = r.outputTokens() == null ? 0 : r.outputTokens();
            assertEquals(r.hasSplit() ? in + out : r.tokens(), usage.tokens(), r::toString);
            if (r.tokens() != null) {
                assertEquals(r.tokens(), usage.tokens(), "a given total is never changed");
            }
            TokenBreakdown b = usage.breakdown();
            assertTrue(b.cachedInputTokens() + b.cacheWriteTokens() <= b.inputTokens());
            assertTrue(b.reasoningTokens() <= b.outputTokens());
        }
        assertTrue(accepted > 300, "the seed produces valid reports too: " + accepted);
    }

    /** Absent a third of the time; small numbers so that sums and parts often agree. */
    private static Long randomField(Random random) {
        return switch (random.nextInt(9)) {
            case 0, 1, 2 -> null;
            case 3 -> -1L;
            case 4 -> 0L;
            default -> (long) random.nextInt(4);
        };
    }
}

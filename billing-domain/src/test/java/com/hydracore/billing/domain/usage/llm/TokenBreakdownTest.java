package com.hydracore.billing.domain.usage.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenBreakdownTest {

    private static final long TRILLION = 1_000_000_000_000L;
    private static final List<String> FIELDS = List.of("input_tokens", "output_tokens", "cached_input_tokens",
            "cache_write_tokens", "reasoning_tokens");

    private static List<Violation> refuse(Long in, Long out, Long cached, Long written, Long reasoning) {
        return assertThrows(InvalidInputException.class,
                () -> TokenBreakdown.of(in, out, cached, written, reasoning)).violations();
    }

    /** The five fields, {@code value} in the field at {@code index}, 0 elsewhere but in the wholes (a trillion). */
    private static Long[] withField(int index, long value) {
        Long[] fields = {TRILLION, TRILLION, 0L, 0L, 0L};
        fields[index] = value;
        return fields;
    }

    @Test
    void aTypicalCallKeepsEveryFieldAndCountsInputPlusOutput() {
        TokenBreakdown b = new TokenBreakdown(1_500, 300, 1_000, 200, 100);

        assertEquals(1_800, b.total());
        assertEquals(300, b.uncachedInputTokens());
    }

    @Test
    void partsMayFillTheirWholeExactly() {
        TokenBreakdown b = new TokenBreakdown(1_000, 50, 600, 400, 50);

        assertEquals(0, b.uncachedInputTokens());
        assertEquals(1_050, b.total());
    }

    @Test
    void absentFieldsCountZero() {
        assertEquals(TokenBreakdown.ZERO, TokenBreakdown.of(null, null, null, null, null));
        assertEquals(new TokenBreakdown(10, 0, 4, 0, 0), TokenBreakdown.of(10L, null, 4L, null, null));
        assertEquals(0, TokenBreakdown.ZERO.total());
    }

    @Test
    void theLargestCountsAreAccepted() {
        TokenBreakdown b = new TokenBreakdown(TRILLION, TRILLION, TRILLION / 2, TRILLION / 2, TRILLION);

        assertEquals(2 * TRILLION, b.total());
    }

    @ParameterizedTest(name = "field {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void eachFieldIsZeroToOneTrillion(int index) {
        Long[] low = withField(index, -1);
        Long[] high = withField(index, TRILLION + 1);

        assertEquals(List.of(new Violation(List.of(FIELDS.get(index)), Violation.GREATER_THAN_EQUAL,
                "Input should be greater than or equal to 0", -1L)), refuse(low[0], low[1], low[2], low[3], low[4]));
        assertEquals(List.of(new Violation(List.of(FIELDS.get(index)), Violation.LESS_THAN_EQUAL,
                        "Input should be less than or equal to 1000000000000", TRILLION + 1)),
                refuse(high[0], high[1], high[2], high[3], high[4]));
    }

    @Test
    void cachedTokensPastTheInputAreRefusedAtCachedInputTokens() {
        assertEquals(List.of(new Violation(List.of("cached_input_tokens"), Violation.VALUE_ERROR,
                "Value error, cached_input_tokens + cache_write_tokens (150) must not exceed input_tokens (100): "
                        + "cached and cache-written tokens are part of the input", 150L)),
                refuse(100L, 10L, 150L, null, null));
    }

    @Test
    void cacheWritesPushingTheSumPastTheInputAreRefusedAtCacheWriteTokens() {
        List<Violation> problems = refuse(100L, 10L, 60L, 50L, null);

        assertEquals(1, problems.size());
        assertEquals(List.of("cache_write_tokens"), problems.get(0).path());
        assertEquals(Violation.VALUE_ERROR, problems.get(0).type());
        assertEquals(50L, problems.get(0).input());
        assertEquals(List.of("cache_write_tokens"), refuse(null, null, null, 1L, null).get(0).path(),
                "against an absent input, which counts 0");
    }

    @Test
    void reasoningPastTheOutputIsRefusedAtReasoningTokens() {
        assertEquals(List.of(new Violation(List.of("reasoning_tokens"), Violation.VALUE_ERROR,
                "Value error, reasoning_tokens (300) must not exceed output_tokens (200): reasoning tokens are part of "
                        + "the output", 300L)), refuse(10L, 200L, null, null, 300L));
        assertEquals(List.of("reasoning_tokens"), refuse(null, null, null, null, 1L).get(0).path());
    }

    @Test
    void aFieldOutOfRangeIsNotJudgedAgainAsAPart() {
        assertEquals(List.of(List.of("input_tokens")),
                refuse(-1L, 0L, 5L, null, null).stream().map(Violation::path).toList());
        assertEquals(List.of(List.of("reasoning_tokens")),
                refuse(0L, 5L, null, null, TRILLION + 1).stream().map(Violation::path).toList());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        List<Violation> problems = refuse(10L, -1L, 8L, 8L, null);

        assertEquals(List.of(List.of("output_tokens"), List.of("cache_write_tokens")),
                problems.stream().map(Violation::path).toList());
    }

    @Test
    void theCanonicalConstructorChecksTheSameRules() {
        assertThrows(InvalidInputException.class, () -> new TokenBreakdown(10, 10, 11, 0, 0));
        assertThrows(InvalidInputException.class, () -> new TokenBreakdown(10, 10, 0, 0, 11));
        assertThrows(InvalidInputException.class, () -> new TokenBreakdown(-1, 0, 0, 0, 0));
    }
}

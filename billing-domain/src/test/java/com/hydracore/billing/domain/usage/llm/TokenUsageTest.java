package com.hydracore.billing.domain.usage.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TokenUsageTest {

    @Test
    void aTotalWithoutBreakdownHasAnEmptyOne() {
        assertEquals(new TokenUsage(500, TokenBreakdown.ZERO), TokenUsage.ofTotal(500));
    }

    @Test
    void aBreakdownCountsItsInputPlusOutput() {
        TokenBreakdown b = new TokenBreakdown(900, 100, 0, 0, 40);

        assertEquals(new TokenUsage(1_000, b), TokenUsage.of(b));
    }

    @Test
    void aTotalThatDisagreesWithItsBreakdownCannotExist() {
        assertThrows(IllegalArgumentException.class, () -> new TokenUsage(999, new TokenBreakdown(900, 100, 0, 0, 0)));
        assertThrows(IllegalArgumentException.class, () -> new TokenUsage(-1, TokenBreakdown.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> new TokenUsage(TokenBreakdown.MAX_TOKENS + 1, TokenBreakdown.ZERO));
        assertThrows(IllegalArgumentException.class, () -> TokenUsage.of(new TokenBreakdown(TokenBreakdown.MAX_TOKENS,
                1, 0, 0, 0)), "a breakdown may sum past what one event counts; resolving refuses it at tokens");
        assertThrows(NullPointerException.class, () -> new TokenUsage(0, null));
    }
}

package com.hydracore.billing.domain.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentTest {

    @ParameterizedTest(name = "{0} of {1} is {2}%")
    @CsvSource({
        "1,      3,       33.33",
        "2,      3,       66.67",
        "1,      8,       12.50",
        "1,      800,     0.13",
        "1,      20000,   0.01",
        "1,      40000,   0.00",
        "3,      200000,  0.00",
        "50000,  100000,  50.00",
        "100000, 100000,  100.00",
        "150000, 100000,  150.00",
        "1000000000000, 1, 100000000000000.00",
    })
    void aRatioIsRoundedHalfUpToTwoDecimals(long part, long whole, String expected) {
        assertEquals(new BigDecimal(expected), Percent.of(part, whole));
    }

    @Test
    void noTokensAgainstNoAllowanceIsZeroPercent() {
        assertEquals(new BigDecimal("0.00"), Percent.of(0, 0));
    }

    @Test
    void anyTokensAgainstNoAllowanceIsAHundredPercent() {
        assertEquals(new BigDecimal("100.00"), Percent.of(1, 0));
        assertEquals(new BigDecimal("100.00"), Percent.of(5_000_000, 0));
    }

    @Test
    void usageCanExceedAHundredPercentOfTheAllowance() {
        assertEquals(new BigDecimal("250.00"), Percent.of(250_000, 100_000));
    }

    @Test
    void aShareOfNothingIsZeroNotAHundred() {
        assertEquals(new BigDecimal("0.00"), Percent.share(0, 0));
        assertEquals(new BigDecimal("0.00"), Percent.share(7, 0));
        assertEquals(new BigDecimal("33.33"), Percent.share(1, 3));
        assertEquals(new BigDecimal("66.67"), Percent.share(2, 3));
    }
}

package com.hydracore.billing.domain.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0.00", "29.00", "0.0015", "12.345678", "0.01", "0.10", "999999.999999",
        "1000000000000.00"})
    void theContractsMoneyStringsSurviveAParseFormatRoundTrip(String wire) {
        assertEquals(wire, Money.parse(wire).format());
    }

    @ParameterizedTest(name = "\"{0}\" → {1} micro-dollars → \"{2}\"")
    @CsvSource({
        "0,           0,            0.00",
        "29,          29000000,     29.00",
        "0.1,         100000,       0.10",
        "1.500000,    1500000,      1.50",
        "0.000001,    1,            0.000001",
        "100,         100000000,    100.00",
        "007.50,      7500000,      7.50",
        "1000000,     1000000000000, 1000000.00",
        "999999999999.999999, 999999999999999999, 999999999999.999999",
        "0999999999999.99,    999999999999990000, 999999999999.99",
    })
    void parsingIsExactAndFormattingShowsTwoToSixFractionDigits(String text, long micros, String wire) {
        Money money = Money.parse(text);
        assertEquals(micros, money.micros());
        assertEquals(wire, money.format());
        assertEquals(wire, money.toString());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"-1", "-0.01", "-0", "-12.345678"})
    void aNegativeAmountIsRefusedAsBelowZero(String text) {
        assertRefused(text, Violation.GREATER_THAN_EQUAL, "Input should be greater than or equal to 0");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1e3", "1E3", "1.5e-3", "-1e3", "NaN", "Infinity", "-Infinity", "abc", "", " ", "1.2.3",
        "+1", "0x10", "1,50", "1.", ".5", "$5", "12 345", "١٢"})
    void anythingButAPlainDecimalIsRefusedAsNotADecimal(String text) {
        assertRefused(text, Violation.DECIMAL_PARSING, "Input should be a valid decimal");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0.0000001", "12.3456789", "1.0000000", "0.00000000000000000001"})
    void moreThanSixFractionDigitsIsRefusedNotRounded(String text) {
        assertRefused(text, Violation.DECIMAL_MAX_PLACES, "Decimal input should have no more than 6 decimal places");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"1000000000000.000001", "1000000000001", "99999999999999999999999999999999"})
    void anAmountPastTheMaximumIsRefused(String text) {
        assertRefused(text, Violation.LESS_THAN_EQUAL, "Input should be less than or equal to 1000000000000");
    }

    @Test
    void aMultiMegabyteNumberIsJudgedOnItsDigitsWithoutBeingParsed() {
        // BigDecimal parsing is quadratic: two million digits took minutes before the digits were counted first.
        String twoMillion = "9".repeat(2_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertEquals(Violation.LESS_THAN_EQUAL, refusal(() -> Money.parse(twoMillion)).type());
            assertEquals(Violation.DECIMAL_MAX_PLACES, refusal(() -> Money.parse("0." + twoMillion)).type());
            assertEquals(Violation.DECIMAL_MAX_PLACES, refusal(() -> Money.parse(twoMillion + "." + twoMillion))
                    .type());
            assertEquals(Money.parse("1.50"), Money.parse("0".repeat(2_000_000) + "1.50"));
        });
    }

    @Test
    void leadingZerosDoNotCountTowardsTheMaximum() {
        assertEquals("1000000000000.00", Money.parse("0001000000000000.000000").format());
        assertEquals("0.00", Money.parse("00000000000000000000").format());
        assertEquals(Violation.LESS_THAN_EQUAL, refusal(() -> Money.parse("0010000000000000")).type());
    }

    @Test
    void aMissingAmountIsRefusedAsMissing() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Money.parse(null));
        assertEquals(List.of(new Violation(List.of(), Violation.MISSING, "Field required", null)), e.violations());
    }

    @Test
    void theRefusalCanBePlacedUnderTheCallersField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Money.parse("1e3"));

        Violation located = e.under("events", 3, "cost_usd").violations().get(0);

        assertEquals(List.of("events", 3, "cost_usd"), located.path());
        assertEquals(Violation.DECIMAL_PARSING, located.type());
        assertEquals("1e3", located.input());
    }

    @Test
    void anExactDecimalConvertsWithTheSameRules() {
        assertEquals(Money.ofMicros(1_500), Money.of(new BigDecimal("0.0015")));
        assertEquals(Money.ofMicros(1_000_000_000), Money.of(new BigDecimal("1E+3")));
        assertEquals(Violation.GREATER_THAN_EQUAL, refusal(() -> Money.of(new BigDecimal("-0.01"))).type());
        assertEquals(Violation.DECIMAL_MAX_PLACES, refusal(() -> Money.of(new BigDecimal("0.0000001"))).type());
        assertEquals(Violation.LESS_THAN_EQUAL, refusal(() -> Money.of(new BigDecimal("1E+13"))).type());
    }

    @Test
    void centsAndMicrosBuildTheSameAmounts() {
        assertEquals(Money.parse("29.00"), Money.ofCents(2900));
        assertEquals(Money.parse("0.01"), Money.ofMicros(Money.MICROS_PER_CENT));
        assertEquals(Money.ZERO, Money.ofCents(0));
        assertTrue(Money.ZERO.isZero());
    }

    @Test
    void sumsAreExactWhereDoublesWouldDrift() {
        Money sum = Money.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(Money.parse("0.1"));
        }
        assertEquals("1.00", sum.format());
        assertEquals("30.234567", Money.parse("29.00").plus(Money.parse("1.234567")).format());
    }

    @Test
    void aSumPastTheMaximumIsRefusedRatherThanWrapped() {
        Money max = Money.ofMicros(Money.MAX_MICROS);
        assertThrows(IllegalArgumentException.class, () -> max.plus(Money.ofMicros(1)));
    }

    @Test
    void anAmountOutsideTheRangeCannotBeBuilt() {
        assertThrows(IllegalArgumentException.class, () -> Money.ofMicros(-1));
        assertThrows(IllegalArgumentException.class, () -> Money.ofMicros(Money.MAX_MICROS + 1));
    }

    @Test
    void amountsOrderByValue() {
        assertTrue(Money.parse("0.0015").compareTo(Money.parse("0.01")) < 0);
        assertEquals(0, Money.parse("1.10").compareTo(Money.parse("1.1")));
        assertEquals(new BigDecimal("12.345678"), Money.parse("12.345678").toBigDecimal());
    }

    private static void assertRefused(String text, String type, String message) {
        Violation v = refusal(() -> Money.parse(text));
        assertEquals(type, v.type());
        assertEquals(message, v.message());
        assertEquals(text, v.input(), "the refused text is echoed as given");
        assertEquals(List.of(), v.path(), "the caller places the problem under its field");
    }

    private static Violation refusal(org.junit.jupiter.api.function.Executable action) {
        InvalidInputException e = assertThrows(InvalidInputException.class, action);
        assertEquals(1, e.violations().size(), "one problem, reported once");
        return e.violations().get(0);
    }
}

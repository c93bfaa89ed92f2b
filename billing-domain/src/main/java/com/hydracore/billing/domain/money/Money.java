package com.hydracore.billing.domain.money;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An exact, non-negative amount of US dollars, held as whole micro-dollars (10^-6 USD).
 *
 * <p>Never a float: parsing refuses anything it would have to round, and sums are checked for overflow.
 * The wire form is a plain decimal string with 2 to 6 fraction digits ({@code "0.00"}, {@code "0.0015"}).
 *
 * @param micros the amount in micro-dollars, 0 to {@link #MAX_MICROS}
 */
public record Money(long micros) implements Comparable<Money> {

    /** Micro-dollars in one dollar. */
    public static final long MICROS_PER_DOLLAR = 1_000_000L;
    /** Micro-dollars in one cent. */
    public static final long MICROS_PER_CENT = 10_000L;
    /** The largest amount this type holds: one trillion dollars, far above any plausible bill. */
    public static final long MAX_MICROS = 1_000_000_000_000L * MICROS_PER_DOLLAR;
    /** Fraction digits kept exactly. */
    public static final int SCALE = 6;

    /** Zero dollars. */
    public static final Money ZERO = new Money(0);

    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final BigDecimal MAX = BigDecimal.valueOf(MAX_MICROS, SCALE);
    /** Digits of the whole-dollar part of {@link #MAX_MICROS} (10^12): anything longer is past the maximum. */
    private static final int MAX_INTEGER_DIGITS = 13;

    /** Refuses negative amounts and amounts past {@link #MAX_MICROS}. */
    public Money {
        if (micros < 0 || micros > MAX_MICROS) {
            throw new IllegalArgumentException("money out of range: " + micros + " micro-dollars");
        }
    }

    /** An amount of whole cents, e.g. a tier's price. */
    public static Money ofCents(long cents) {
        return new Money(Math.multiplyExact(cents, MICROS_PER_CENT));
    }

    /** An amount of micro-dollars. */
    public static Money ofMicros(long micros) {
        return new Money(micros);
    }

    /**
     * Parses a plain decimal string such as {@code "12.345678"}.
     *
     * @throws InvalidInputException (with an empty path, to be placed by the caller) when the text is not a plain
     *     non-negative decimal, has more than 6 fraction digits, or exceeds the maximum
     */
    public static Money parse(String text) {
        if (text == null) {
            throw problem(Violation.MISSING, "Field required", null);
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("-") && PLAIN_DECIMAL.matcher(trimmed.substring(1)).matches()) {
            throw problem(Violation.GREATER_THAN_EQUAL, "Input should be greater than or equal to 0", text);
        }
        if (!PLAIN_DECIMAL.matcher(trimmed).matches()) {
            throw problem(Violation.DECIMAL_PARSING, "Input should be a valid decimal", text);
        }
        // Judge the digit counts on the text first: BigDecimal parsing is quadratic, and a 2 MiB body could
        // otherwise hold one multi-megabyte number that takes minutes of CPU to refuse.
        int dot = trimmed.indexOf('.');
        String integerPart = stripLeadingZeros(dot < 0 ? trimmed : trimmed.substring(0, dot));
        String fractionPart = dot < 0 ? "" : trimmed.substring(dot + 1);
        if (fractionPart.length() > SCALE) {
            throw tooManyPlaces(text);
        }
        if (integerPart.length() > MAX_INTEGER_DIGITS) {
            throw tooLarge(text);
        }
        if (integerPart.length() < MAX_INTEGER_DIGITS) {
            // At most 12 whole digits and 6 fraction digits: under the maximum, and exact in a long. Every event's
            // cost comes here, and the BigDecimal below was a tenth of what validating an event allocated.
            long micros = Long.parseLong(integerPart) * MICROS_PER_DOLLAR;
            if (!fractionPart.isEmpty()) {
                micros += Long.parseLong(fractionPart) * POWERS_OF_TEN[SCALE - fractionPart.length()];
            }
            return new Money(micros);
        }
        return of(new BigDecimal(integerPart + (fractionPart.isEmpty() ? "" : "." + fractionPart)), text);
    }

    /** 10^0 to 10^{@value #SCALE}: what a fraction of fewer than 6 digits is scaled by. */
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};

    private static String stripLeadingZeros(String digits) {
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        return digits.substring(first);
    }

    /**
     * Converts an exact decimal, refusing rather than rounding.
     *
     * @throws InvalidInputException when negative, with more than 6 fraction digits, or past the maximum
     */
    public static Money of(BigDecimal amount) {
        return of(amount, amount);
    }

    private static Money of(BigDecimal amount, Object input) {
        if (amount.signum() < 0) {
            throw problem(Violation.GREATER_THAN_EQUAL, "Input should be greater than or equal to 0", input);
        }
        if (amount.scale() > SCALE) {
            throw tooManyPlaces(input);
        }
        if (amount.compareTo(MAX) > 0) {
            throw tooLarge(input);
        }
        return new Money(amount.movePointRight(SCALE).longValueExact());
    }

    private static InvalidInputException tooManyPlaces(Object input) {
        return problem(Violation.DECIMAL_MAX_PLACES, "Decimal input should have no more than " + SCALE
                + " decimal places", input);
    }

    private static InvalidInputException tooLarge(Object input) {
        return problem(Violation.LESS_THAN_EQUAL, "Input should be less than or equal to " + MAX.toBigInteger(), input);
    }

    private static InvalidInputException problem(String type, String message, Object input) {
        return InvalidInputException.of(new Violation(List.of(), type, message, input));
    }

    /** The exact sum. */
    public Money plus(Money other) {
        return new Money(Math.addExact(micros, other.micros));
    }

    /** This amount as an exact decimal with 6 fraction digits. */
    public BigDecimal toBigDecimal() {
        return BigDecimal.valueOf(micros, SCALE);
    }

    /** Whether this is zero dollars. */
    public boolean isZero() {
        return micros == 0;
    }

    /** The wire form: plain decimal, no exponent, at least 2 and at most 6 fraction digits. */
    public String format() {
        BigDecimal value = toBigDecimal().stripTrailingZeros();
        if (value.scale() < 2) {
            value = value.setScale(2, RoundingMode.UNNECESSARY);
        }
        return value.toPlainString();
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(micros, other.micros);
    }

    @Override
    public String toString() {
        return format();
    }
}

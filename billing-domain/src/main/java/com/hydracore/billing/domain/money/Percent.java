package com.hydracore.billing.domain.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages as the contract shows them: exact ratios rounded half-up to 2 decimals. */
public final class Percent {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Percent() {
    }

    /**
     * {@code part * 100 / whole}, rounded half-up to 2 decimals; 0 when both are 0 and 100 when only the whole is 0.
     *
     * <p>The last two cases follow the contract's allowance rule: using tokens with no allowance is "all of it".
     */
    public static BigDecimal of(long part, long whole) {
        if (whole == 0) {
            return part == 0 ? BigDecimal.ZERO.setScale(2) : HUNDRED.setScale(2);
        }
        return BigDecimal.valueOf(part).multiply(HUNDRED).divide(BigDecimal.valueOf(whole), 2, RoundingMode.HALF_UP);
    }

    /** A share of a total: {@code part * 100 / whole}, 0 when the total is 0. */
    public static BigDecimal share(long part, long whole) {
        if (whole == 0) {
            return BigDecimal.ZERO.setScale(2);
        }
        return of(part, whole);
    }
}

package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import java.util.Objects;

/**
 * Sums of usage over some span: tokens, requests, cost and how many distinct end users appeared.
 *
 * @param tokens         total tokens, ≥ 0
 * @param requests       total requests, ≥ 0
 * @param cost           total usage cost
 * @param uniqueEndUsers distinct non-null end user ids, ≥ 0
 */
public record UsageTotals(long tokens, long requests, Money cost, long uniqueEndUsers) {

    /** Nothing used. */
    public static final UsageTotals ZERO = new UsageTotals(0, 0, Money.ZERO, 0);

    /** Refuses negative sums. */
    public UsageTotals {
        Objects.requireNonNull(cost, "cost");
        if (tokens < 0 || requests < 0 || uniqueEndUsers < 0) {
            throw new IllegalArgumentException("usage totals cannot be negative");
        }
    }
}

package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import java.util.Objects;

/**
 * Sums of usage over some span: tokens, requests, cost and how many distinct end users and conversations appeared.
 *
 * @param tokens              total tokens, ≥ 0
 * @param requests            total requests, ≥ 0
 * @param cost                total usage cost
 * @param uniqueEndUsers      distinct non-null end user ids, ≥ 0
 * @param uniqueConversations distinct non-null conversation ids, ≥ 0 (counted for an account, not per instance:
 *                            an instance's totals carry 0)
 */
public record UsageTotals(long tokens, long requests, Money cost, long uniqueEndUsers, long uniqueConversations) {

    /** Nothing used. */
    public static final UsageTotals ZERO = new UsageTotals(0, 0, Money.ZERO, 0, 0);

    /** Refuses negative sums. */
    public UsageTotals {
        Objects.requireNonNull(cost, "cost");
        if (tokens < 0 || requests < 0 || uniqueEndUsers < 0 || uniqueConversations < 0) {
            throw new IllegalArgumentException("usage totals cannot be negative");
        }
    }

    /** Totals that count no conversations: an instance's (conversations are counted per account only). */
    public UsageTotals(long tokens, long requests, Money cost, long uniqueEndUsers) {
        this(tokens, requests, cost, uniqueEndUsers, 0);
    }
}

package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Usage of one UTC day: a point of the chart.
 *
 * @param date     the UTC day
 * @param tokens   tokens used that day
 * @param requests requests made that day
 * @param cost     usage cost that day
 */
public record DailyUsage(LocalDate date, long tokens, long requests, Money cost) {

    /** Requires a date and a cost and refuses negative counts. */
    public DailyUsage {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(cost, "cost");
        if (tokens < 0 || requests < 0) {
            throw new IllegalArgumentException("daily usage cannot be negative");
        }
    }

    /** A day with no usage. */
    public static DailyUsage empty(LocalDate date) {
        return new DailyUsage(date, 0, 0, Money.ZERO);
    }

    /** This day's usage plus {@code other}'s (same day). */
    public DailyUsage plus(DailyUsage other) {
        return new DailyUsage(date, Math.addExact(tokens, other.tokens), Math.addExact(requests, other.requests),
                cost.plus(other.cost));
    }
}

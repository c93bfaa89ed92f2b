package com.hydracore.billing.domain.period;

import com.hydracore.billing.domain.catalog.BillingCycle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Where billing periods begin and end.
 *
 * <p>Anniversary billing: period k is {@code [anchor + k·cycle, anchor + (k+1)·cycle)}, each boundary computed from
 * the original anchor date so that day-of-month clamping never drifts (Jan 31 → Feb 28/29 → Mar 31 → Apr 30).
 * Accounts with no plan are measured by calendar month.
 */
public final class PeriodCalendar {

    private PeriodCalendar() {
    }

    /** The anniversary period of {@code cycle}, anchored at the UTC date of {@code startedAt}, that contains {@code now}. */
    public static BillingPeriod anniversaryPeriod(Instant startedAt, BillingCycle cycle, Instant now) {
        LocalDate anchor = utcDate(startedAt);
        LocalDate today = utcDate(now);
        int months = cycle.months();
        long k = Math.floorDiv(ChronoUnit.MONTHS.between(anchor, today), months);
        // MONTHS.between undercounts when the anchor day was clamped (Jan 31 → Feb 28), so settle k by comparison.
        while (!boundary(anchor, months, k + 1).isAfter(today)) {
            k++;
        }
        while (boundary(anchor, months, k).isAfter(today)) {
            k--;
        }
        return BillingPeriod.ofDays(boundary(anchor, months, k), boundary(anchor, months, k + 1));
    }

    /** The UTC calendar month that contains {@code now}: the period of an account with no plan. */
    public static BillingPeriod calendarMonth(Instant now) {
        LocalDate first = utcDate(now).withDayOfMonth(1);
        return BillingPeriod.ofDays(first, first.plusMonths(1));
    }

    /** The start date of period {@code k}: always computed from the anchor, never from the previous boundary. */
    private static LocalDate boundary(LocalDate anchor, int months, long k) {
        return anchor.plusMonths(k * months);
    }

    /** The UTC calendar date of an instant. */
    public static LocalDate utcDate(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}

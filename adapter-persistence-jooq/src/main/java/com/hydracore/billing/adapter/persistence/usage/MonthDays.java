package com.hydracore.billing.adapter.persistence.usage;

import java.time.LocalDate;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How the end-user tables encode days: a calendar month as {@code year * 100 + month} and a day as bit
 * {@code day-of-month - 1} of a {@code BIGINT}, so a user's days in one month are one row and a run of days is a mask
 * per month.
 */
final class MonthDays {

    private MonthDays() {
    }

    /** The month {@code day} belongs to, as stored: 202603 for any day of March 2026. */
    static int monthOf(LocalDate day) {
        return Math.addExact(Math.multiplyExact(day.getYear(), 100), day.getMonthValue());
    }

    /** The bit of {@code day} within its month. */
    static long bitOf(LocalDate day) {
        return 1L << (day.getDayOfMonth() - 1);
    }

    /**
     * The days from {@code firstDay} up to, not including, {@code endDay}, as one mask per month they touch, in month
     * order; empty when there are no such days.
     */
    static SortedMap<Integer, Long> masks(LocalDate firstDay, LocalDate endDay) {
        SortedMap<Integer, Long> masks = new TreeMap<>();
        LocalDate monthStart = firstDay.withDayOfMonth(1);
        while (monthStart.isBefore(endDay)) {
            LocalDate nextMonth = monthStart.plusMonths(1);
            int from = firstDay.isAfter(monthStart) ? firstDay.getDayOfMonth() : 1;
            int to = endDay.isBefore(nextMonth) ? endDay.getDayOfMonth() - 1 : monthStart.lengthOfMonth();
            if (from <= to) {
                // bits from-1 .. to-1: the low `to` bits, less the low `from - 1`
                masks.put(monthOf(monthStart), lowBits(to) & ~lowBits(from - 1));
            }
            monthStart = nextMonth;
        }
        return masks;
    }

    private static long lowBits(int count) {
        return count == 0 ? 0 : -1L >>> (64 - count);
    }
}

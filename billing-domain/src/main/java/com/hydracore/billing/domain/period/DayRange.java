package com.hydracore.billing.domain.period;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Calendar dates {@code from} to {@code to}, both included: the days of an export, or of a chart ending today. At
 * most {@value #MAX_DAYS} days and never before {@link ZonedDays#GRID_EXACT_FROM}, so that every day of every zone is
 * exactly a run of 15-minute buckets.
 *
 * <p>Problems are located at {@code from}, {@code to} (or {@code days}), the query parameters' names; the HTTP layer
 * places them under {@code query}.
 *
 * @param from the first date
 * @param to   the last date (inclusive), not before {@code from}, at most {@value #MAX_DAYS} days after it counting both
 */
public record DayRange(LocalDate from, LocalDate to) {

    /** Most days a range holds: a leap year. */
    public static final int MAX_DAYS = 366;
    /** The earliest date a range may hold ({@link ZonedDays#GRID_EXACT_FROM}). */
    public static final LocalDate EARLIEST = ZonedDays.GRID_EXACT_FROM;
    /**
     * Text that should be a {@code YYYY-MM-DD} date is not one; pydantic's name for it. (Not yet among
     * {@link Violation}'s kinds, which this change does not touch.)
     */
    public static final String DATE_PARSING = "date_parsing";

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** Checks both dates and reports every problem at once. */
    public DayRange {
        Checks checks = new Checks();
        check(checks, from, to);
        checks.throwIfAny();
    }

    /**
     * The range two query parameters describe, each a {@code YYYY-MM-DD} date; both are required.
     *
     * @throws InvalidInputException listing every problem at {@code from} and {@code to}
     */
    public static DayRange parse(String from, String to) {
        Checks checks = new Checks();
        LocalDate first = parseDate(checks, "from", from);
        LocalDate last = parseDate(checks, "to", to);
        if (first != null && last != null) {
            check(checks, first, last);
        }
        checks.throwIfAny();
        return new DayRange(first, last);
    }

    /**
     * The {@code days} days ending {@code today}: {@code today − (days − 1)} to {@code today}, the chart's days (pass
     * {@link ZonedDays#today}).
     *
     * @throws InvalidInputException at {@code days} when it is not 1 to {@value #MAX_DAYS}
     */
    public static DayRange endingOn(LocalDate today, int days) {
        Checks checks = new Checks();
        checks.range("days", days, 1, MAX_DAYS);
        checks.throwIfAny();
        return new DayRange(today.minusDays(days - 1L), today);
    }

    /** How many dates the range holds, both ends included. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Whether {@code date} lies in the range. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }

    /** Every date of the range, ascending. */
    public List<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /**
     * The days of the range in {@code zone}, ascending: one per date, skipped dates included (empty), each starting
     * where the previous one ends.
     */
    public List<LocalDay> localDays(ZoneId zone) {
        List<LocalDay> days = new ArrayList<>(days());
        for (LocalDate date : dates()) {
            days.add(LocalDay.of(date, zone));
        }
        return List.copyOf(days);
    }

    private static void check(Checks checks, LocalDate from, LocalDate to) {
        boolean fromPresent = checks.present("from", from);
        boolean toPresent = checks.present("to", to);
        if (fromPresent && from.isBefore(EARLIEST)) {
            checks.add(Violation.of("from", Violation.GREATER_THAN_EQUAL,
                    "Input should be greater than or equal to " + EARLIEST, from.toString()));
        } else if (fromPresent && toPresent) {
            if (to.isBefore(from)) {
                checks.add(Violation.of("to", Violation.GREATER_THAN_EQUAL,
                        "Input should be greater than or equal to " + from + " (from)", to.toString()));
            } else if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                checks.add(Violation.of("to", Violation.LESS_THAN_EQUAL, "Input should be less than or equal to "
                        + from.plusDays(MAX_DAYS - 1L) + " (at most " + MAX_DAYS + " days from " + from + ")",
                        to.toString()));
            }
        }
    }

    private static LocalDate parseDate(Checks checks, String field, String text) {
        if (!checks.present(field, text)) {
            return null;
        }
        if (!UnicodeText.isValid(text)) {
            checks.add(UnicodeText.violation(List.of(field), text));
            return null;
        }
        if (ISO_DATE.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                // falls through: a well-formed but impossible date such as 2026-02-30
            }
        }
        checks.add(Violation.of(field, DATE_PARSING, "Input should be a valid date in the format YYYY-MM-DD", text));
        return null;
    }
}

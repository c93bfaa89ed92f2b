package com.hydracore.billing.domain.period;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * The calendar days of a time zone (the chart's and the export's {@code tz}, API §5), and how 15-minute UTC buckets
 * fall into them.
 *
 * <p>A day of a zone is {@code [local midnight, next local midnight)} ({@link LocalDay}). An instant, and a
 * {@link QuarterHour}, belongs to the day whose span holds it; this is the wall-clock date except inside a change
 * that goes back across midnight (America/Moncton, 2006-10-29 00:01 → 23:01), where the wall clock shows yesterday's
 * date again for an hour that the contract's half-open days count in today.
 *
 * <p><b>The 15-minute grain is exact from {@link #GRID_EXACT_FROM} (1980-01-01) on</b>: every local day of every zone
 * of the JDK's time-zone database, from that date on, starts and ends on the 15-minute UTC grid, so a day is exactly
 * a whole number of {@link QuarterHour}s and no bucket straddles two days. Tests prove it for every zone from 1970 to
 * 2037 day by day, and beyond through the zones' recurring rules. Before 1980 exactly two zones break it, both with
 * local mean time offsets: Africa/Monrovia (−00:44:30, days start at hh:44:30 UTC, up to 1972-01-07) and
 * Pacific/Kiritimati (−10:40, up to 1979-10-01). Offsets at :30 and :45 (Asia/Kolkata, Asia/Kathmandu, Lord Howe's
 * 30-minute daylight saving) are all on the grid. Some zones change offset at 00:01 local time (America/St_Johns and
 * America/Goose_Bay until 2011, America/Moncton until 2006, Asia/Gaza and Asia/Hebron in 2010–2011, Antarctica/Casey
 * until 2022): such a change falls inside a bucket, but never at a day's boundary, so it moves no day off the grid.
 * {@link DayRange} refuses dates before 1980, so the product never asks about the inexact days.
 */
public final class ZonedDays {

    /** The zone of a chart or an export that names none. */
    public static final ZoneId UTC = ZoneId.of("UTC");

    /** The first date from which every local day of every zone lies on the 15-minute grid. */
    public static final LocalDate GRID_EXACT_FROM = LocalDate.of(1980, 1, 1);

    private static final Set<String> KNOWN_ZONES = Set.copyOf(ZoneId.getAvailableZoneIds());

    private ZonedDays() {
    }

    /**
     * The zone a {@code tz} parameter names: {@link #UTC} when absent ({@code null}), else an IANA time-zone id of the
     * JDK's database, exactly as spelled there ({@code Asia/Kolkata}; {@code asia/kolkata} is not one). Fixed offsets
     * ({@code +05:30}, {@code UTC+5}) are not IANA ids and are refused.
     *
     * @throws InvalidInputException at {@code tz}: {@code string_unicode} for text that is not valid Unicode without
     *     NUL, {@code value_error} for anything else that is not a known zone
     */
    public static ZoneId zone(String id) {
        if (id == null) {
            return UTC;
        }
        if (!UnicodeText.isValid(id)) {
            throw InvalidInputException.of(UnicodeText.violation(List.of("tz"), id));
        }
        if (!KNOWN_ZONES.contains(id)) {
            throw InvalidInputException.of(Violation.of("tz", Violation.VALUE_ERROR,
                    "Value error, unknown time zone: expected an IANA time-zone id such as Asia/Kolkata", id));
        }
        return ZoneId.of(id);
    }

    /**
     * The date of {@code zone} whose day ({@link LocalDay}) holds {@code instant}: the date {@code d} with
     * {@code start(d) ≤ instant < start(d + 1)}. Never a skipped date.
     */
    public static LocalDate dateOf(Instant instant, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(instant, zone);
        // The wall clock and the half-open days disagree only where a change goes back across midnight.
        while (!instant.isBefore(LocalDay.of(date, zone).end())) {
            date = date.plusDays(1);
        }
        while (instant.isBefore(LocalDay.of(date, zone).start())) {
            date = date.minusDays(1);
        }
        return date;
    }

    /**
     * The date of {@code zone} a 15-minute bucket's usage counts towards: the day holding the whole bucket.
     *
     * @throws IllegalArgumentException when the bucket straddles two days of the zone, which happens only before
     *     {@link #GRID_EXACT_FROM} (Africa/Monrovia, Pacific/Kiritimati)
     */
    public static LocalDate dateOf(QuarterHour bucket, ZoneId zone) {
        LocalDate date = dateOf(bucket.start(), zone);
        if (bucket.end().isAfter(LocalDay.of(date, zone).end())) {
            throw new IllegalArgumentException(bucket + " straddles two days of " + zone
                    + ": the 15-minute grain is exact only from " + GRID_EXACT_FROM);
        }
        return date;
    }

    /** Today as {@code zone} sees it at {@code now}: the date whose day holds {@code now}. */
    public static LocalDate today(ZoneId zone, Instant now) {
        return dateOf(now, zone);
    }
}

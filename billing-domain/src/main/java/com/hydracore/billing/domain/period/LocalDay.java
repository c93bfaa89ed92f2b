package com.hydracore.billing.domain.period;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One calendar day of a time zone as a half-open span of instants: {@code [local midnight, next local midnight)},
 * what a chart point or an export row of that date holds. It lasts 24 hours on most days, 23 or 25 (23½ or 24½ on
 * Lord Howe Island) on a daylight-saving change, and nothing at all on a date a zone skipped (Pacific/Apia,
 * 2011-12-30).
 *
 * <p>Where midnight does not exist (a change at 00:00 skips it) the day starts at the first instant after the gap;
 * where it exists twice (a change going back across midnight) the day starts at the earlier one, so the days of a zone
 * always follow one another with neither gap nor overlap.
 *
 * @param date the calendar date
 * @param zone the time zone
 */
public record LocalDay(LocalDate date, ZoneId zone) {

    /** Requires both. */
    public LocalDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(zone, "zone");
    }

    /** The day {@code date} of {@code zone}. */
    public static LocalDay of(LocalDate date, ZoneId zone) {
        return new LocalDay(date, zone);
    }

    /** The first instant of the day: local midnight, or the end of a gap that swallowed it. */
    public Instant start() {
        return date.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the day (exclusive): the next day's {@link #start}. */
    public Instant end() {
        return date.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** How long the day lasts: 24 h, or 23 h / 25 h (and others) on a change, zero on a skipped date. */
    public Duration length() {
        return Duration.between(start(), end());
    }

    /** Whether {@code instant} falls inside {@code [start, end)}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** Whether the zone skipped this date: the day holds no instant at all. */
    public boolean isSkipped() {
        return start().equals(end());
    }

    /**
     * Whether both ends lie on the 15-minute UTC grid, so the day is exactly the {@link QuarterHour}s from
     * {@code start} (inclusive) to {@code end} (exclusive). True for every zone and every date from
     * {@link ZonedDays#GRID_EXACT_FROM} on.
     */
    public boolean isOnQuarterHourGrid() {
        return onGrid(start()) && onGrid(end());
    }

    /** How many 15-minute buckets the day holds; only meaningful {@link #isOnQuarterHourGrid on the grid}. */
    public long quarterHours() {
        if (!isOnQuarterHourGrid()) {
            throw new IllegalStateException(this + " does not start and end on the 15-minute grid");
        }
        return length().dividedBy(QuarterHour.LENGTH);
    }

    private static boolean onGrid(Instant instant) {
        return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), QuarterHour.LENGTH.toSeconds()) == 0;
    }
}

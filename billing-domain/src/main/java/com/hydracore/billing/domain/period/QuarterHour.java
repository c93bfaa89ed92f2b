package com.hydracore.billing.domain.period;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A 15-minute bucket of UTC time, {@code [start, start + 15 min)} with {@code start} a whole multiple of 15 minutes
 * since the epoch: the grain at which usage can be rolled up once and still be summed exactly into the local days of
 * any zone (see {@link ZonedDays} for when that holds).
 *
 * @param start the first instant of the bucket, on the 15-minute grid
 */
public record QuarterHour(Instant start) implements Comparable<QuarterHour> {

    /** The length of a bucket. */
    public static final Duration LENGTH = Duration.ofMinutes(15);
    private static final long SECONDS = LENGTH.toSeconds();

    /** Refuses a start that is not on the 15-minute grid. */
    public QuarterHour {
        Objects.requireNonNull(start, "start");
        if (start.getNano() != 0 || Math.floorMod(start.getEpochSecond(), SECONDS) != 0) {
            throw new IllegalArgumentException("a quarter hour starts on the 15-minute grid, not at " + start);
        }
    }

    /** The bucket holding {@code instant}: the instant floored to 15 minutes (towards the past, before 1970 too). */
    public static QuarterHour containing(Instant instant) {
        return ofIndex(Math.floorDiv(instant.getEpochSecond(), SECONDS));
    }

    /** The bucket number {@code index} since the epoch (negative before 1970): a compact key for a rollup table. */
    public static QuarterHour ofIndex(long index) {
        return new QuarterHour(Instant.ofEpochSecond(Math.multiplyExact(index, SECONDS)));
    }

    /** This bucket's number since the epoch ({@link #ofIndex}). */
    public long index() {
        return start.getEpochSecond() / SECONDS;
    }

    /** The first instant after the bucket (exclusive). */
    public Instant end() {
        return start.plus(LENGTH);
    }

    /** The bucket just after this one. */
    public QuarterHour next() {
        return new QuarterHour(end());
    }

    /** Whether {@code instant} falls inside {@code [start, end)}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end());
    }

    /**
     * The local date of {@code zone} this bucket's usage counts towards ({@link ZonedDays#dateOf(QuarterHour, ZoneId)}).
     */
    public LocalDate localDate(ZoneId zone) {
        return ZonedDays.dateOf(this, zone);
    }

    @Override
    public int compareTo(QuarterHour other) {
        return start.compareTo(other.start);
    }
}

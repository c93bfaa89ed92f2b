package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.period.LocalDay;
import com.hydracore.billing.domain.period.QuarterHour;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The local midnights of a range of days of a zone, each with the quarter hours that place it inside its UTC day, so
 * that a local day is read as whole UTC days plus a few quarter hours: with {@code S(b)} the usage from the range's
 * first UTC day up to bucket {@code b}, a local day {@code [s, e)} holds {@code S(e) − S(s)}, and
 * {@code S(b) = Σ daily(u < day of b) + prefix(b) = Σ daily(u ≤ day of b) − suffix(b)}, where {@code prefix(b)} is
 * the part of {@code b}'s UTC day before {@code b} and {@code suffix(b)} the part from it. Each midnight is read on
 * its shorter side ({@link Side}): {@code min(k, 96 − k)} quarter hours for a midnight at quarter {@code k} of its UTC
 * day — 22 in Asia/Kolkata (18:30Z), 23 in Asia/Kathmandu, 16 or 20 in America/New_York, 0 or 4 in Europe/London.
 * Exact for every zone: every day since {@link com.hydracore.billing.domain.period.ZonedDays#GRID_EXACT_FROM} starts
 * and ends on the grid, two midnights may share a UTC day (the 23-hour day of London's spring change starts at
 * 00:00Z and ends at 23:00Z), and a skipped date (Pacific/Apia, 2011-12-30) adds no midnight. Pure Java.
 *
 * @param midnights the range's midnights, ascending: the start of each day that is not skipped, then the last end
 * @param dates     the date of each day not skipped: {@code dates.get(i)} is {@code [midnights(i), midnights(i + 1))}
 */
record LocalMidnights(List<Midnight> midnights, List<LocalDate> dates) {

    /** Quarter hours in a UTC day. */
    static final int PER_DAY = 96;

    /** Which quarter hours of its UTC day a midnight is read from. */
    enum Side {
        /** On a UTC midnight: nothing to read, {@code S(b)} is the sum of the UTC days before. */
        NONE,
        /** Early in its UTC day ({@code 0 < k < 48}): the quarter hours before it. */
        PREFIX,
        /** Late in its UTC day ({@code k ≥ 48}): the quarter hours from it to the UTC day's end. */
        SUFFIX
    }

    /**
     * A local midnight.
     *
     * @param bucket the quarter hour it starts
     */
    record Midnight(long bucket) {

        /** The epoch day of the UTC day it falls in. */
        long utcDay() {
            return Math.floorDiv(bucket, PER_DAY);
        }

        /** Its quarter of the UTC day, 0 to 95. */
        int quarter() {
            return (int) Math.floorMod(bucket, PER_DAY);
        }

        Side side() {
            int k = quarter();
            return k == 0 ? Side.NONE : k < PER_DAY / 2 ? Side.PREFIX : Side.SUFFIX;
        }

        /** The first quarter hour read for it (inclusive). */
        long from() {
            return side() == Side.SUFFIX ? bucket : utcDay() * PER_DAY;
        }

        /** The quarter hour after the last one read for it. */
        long end() {
            return side() == Side.SUFFIX ? (utcDay() + 1) * PER_DAY : bucket;
        }
    }

    /** The midnights of {@code days} in {@code zone}. */
    static LocalMidnights of(DayRange days, java.time.ZoneId zone) {
        List<Midnight> midnights = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDay day : days.localDays(zone)) {
            if (day.isSkipped()) {
                continue;
            }
            long start = QuarterHour.containing(day.start()).index();
            long end = start + day.quarterHours();
            if (midnights.isEmpty()) {
                midnights.add(new Midnight(start));
            } else if (midnights.get(midnights.size() - 1).bucket() != start) {
                throw new IllegalStateException(day + " does not start where the day before it ends");
            }
            midnights.add(new Midnight(end));
            dates.add(day.date());
        }
        return new LocalMidnights(List.copyOf(midnights), List.copyOf(dates));
    }

    /** The midnights that read quarter hours ({@link Side#PREFIX} or {@link Side#SUFFIX}), ascending. */
    List<Midnight> edges() {
        return midnights.stream().filter(m -> m.side() != Side.NONE).toList();
    }

    /** The first UTC day read: the first midnight's. */
    LocalDate firstUtcDay() {
        return LocalDate.ofEpochDay(midnights.get(0).utcDay());
    }

    /** The last UTC day read: the last midnight's (its prefix's or suffix's rows are joined to that day). */
    LocalDate lastUtcDay() {
        return LocalDate.ofEpochDay(midnights.get(midnights.size() - 1).utcDay());
    }

    /** The quarter hours read for the edges: what a read costs besides its UTC days. */
    long edgeQuarterHours() {
        return edges().stream().mapToLong(m -> m.end() - m.from()).sum();
    }
}

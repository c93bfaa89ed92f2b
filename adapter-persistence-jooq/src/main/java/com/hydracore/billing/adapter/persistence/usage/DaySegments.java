package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.period.LocalDay;
import com.hydracore.billing.domain.period.QuarterHour;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The local days of a range as runs of quarter hours, so that SQL can give each 15-minute bucket its local date with
 * integer arithmetic: a segment is a run of consecutive days of the same length ({@code 96} quarter hours, or 92 / 100
 * on a daylight-saving change), and a bucket {@code q} of the segment falls on the epoch day
 * {@code firstDay + (q − start) / length}. A year of a zone with daylight saving is five segments (the two change
 * days alone); a zone without is one. Exact because every local day since 1980 is a whole number of quarter hours
 * ({@link com.hydracore.billing.domain.period.ZonedDays}); a skipped date (Pacific/Apia, 2011-12-30) holds no bucket
 * and simply starts a new segment after it. Pure Java.
 *
 * @param start    the first bucket of the segment (its index)
 * @param end      the first bucket after it
 * @param firstDay the epoch day of its first day
 * @param length   the buckets in each of its days
 */
record DaySegments(long start, long end, long firstDay, long length) {

    /** The segments of {@code days} in {@code zone}, in order, each starting where the previous ends. */
    static List<DaySegments> of(DayRange days, ZoneId zone) {
        List<DaySegments> segments = new ArrayList<>();
        for (LocalDay day : days.localDays(zone)) {
            if (day.isSkipped()) {
                continue;
            }
            long start = QuarterHour.containing(day.start()).index();
            long length = day.quarterHours();
            long epochDay = day.date().toEpochDay();
            if (!segments.isEmpty()) {
                DaySegments last = segments.get(segments.size() - 1);
                if (last.length == length && last.end == start
                        && last.firstDay + (last.end - last.start) / last.length == epochDay) {
                    segments.set(segments.size() - 1, new DaySegments(last.start, start + length, last.firstDay,
                            length));
                    continue;
                }
            }
            segments.add(new DaySegments(start, start + length, epochDay, length));
        }
        return List.copyOf(segments);
    }

    /**
     * Whether every day of {@code days} in {@code zone} is exactly a UTC day (UTC itself, or a zone at +00:00 all
     * range long): the UTC-day sums answer it, 96 times fewer rows than quarter hours.
     */
    static boolean areUtcDays(DayRange days, ZoneId zone) {
        if (zone.getRules().isFixedOffset()) {
            return zone.getRules().getOffset(java.time.Instant.EPOCH).getTotalSeconds() == 0; // UTC: no day to look at
        }
        for (LocalDate date = days.from(); !date.isAfter(days.to()); date = date.plusDays(1)) {
            LocalDay day = LocalDay.of(date, zone);
            if (!day.start().equals(date.atStartOfDay(ZoneOffset.UTC).toInstant())
                    || !day.end().equals(date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())) {
                return false;
            }
        }
        return true;
    }

    /** The date of a bucket of this segment. */
    LocalDate dateOf(long bucket) {
        return LocalDate.ofEpochDay(firstDay + (bucket - start) / length);
    }
}

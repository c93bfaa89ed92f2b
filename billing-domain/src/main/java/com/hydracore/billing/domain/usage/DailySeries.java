package com.hydracore.billing.domain.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The chart's series: one point per UTC day over a range, ascending, days without usage filled with zeros. */
public final class DailySeries {

    /** Most days a chart may span. */
    public static final int MAX_DAYS = 365;

    private DailySeries() {
    }

    /**
     * One point per day from {@code firstDay} to {@code lastDay} inclusive; usage outside the range is ignored and
     * several entries for one day are added up.
     */
    public static List<DailyUsage> zeroFilled(LocalDate firstDay, LocalDate lastDay, Collection<DailyUsage> usage) {
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("series ends before it starts");
        }
        Map<LocalDate, DailyUsage> byDay = new HashMap<>();
        for (DailyUsage day : usage) {
            byDay.merge(day.date(), day, DailyUsage::plus);
        }
        List<DailyUsage> points = new ArrayList<>();
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            points.add(byDay.getOrDefault(d, DailyUsage.empty(d)));
        }
        return List.copyOf(points);
    }

    /** The first day of a chart of {@code days} days ending today: {@code today − (days − 1)}. */
    public static LocalDate firstDay(LocalDate today, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("a chart spans 1 to " + MAX_DAYS + " days, not " + days);
        }
        return today.minusDays(days - 1L);
    }

    /** {@code "Last N days"}, or {@code "Last 1 day"}. */
    public static String label(int days) {
        return days == 1 ? "Last 1 day" : "Last " + days + " days";
    }
}

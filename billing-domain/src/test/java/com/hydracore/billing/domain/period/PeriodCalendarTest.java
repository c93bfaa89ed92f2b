package com.hydracore.billing.domain.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.BillingCycle;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PeriodCalendarTest {

    private static final Duration ONE_NANO = Duration.ofNanos(1);
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    /** Anchors are taken from these years; two of them (2024 and, for the yearly cycle's reach, 2028) are leap. */
    private static final int FIRST_YEAR = 2024;
    private static final int LAST_YEAR = 2027;
    /** Periods are checked up to this day, so every anchor sees at least one leap February after it. */
    private static final LocalDate HORIZON = LocalDate.of(2029, 1, 1);

    static List<Integer> anchorDays() {
        List<Integer> days = new ArrayList<>();
        for (int d = 1; d <= 31; d++) {
            days.add(d);
        }
        return days;
    }

    @ParameterizedTest(name = "anchor day {0}")
    @MethodSource("anchorDays")
    void monthlyPeriodsAnchoredOnThisDayFollowTheClampedAnniversaryAtEveryBoundary(int anchorDay) {
        checkEveryAnchorWithDay(anchorDay, BillingCycle.MONTHLY);
    }

    @ParameterizedTest(name = "anchor day {0}")
    @MethodSource("anchorDays")
    void yearlyPeriodsAnchoredOnThisDayFollowTheClampedAnniversaryAtEveryBoundary(int anchorDay) {
        checkEveryAnchorWithDay(anchorDay, BillingCycle.YEARLY);
    }

    /**
     * For each anchor date with this day of month in 2024–2027, walks every period up to the horizon and checks the
     * period found exactly at each boundary's midnight, one nanosecond and one second either side of it.
     */
    private static void checkEveryAnchorWithDay(int anchorDay, BillingCycle cycle) {
        int anchorsSeen = 0;
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            for (int month = 1; month <= 12; month++) {
                if (anchorDay > lengthOfMonth(year, month)) {
                    continue;
                }
                anchorsSeen++;
                LocalDate anchor = LocalDate.of(year, month, anchorDay);
                // Any time of the anchor's UTC day anchors at that day's midnight.
                Instant startedAt = anchor.atTime(17, 45, 12).toInstant(ZoneOffset.UTC);
                List<LocalDate> boundaries = expectedBoundaries(anchor, cycle);
                for (int k = 0; k + 1 < boundaries.size(); k++) {
                    BillingPeriod expected = BillingPeriod.ofDays(boundaries.get(k), boundaries.get(k + 1));
                    Instant start = midnight(boundaries.get(k));
                    Instant end = midnight(boundaries.get(k + 1));
                    String where = cycle + " anchor " + anchor + " period " + k;
                    assertEquals(expected, PeriodCalendar.anniversaryPeriod(startedAt, cycle, start),
                            where + " exactly at its start");
                    assertEquals(expected, PeriodCalendar.anniversaryPeriod(startedAt, cycle, start.plus(ONE_NANO)),
                            where + " just after its start");
                    assertEquals(expected, PeriodCalendar.anniversaryPeriod(startedAt, cycle, start.plus(ONE_SECOND)),
                            where + " a second after its start");
                    assertEquals(expected, PeriodCalendar.anniversaryPeriod(startedAt, cycle, end.minus(ONE_NANO)),
                            where + " just before its end");
                    assertEquals(expected, PeriodCalendar.anniversaryPeriod(startedAt, cycle, end.minus(ONE_SECOND)),
                            where + " a second before its end");
                }
            }
        }
        assertTrue(anchorsSeen >= 4 * 7, "day " + anchorDay + " exists in at least 7 months a year");
    }

    /**
     * Boundaries {@code b0 = anchor, b1, b2, …} up to the first one past {@link #HORIZON}, computed without
     * {@code java.time}'s month arithmetic: period k starts at month {@code anchor + k·cycle}, on the anchor's day of
     * month or that month's last day when it is shorter.
     */
    private static List<LocalDate> expectedBoundaries(LocalDate anchor, BillingCycle cycle) {
        int step = cycle == BillingCycle.MONTHLY ? 1 : 12;
        List<LocalDate> boundaries = new ArrayList<>();
        for (int k = 0; ; k++) {
            int monthIndex = anchor.getYear() * 12 + (anchor.getMonthValue() - 1) + k * step;
            int year = monthIndex / 12;
            int month = monthIndex % 12 + 1;
            int day = Math.min(anchor.getDayOfMonth(), lengthOfMonth(year, month));
            LocalDate boundary = LocalDate.of(year, month, day);
            boundaries.add(boundary);
            if (boundary.isAfter(HORIZON)) {
                return boundaries;
            }
        }
    }

    private static int lengthOfMonth(int year, int month) {
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        int[] lengths = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return lengths[month - 1];
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @ParameterizedTest(name = "{0} → [{1}, {2})")
    @CsvSource({
        // now,                   expected start, expected end
        "2024-01-31T00:00:00Z, 2024-01-31, 2024-02-29",
        "2024-02-28T23:59:59Z, 2024-01-31, 2024-02-29",
        "2024-02-29T00:00:00Z, 2024-02-29, 2024-03-31",
        "2024-03-30T12:00:00Z, 2024-02-29, 2024-03-31",
        "2024-03-31T00:00:00Z, 2024-03-31, 2024-04-30",
        "2024-04-30T00:00:00Z, 2024-04-30, 2024-05-31",
        "2024-06-30T00:00:00Z, 2024-06-30, 2024-07-31",
        "2024-09-30T23:59:59Z, 2024-09-30, 2024-10-31",
        "2025-01-31T00:00:00Z, 2025-01-31, 2025-02-28",
        "2025-02-28T00:00:00Z, 2025-02-28, 2025-03-31",
        "2025-03-31T00:00:00Z, 2025-03-31, 2025-04-30",
        "2028-02-29T00:00:00Z, 2028-02-29, 2028-03-31",
    })
    void aMonthlyAnchorOnJanuaryThirtyFirstClampsEachMonthFromTheOriginalAnchorWithoutDrifting(
            String now, LocalDate start, LocalDate end) {
        Instant startedAt = at("2024-01-31T08:00:00Z");

        BillingPeriod period = PeriodCalendar.anniversaryPeriod(startedAt, BillingCycle.MONTHLY, at(now));

        assertEquals(BillingPeriod.ofDays(start, end), period);
    }

    @ParameterizedTest(name = "{0} → [{1}, {2})")
    @CsvSource({
        "2024-02-29T00:00:00Z, 2024-02-29, 2025-02-28",
        "2025-02-27T23:59:59Z, 2024-02-29, 2025-02-28",
        "2025-02-28T00:00:00Z, 2025-02-28, 2026-02-28",
        "2026-02-28T00:00:00Z, 2026-02-28, 2027-02-28",
        "2027-02-28T00:00:00Z, 2027-02-28, 2028-02-29",
        "2028-02-28T23:59:59Z, 2027-02-28, 2028-02-29",
        "2028-02-29T00:00:00Z, 2028-02-29, 2029-02-28",
    })
    void aYearlyAnchorOnFebruaryTwentyNinthFallsOnTheTwentyEighthInCommonYearsAndReturnsInLeapYears(
            String now, LocalDate start, LocalDate end) {
        Instant startedAt = at("2024-02-29T23:59:59Z");

        BillingPeriod period = PeriodCalendar.anniversaryPeriod(startedAt, BillingCycle.YEARLY, at(now));

        assertEquals(BillingPeriod.ofDays(start, end), period);
    }

    @Test
    void theAnchorIsTheUtcDateOfTheStartSoALateEveningStartAnchorsThatSameDay() {
        Instant startedAt = at("2026-03-15T23:59:59.999Z");

        BillingPeriod period = PeriodCalendar.anniversaryPeriod(startedAt, BillingCycle.MONTHLY,
                at("2026-03-15T00:00:00Z"));

        assertEquals(BillingPeriod.ofDays(LocalDate.of(2026, 3, 15), LocalDate.of(2026, 4, 15)), period);
    }

    @Test
    void theCurrentPeriodEndIsExclusiveTheEndInstantStartsTheNextPeriod() {
        Instant startedAt = at("2026-01-10T09:00:00Z");
        BillingPeriod current = PeriodCalendar.anniversaryPeriod(startedAt, BillingCycle.MONTHLY,
                at("2026-02-01T12:00:00Z"));

        assertEquals(at("2026-02-10T00:00:00Z"), current.end());
        assertFalse(current.contains(current.end()));
        assertTrue(current.contains(current.end().minus(ONE_NANO)));
        assertTrue(current.contains(current.start()));
        assertEquals(current.end(),
                PeriodCalendar.anniversaryPeriod(startedAt, BillingCycle.MONTHLY, current.end()).start());
    }

    @ParameterizedTest(name = "{0} → [{1}, {2})")
    @CsvSource({
        "2024-02-01T00:00:00Z, 2024-02-01, 2024-03-01",
        "2024-02-29T23:59:59.999999999Z, 2024-02-01, 2024-03-01",
        "2024-03-01T00:00:00Z, 2024-03-01, 2024-04-01",
        "2025-02-15T10:00:00Z, 2025-02-01, 2025-03-01",
        "2026-11-24T09:30:00Z, 2026-11-01, 2026-12-01",
        "2027-12-31T23:59:59Z, 2027-12-01, 2028-01-01",
    })
    void anAccountWithNoPlanIsMeasuredByTheUtcCalendarMonth(String now, LocalDate start, LocalDate end) {
        assertEquals(BillingPeriod.ofDays(start, end), PeriodCalendar.calendarMonth(at(now)));
    }

    @Test
    void theUtcDateOfAnInstantIgnoresTheTimeOfDay() {
        assertEquals(LocalDate.of(2026, 11, 24), PeriodCalendar.utcDate(at("2026-11-24T23:59:59.999999999Z")));
        assertEquals(LocalDate.of(2026, 11, 25), PeriodCalendar.utcDate(at("2026-11-25T00:00:00Z")));
    }
}

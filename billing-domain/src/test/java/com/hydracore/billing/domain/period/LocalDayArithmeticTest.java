package com.hydracore.billing.domain.period;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Local-day arithmetic for the zones the issue names, across both daylight-saving changes of 2026, with a fixed clock:
 * when each day starts (in UTC), how long it lasts, how many quarter hours it is, and which day "today" is just before
 * and at its start.
 */
class LocalDayArithmeticTest {

    static Stream<Arguments> days() {
        return Stream.of(
                // zone, date, its start in UTC, its length in hours (fractional as minutes)
                Arguments.of("Asia/Kolkata", "2026-03-08", "2026-03-07T18:30:00Z", 24 * 60),
                Arguments.of("Asia/Kolkata", "2026-11-01", "2026-10-31T18:30:00Z", 24 * 60),
                Arguments.of("Asia/Kathmandu", "2026-03-29", "2026-03-28T18:15:00Z", 24 * 60),
                Arguments.of("Asia/Kathmandu", "2026-10-25", "2026-10-24T18:15:00Z", 24 * 60),
                Arguments.of("America/New_York", "2026-03-07", "2026-03-07T05:00:00Z", 24 * 60),
                Arguments.of("America/New_York", "2026-03-08", "2026-03-08T05:00:00Z", 23 * 60),
                Arguments.of("America/New_York", "2026-03-09", "2026-03-09T04:00:00Z", 24 * 60),
                Arguments.of("America/New_York", "2026-10-31", "2026-10-31T04:00:00Z", 24 * 60),
                Arguments.of("America/New_York", "2026-11-01", "2026-11-01T04:00:00Z", 25 * 60),
                Arguments.of("America/New_York", "2026-11-02", "2026-11-02T05:00:00Z", 24 * 60),
                Arguments.of("Europe/London", "2026-03-28", "2026-03-28T00:00:00Z", 24 * 60),
                Arguments.of("Europe/London", "2026-03-29", "2026-03-29T00:00:00Z", 23 * 60),
                Arguments.of("Europe/London", "2026-03-30", "2026-03-29T23:00:00Z", 24 * 60),
                Arguments.of("Europe/London", "2026-10-25", "2026-10-24T23:00:00Z", 25 * 60),
                Arguments.of("Europe/London", "2026-10-26", "2026-10-26T00:00:00Z", 24 * 60));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("days")
    void aLocalDayStartsAtLocalMidnightAndLastsUntilTheNext(String zone, String date, String start, int minutes) {
        ZoneId id = ZoneId.of(zone);
        LocalDay day = LocalDay.of(LocalDate.parse(date), id);

        assertEquals(Instant.parse(start), day.start());
        assertEquals(Duration.ofMinutes(minutes), day.length());
        assertEquals(minutes / 15, day.quarterHours());
        assertEquals(LocalDate.parse(date), QuarterHour.containing(day.start()).localDate(id));
        assertEquals(LocalDate.parse(date), QuarterHour.containing(day.end().minusNanos(1)).localDate(id));

        Clock justBefore = Clock.fixed(day.start().minusNanos(1), ZoneOffset.UTC);
        Clock atStart = Clock.fixed(day.start(), ZoneOffset.UTC);
        assertEquals(LocalDate.parse(date).minusDays(1), ZonedDays.today(id, justBefore.instant()));
        assertEquals(LocalDate.parse(date), ZonedDays.today(id, atStart.instant()));
        assertEquals(LocalDate.parse(date), DayRange.endingOn(ZonedDays.today(id, atStart.instant()), 7).to());
    }
}

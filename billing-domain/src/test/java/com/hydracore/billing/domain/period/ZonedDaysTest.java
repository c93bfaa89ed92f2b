package com.hydracore.billing.domain.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZonedDaysTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
    private static final ZoneId KATHMANDU = ZoneId.of("Asia/Kathmandu");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId APIA = ZoneId.of("Pacific/Apia");

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static QuarterHour bucket(String start) {
        return new QuarterHour(at(start));
    }

    /** Asserts the span of a day and that it is a whole number of quarter hours. */
    private static LocalDay assertDay(ZoneId zone, String date, String start, String end, Duration length) {
        LocalDay day = LocalDay.of(date(date), zone);
        assertEquals(at(start), day.start(), "start");
        assertEquals(at(end), day.end(), "end");
        assertEquals(length, day.length(), "length");
        assertTrue(day.isOnQuarterHourGrid());
        assertEquals(length.dividedBy(QuarterHour.LENGTH), day.quarterHours());
        return day;
    }

    // --- UTC ---

    @Test
    void aUtcDayIsMidnightToMidnightUtc() {
        assertDay(UTC, "2026-11-24", "2026-11-24T00:00:00Z", "2026-11-25T00:00:00Z", Duration.ofHours(24));
        assertEquals(96, LocalDay.of(date("2026-11-24"), UTC).quarterHours());
        assertEquals(date("2026-11-24"), ZonedDays.today(UTC, at("2026-11-24T23:59:59Z")));
        assertEquals(date("2026-11-25"), ZonedDays.today(UTC, at("2026-11-25T00:00:00Z")));
    }

    // --- :30 and :45 offsets ---

    @Test
    void aKolkataDayStartsAtSixThirtyPmUtcTheDayBefore() {
        assertDay(KOLKATA, "2026-11-24", "2026-11-23T18:30:00Z", "2026-11-24T18:30:00Z", Duration.ofHours(24));

        assertEquals(date("2026-11-23"), bucket("2026-11-23T18:15:00Z").localDate(KOLKATA));
        assertEquals(date("2026-11-24"), bucket("2026-11-23T18:30:00Z").localDate(KOLKATA));
        assertEquals(date("2026-11-24"), ZonedDays.today(KOLKATA, at("2026-11-24T18:29:59Z")));
        assertEquals(date("2026-11-25"), ZonedDays.today(KOLKATA, at("2026-11-24T18:30:00Z")));
    }

    @Test
    void aKathmanduDayStartsAtSixFifteenPmUtcTheDayBefore() {
        assertDay(KATHMANDU, "2026-11-24", "2026-11-23T18:15:00Z", "2026-11-24T18:15:00Z", Duration.ofHours(24));

        assertEquals(date("2026-11-23"), bucket("2026-11-23T18:00:00Z").localDate(KATHMANDU));
        assertEquals(date("2026-11-24"), bucket("2026-11-23T18:15:00Z").localDate(KATHMANDU));
    }

    @Test
    void kathmanduMovingFromFiveThirtyToFiveFortyFiveMadeADayOfTwentyThreeHoursFortyFive() {
        assertDay(KATHMANDU, "1985-12-31", "1985-12-30T18:30:00Z", "1985-12-31T18:30:00Z", Duration.ofHours(24));
        // The change at midnight skipped 00:00–00:15: the day starts at the end of the gap.
        assertDay(KATHMANDU, "1986-01-01", "1985-12-31T18:30:00Z", "1986-01-01T18:15:00Z",
                Duration.ofHours(23).plusMinutes(45));
    }

    // --- daylight saving ---

    @Test
    void newYorksSpringForwardDayLastsTwentyThreeHours() {
        assertDay(NEW_YORK, "2026-03-08", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z", Duration.ofHours(23));
        assertDay(NEW_YORK, "2026-03-09", "2026-03-09T04:00:00Z", "2026-03-10T04:00:00Z", Duration.ofHours(24));
        // 01:45 EST, then 03:00 EDT: consecutive buckets, one day.
        assertEquals(date("2026-03-08"), bucket("2026-03-08T06:45:00Z").localDate(NEW_YORK));
        assertEquals(date("2026-03-08"), bucket("2026-03-08T07:00:00Z").localDate(NEW_YORK));
    }

    @Test
    void newYorksFallBackDayLastsTwentyFiveHoursAndHoldsBothOneFortyFives() {
        assertDay(NEW_YORK, "2026-11-01", "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", Duration.ofHours(25));
        assertEquals(date("2026-11-01"), bucket("2026-11-01T05:45:00Z").localDate(NEW_YORK), "01:45 EDT");
        assertEquals(date("2026-11-01"), bucket("2026-11-01T06:45:00Z").localDate(NEW_YORK), "01:45 EST");
        assertEquals(date("2026-11-02"), bucket("2026-11-02T05:00:00Z").localDate(NEW_YORK));
        assertEquals(date("2026-10-31"), bucket("2026-11-01T03:45:00Z").localDate(NEW_YORK));
    }

    @Test
    void lordHowesHalfHourDaylightSavingMakesDaysOfTwentyFourAndAHalfAndTwentyThreeAndAHalfHours() {
        assertDay(LORD_HOWE, "2026-04-05", "2026-04-04T13:00:00Z", "2026-04-05T13:30:00Z",
                Duration.ofHours(24).plusMinutes(30));
        assertDay(LORD_HOWE, "2026-10-04", "2026-10-03T13:30:00Z", "2026-10-04T13:00:00Z",
                Duration.ofHours(23).plusMinutes(30));
        assertEquals(date("2026-04-05"), bucket("2026-04-05T13:15:00Z").localDate(LORD_HOWE));
        assertEquals(date("2026-04-06"), bucket("2026-04-05T13:30:00Z").localDate(LORD_HOWE));
    }

    @Test
    void aChangeAtMidnightStartsTheDayAtTheEndOfTheGap() {
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");

        LocalDay day = assertDay(saoPaulo, "2018-11-04", "2018-11-04T03:00:00Z", "2018-11-05T02:00:00Z",
                Duration.ofHours(23));
        assertEquals(date("2018-11-03"), ZonedDays.dateOf(day.start().minusNanos(1), saoPaulo));
    }

    @Test
    void anHourTheWallClockShowsAsYesterdayAgainCountsInTodaysHalfOpenDay() {
        // Moncton went back at 00:01 ADT to 23:01 AST: 03:01Z–04:00Z read 23:xx on the 28th a second time.
        ZoneId moncton = ZoneId.of("America/Moncton");

        assertDay(moncton, "2006-10-28", "2006-10-28T03:00:00Z", "2006-10-29T03:00:00Z", Duration.ofHours(24));
        assertDay(moncton, "2006-10-29", "2006-10-29T03:00:00Z", "2006-10-30T04:00:00Z", Duration.ofHours(25));
        Instant repeated = at("2006-10-29T03:30:00Z");
        assertEquals(date("2006-10-28"), LocalDate.ofInstant(repeated, moncton), "the wall clock");
        assertEquals(date("2006-10-29"), ZonedDays.dateOf(repeated, moncton), "the contract's day");
        assertEquals(date("2006-10-29"), QuarterHour.containing(repeated).localDate(moncton));
    }

    // --- the date line ---

    @Test
    void samoaSkippedTheThirtiethOfDecember2011() {
        assertDay(APIA, "2011-12-29", "2011-12-29T10:00:00Z", "2011-12-30T10:00:00Z", Duration.ofHours(24));
        LocalDay skipped = LocalDay.of(date("2011-12-30"), APIA);
        assertTrue(skipped.isSkipped());
        assertEquals(Duration.ZERO, skipped.length());
        assertEquals(0, skipped.quarterHours());
        assertFalse(skipped.contains(skipped.start()));
        assertDay(APIA, "2011-12-31", "2011-12-30T10:00:00Z", "2011-12-31T10:00:00Z", Duration.ofHours(24));

        assertEquals(date("2011-12-29"), ZonedDays.dateOf(at("2011-12-30T09:59:59Z"), APIA));
        assertEquals(date("2011-12-31"), ZonedDays.dateOf(at("2011-12-30T10:00:00Z"), APIA));
        assertEquals(date("2011-12-29"), bucket("2011-12-30T09:45:00Z").localDate(APIA));
        assertEquals(date("2011-12-31"), bucket("2011-12-30T10:00:00Z").localDate(APIA));
    }

    @Test
    void aRangeAcrossTheSkippedDateKeepsItAsAnEmptyDayAndLosesNoInstant() {
        List<LocalDay> days = new DayRange(date("2011-12-28"), date("2012-01-01")).localDays(APIA);

        assertEquals(List.of(24L, 24L, 0L, 24L, 24L), days.stream().map(d -> d.length().toHours()).toList());
        assertEquals(Duration.ofDays(4), Duration.between(days.get(0).start(), days.get(4).end()));
    }

    // --- every day follows the previous one ---

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2026L})
    void theDaysOfAnyZoneFollowOneAnotherAndEveryInstantBelongsToTheDayItIsDatedTo(long seed) {
        List<String> zones = ZoneId.getAvailableZoneIds().stream().sorted().toList();
        Random random = new Random(seed);
        for (int i = 0; i < 120; i++) {
            ZoneId zone = ZoneId.of(zones.get(random.nextInt(zones.size())));
            LocalDate from = ZonedDays.GRID_EXACT_FROM.plusDays(random.nextInt(60 * 365));
            List<LocalDay> days = new DayRange(from, from.plusDays(random.nextInt(DayRange.MAX_DAYS))).localDays(zone);
            for (int d = 1; d < days.size(); d++) {
                assertEquals(days.get(d - 1).end(), days.get(d).start(), zone + " " + days.get(d).date());
            }
            for (LocalDay day : days) {
                assertTrue(day.isOnQuarterHourGrid(), () -> day.toString());
                if (!day.isSkipped()) {
                    Instant inside = day.start().plusSeconds((long) (random.nextDouble() * day.length().toSeconds()));
                    assertEquals(day.date(), ZonedDays.dateOf(inside, zone), () -> zone + " " + inside);
                    assertEquals(day.date(), QuarterHour.containing(inside).localDate(zone));
                    assertEquals(day.date(), ZonedDays.dateOf(day.start(), zone));
                    assertEquals(day.date(), ZonedDays.dateOf(day.end().minusNanos(1), zone));
                }
            }
        }
    }

    // --- before 1980 ---

    @Test
    void beforeNineteenSeventyTwoMonroviasDaysStartAtFortyFourAndAHalfMinutesPastTheHour() {
        ZoneId monrovia = ZoneId.of("Africa/Monrovia");
        LocalDay day = LocalDay.of(date("1971-06-01"), monrovia);

        assertEquals(at("1971-06-01T00:44:30Z"), day.start());
        assertFalse(day.isOnQuarterHourGrid());
        assertThrows(IllegalStateException.class, day::quarterHours);
        assertThrows(IllegalArgumentException.class, () -> bucket("1971-06-01T00:30:00Z").localDate(monrovia));
        assertEquals(date("1971-05-31"), ZonedDays.dateOf(at("1971-06-01T00:44:29Z"), monrovia));
        assertTrue(LocalDay.of(date("1972-01-08"), monrovia).isOnQuarterHourGrid());
    }

    // --- the tz parameter ---

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York", "Australia/Lord_Howe",
        "Pacific/Apia", "Etc/GMT+5", "Europe/London"})
    void anIanaZoneIdIsAccepted(String id) {
        assertEquals(ZoneId.of(id), ZonedDays.zone(id));
    }

    @Test
    void noZoneMeansUtc() {
        assertEquals(ZoneId.of("UTC"), ZonedDays.zone(null));
        assertEquals(ZonedDays.UTC, ZonedDays.zone(null));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "asia/kolkata", "Asia/Calcutta ", "+05:30", "UTC+05:30", "Z", "EST", "Mars/Olympus",
        "America/New York"})
    void anythingElseIsAValueErrorAtTz(String id) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ZonedDays.zone(id));

        assertEquals(List.of(new Violation(List.of("tz"), Violation.VALUE_ERROR,
                "Value error, unknown time zone: expected an IANA time-zone id such as Asia/Kolkata", id)),
                e.violations());
        assertEquals(List.of("query", "tz"), e.under("query").violations().get(0).path());
    }

    @Test
    void aZoneIdThatIsNotValidUnicodeIsAStringUnicodeProblem() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ZonedDays.zone("UTC\u0000"));

        assertEquals(Violation.STRING_UNICODE, e.violations().get(0).type());
        assertEquals(List.of("tz"), e.violations().get(0).path());
        assertEquals("UTC\uFFFD", e.violations().get(0).input());
    }
}

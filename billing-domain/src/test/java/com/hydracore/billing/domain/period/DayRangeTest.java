package com.hydracore.billing.domain.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DayRangeTest {

    private static LocalDate date(String text) {
        return LocalDate.parse(text);
    }

    private static List<Violation> refuse(String from, String to) {
        return assertThrows(InvalidInputException.class, () -> DayRange.parse(from, to)).violations();
    }

    // --- export: from … to ---

    @Test
    void fromAndToAreBothIncluded() {
        DayRange range = DayRange.parse("2026-11-01", "2026-11-03");

        assertEquals(new DayRange(date("2026-11-01"), date("2026-11-03")), range);
        assertEquals(3, range.days());
        assertEquals(List.of(date("2026-11-01"), date("2026-11-02"), date("2026-11-03")), range.dates());
        assertTrue(range.contains(date("2026-11-03")));
        assertFalse(range.contains(date("2026-11-04")));
        assertFalse(range.contains(date("2026-10-31")));
    }

    @Test
    void aSingleDayIsARange() {
        assertEquals(1, DayRange.parse("2026-11-24", "2026-11-24").days());
    }

    @Test
    void aLeapYearOfThreeHundredSixtySixDaysIsTheLongestRange() {
        assertEquals(366, DayRange.parse("2028-01-01", "2028-12-31").days());
        assertEquals(List.of(new Violation(List.of("to"), Violation.LESS_THAN_EQUAL,
                "Input should be less than or equal to 2028-12-31 (at most 366 days from 2028-01-01)", "2029-01-01")),
                refuse("2028-01-01", "2029-01-01"));
    }

    @Test
    void fromAfterToIsRefusedAtTo() {
        assertEquals(List.of(new Violation(List.of("to"), Violation.GREATER_THAN_EQUAL,
                "Input should be greater than or equal to 2026-11-24 (from)", "2026-11-23")),
                refuse("2026-11-24", "2026-11-23"));
    }

    @Test
    void datesBeforeNineteenEightyAreRefusedAtFrom() {
        assertEquals(List.of(new Violation(List.of("from"), Violation.GREATER_THAN_EQUAL,
                "Input should be greater than or equal to 1980-01-01", "1979-12-31")),
                refuse("1979-12-31", "1980-01-05"));
        assertEquals(5, DayRange.parse("1980-01-01", "1980-01-05").days());
    }

    @Test
    void bothDatesAreRequired() {
        List<Violation> problems = refuse(null, null);

        assertEquals(List.of(new Violation(List.of("from"), Violation.MISSING, "Field required", null),
                new Violation(List.of("to"), Violation.MISSING, "Field required", null)), problems);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "2026-2-01", "2026-02-1", "20260201", "2026-02-30", "2026-13-01", "2026-11-24T00:00:00Z",
        " 2026-11-24", "+2026-11-24", "２０２６-11-24", "yesterday"})
    void anythingButAYyyyMmDdDateIsADateParsingProblem(String text) {
        assertEquals(List.of(new Violation(List.of("from"), DayRange.DATE_PARSING,
                "Input should be a valid date in the format YYYY-MM-DD", text)), refuse(text, "2026-11-24"));
    }

    @Test
    void aDateThatIsNotValidUnicodeIsAStringUnicodeProblem() {
        List<Violation> problems = refuse("2026-11-24", "2026-11-24\u0000");

        assertEquals(1, problems.size());
        assertEquals(List.of("to"), problems.get(0).path());
        assertEquals(Violation.STRING_UNICODE, problems.get(0).type());
    }

    @Test
    void bothDatesAreReportedAtOnceAndTheHttpLayerPlacesThemUnderQuery() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DayRange.parse("x", "y"));

        assertEquals(List.of(List.of("query", "from"), List.of("query", "to")),
                e.under("query").violations().stream().map(Violation::path).toList());
    }

    @Test
    void theCanonicalConstructorChecksTheSameRules() {
        assertThrows(InvalidInputException.class, () -> new DayRange(date("2026-11-24"), date("2026-11-23")));
        assertThrows(InvalidInputException.class, () -> new DayRange(date("2026-01-01"), date("2027-01-02")));
        assertThrows(InvalidInputException.class, () -> new DayRange(date("1979-01-01"), date("1979-01-02")));
        assertThrows(InvalidInputException.class, () -> new DayRange(null, date("2026-01-01")));
    }

    // --- chart: the last N days ---

    @Test
    void theChartsDaysEndTodayAndStartDaysMinusOneBefore() {
        LocalDate today = date("2026-11-24");

        assertEquals(new DayRange(today, today), DayRange.endingOn(today, 1));
        assertEquals(new DayRange(date("2026-10-26"), today), DayRange.endingOn(today, 30));
        assertEquals(365, DayRange.endingOn(today, 365).days());
        assertEquals(366, DayRange.endingOn(today, 366).days());
    }

    @ParameterizedTest(name = "{0} days")
    @ValueSource(ints = {0, -1, 367})
    void aDayCountOutsideOneToThreeHundredSixtySixIsRefusedAtDays(int days) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DayRange.endingOn(date("2026-11-24"), days));

        assertEquals(List.of("days"), e.violations().get(0).path());
    }

    @Test
    void todayIsTheZonesToday() {
        Instant now = Instant.parse("2026-11-24T20:00:00Z");

        assertEquals(date("2026-11-24"), DayRange.endingOn(ZonedDays.today(ZoneId.of("UTC"), now), 1).to());
        assertEquals(date("2026-11-25"), DayRange.endingOn(ZonedDays.today(ZoneId.of("Asia/Kolkata"), now), 1).to());
        assertEquals(date("2026-11-24"),
                DayRange.endingOn(ZonedDays.today(ZoneId.of("America/New_York"), now), 1).to());
        assertEquals(date("2026-11-25"), ZonedDays.today(ZoneId.of("Pacific/Kiritimati"), Instant.parse(
                "2026-11-24T10:00:00Z")), "UTC+14");
    }

    @Test
    void theLocalDaysOfARangeAreOnePerDateInOrder() {
        List<LocalDay> days = new DayRange(date("2026-10-31"), date("2026-11-02")).localDays(ZoneId.of(
                "America/New_York"));

        assertEquals(List.of(date("2026-10-31"), date("2026-11-01"), date("2026-11-02")),
                days.stream().map(LocalDay::date).toList());
        assertEquals(List.of(24L, 25L, 24L), days.stream().map(d -> d.length().toHours()).toList());
    }
}

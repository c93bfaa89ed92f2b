package com.hydracore.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.money.Money;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DailySeriesTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 3, 2);

    @Test
    void everyDayOfTheRangeHasAPointInAscendingOrderWithZerosWhereNothingHappened() {
        DailyUsage feb28 = new DailyUsage(LocalDate.of(2024, 2, 28), 100, 2, Money.parse("0.25"));

        List<DailyUsage> points = DailySeries.zeroFilled(LocalDate.of(2024, 2, 27), TODAY, List.of(feb28));

        assertEquals(List.of(
                DailyUsage.empty(LocalDate.of(2024, 2, 27)),
                feb28,
                DailyUsage.empty(LocalDate.of(2024, 2, 29)),
                DailyUsage.empty(LocalDate.of(2024, 3, 1)),
                DailyUsage.empty(TODAY)), points);
    }

    @Test
    void severalEntriesForOneDayAddUpAndDaysOutsideTheRangeAreIgnored() {
        LocalDate day = LocalDate.of(2024, 3, 1);
        List<DailyUsage> usage = List.of(
                new DailyUsage(day, 10, 1, Money.parse("0.10")),
                new DailyUsage(day, 5, 2, Money.parse("0.000001")),
                new DailyUsage(LocalDate.of(2024, 2, 1), 999, 9, Money.parse("9")),
                new DailyUsage(TODAY.plusDays(1), 999, 9, Money.parse("9")));

        List<DailyUsage> points = DailySeries.zeroFilled(day, TODAY, usage);

        assertEquals(List.of(new DailyUsage(day, 15, 3, Money.parse("0.100001")), DailyUsage.empty(TODAY)), points);
    }

    @Test
    void aChartOfNDaysStartsNMinusOneDaysBeforeToday() {
        assertEquals(TODAY, DailySeries.firstDay(TODAY, 1));
        assertEquals(LocalDate.of(2024, 2, 2), DailySeries.firstDay(TODAY, 30));
        assertEquals(LocalDate.of(2023, 3, 4), DailySeries.firstDay(TODAY, 365));
        assertEquals(30, DailySeries.zeroFilled(DailySeries.firstDay(TODAY, 30), TODAY, List.of()).size());
    }

    @ParameterizedTest(name = "{0} days")
    @ValueSource(ints = {0, -1, 366})
    void aChartSpansOneToThreeHundredSixtyFiveDays(int days) {
        assertThrows(IllegalArgumentException.class, () -> DailySeries.firstDay(TODAY, days));
    }

    @Test
    void theLabelSaysLastOneDayOrLastNDays() {
        assertEquals("Last 1 day", DailySeries.label(1));
        assertEquals("Last 7 days", DailySeries.label(7));
        assertEquals("Last 30 days", DailySeries.label(30));
        assertEquals("Last 365 days", DailySeries.label(365));
    }

    @Test
    void aSeriesCannotEndBeforeItStarts() {
        assertThrows(IllegalArgumentException.class, () -> DailySeries.zeroFilled(TODAY, TODAY.minusDays(1), List.of()));
    }
}

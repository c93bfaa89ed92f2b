package com.hydracore.billing.adapter.persistence.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MonthDaysTest {

    @Test
    void aDayIsItsMonthAndOneBit() {
        assertEquals(202603, MonthDays.monthOf(LocalDate.parse("2026-03-01")));
        assertEquals(1L, MonthDays.bitOf(LocalDate.parse("2026-03-01")));
        assertEquals(1L << 30, MonthDays.bitOf(LocalDate.parse("2026-03-31")));
        assertEquals(199912, MonthDays.monthOf(LocalDate.parse("1999-12-31")));
    }

    @Test
    void anAnniversaryPeriodIsTheTailOfOneMonthAndTheHeadOfTheNext() {
        // 15 March up to 15 April: days 15–31 of March, 1–14 of April
        assertEquals(Map.of(202603, 0b1111111111111111100000000000000L, 202604, 0b11111111111111L),
                MonthDays.masks(LocalDate.parse("2026-03-15"), LocalDate.parse("2026-04-15")));
    }

    @Test
    void aWholeMonthIsAllItsDaysAndNoMore() {
        assertEquals(Map.of(202402, (1L << 29) - 1), MonthDays.masks(LocalDate.parse("2024-02-01"),
                LocalDate.parse("2024-03-01")));
        assertEquals(Map.of(202603, (1L << 31) - 1), MonthDays.masks(LocalDate.parse("2026-03-01"),
                LocalDate.parse("2026-04-01")));
    }

    @Test
    void aYearTouchesThirteenMonthsWhenItStartsMidMonth() {
        assertEquals(13, MonthDays.masks(LocalDate.parse("2026-01-31"), LocalDate.parse("2027-01-31")).size());
    }

    @Test
    void noDaysIsNoMasks() {
        assertEquals(Map.of(), MonthDays.masks(LocalDate.parse("2026-03-15"), LocalDate.parse("2026-03-15")));
    }

    @Test
    void theMasksHoldExactlyTheBitsOfTheDaysInTheRange() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            LocalDate first = LocalDate.parse("2023-12-01").plusDays(random.nextInt(900));
            LocalDate end = first.plusDays(random.nextInt(400));
            SortedMap<Integer, Long> expected = new TreeMap<>();
            for (LocalDate d = first; d.isBefore(end); d = d.plusDays(1)) {
                expected.merge(MonthDays.monthOf(d), MonthDays.bitOf(d), (a, b) -> a | b);
            }
            assertEquals(expected, MonthDays.masks(first, end), first + " until " + end);
        }
    }
}

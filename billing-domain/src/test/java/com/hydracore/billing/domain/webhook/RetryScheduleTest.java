package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RetryScheduleTest {

    private static final Instant T = Instant.parse("2026-11-24T09:30:00Z");

    @Test
    void theDefaultIsTheContractsTenDelays() {
        assertEquals("5,30,120,600,1800,3600,7200,14400,28800,43200", RetrySchedule.DEFAULT.text());
        assertEquals(11, RetrySchedule.DEFAULT.maxAttempts());
        assertEquals(Duration.ofSeconds(5), RetrySchedule.DEFAULT.delays().get(0));
        assertEquals(Duration.ofHours(12), RetrySchedule.DEFAULT.delays().get(9));
    }

    @Test
    void afterAttemptNTheNextIsItsDelayLater() {
        RetrySchedule schedule = RetrySchedule.parse("5,30,120");

        assertEquals(Optional.of(T.plusSeconds(5)), schedule.nextAttempt(1, T));
        assertEquals(Optional.of(T.plusSeconds(30)), schedule.nextAttempt(2, T));
        assertEquals(Optional.of(T.plusSeconds(120)), schedule.nextAttempt(3, T));
    }

    @Test
    void afterTheLastRetryThereIsNoNextAttempt() {
        RetrySchedule schedule = RetrySchedule.parse("5,30,120");

        assertEquals(Optional.empty(), schedule.nextAttempt(4, T));
        assertEquals(Optional.empty(), schedule.nextAttempt(100, T));
        assertEquals(4, schedule.maxAttempts());
    }

    @Test
    void theDefaultGivesUpAfterTheEleventhAttempt() {
        assertTrue(RetrySchedule.DEFAULT.nextAttempt(10, T).isPresent());
        assertEquals(Optional.of(T.plus(Duration.ofHours(12))), RetrySchedule.DEFAULT.nextAttempt(10, T));
        assertEquals(Optional.empty(), RetrySchedule.DEFAULT.nextAttempt(11, T));
    }

    @Test
    void aBlankScheduleMeansOneAttemptOnly() {
        RetrySchedule none = RetrySchedule.parse("  ");

        assertEquals(List.of(), none.delays());
        assertEquals(1, none.maxAttempts());
        assertEquals(Optional.empty(), none.nextAttempt(1, T));
    }

    @Test
    void spacesAroundNumbersAreIgnored() {
        assertEquals(RetrySchedule.parse("5,30"), RetrySchedule.parse(" 5 , 30 "));
    }

    @Test
    void attemptsAreCountedFromOne() {
        assertThrows(IllegalArgumentException.class, () -> RetrySchedule.DEFAULT.nextAttempt(0, T));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5,,30", "5,30,", "five", "5.5", "0", "-5", "604801", "5;30", "1e3"})
    void anythingButWholeSecondsInRangeIsRefusedSayingWhy(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetrySchedule.parse(text));

        assertTrue(e.getMessage().startsWith("retry schedule: "), e.getMessage());
    }

    @Test
    void delaysMayRepeatAndNeedNotGrow() {
        assertEquals("60,60,10", RetrySchedule.parse("60,60,10").text());
    }

    @Test
    void aWeekIsTheLongestDelayAndAHundredTheMostRetries() {
        assertEquals(Duration.ofDays(7), RetrySchedule.parse("604800").delays().get(0));
        assertEquals(100, RetrySchedule.parse(String.join(",", Collections.nCopies(100, "1")))
                .delays().size());
        assertThrows(IllegalArgumentException.class,
                () -> RetrySchedule.parse(String.join(",", Collections.nCopies(101, "1"))));
    }
}

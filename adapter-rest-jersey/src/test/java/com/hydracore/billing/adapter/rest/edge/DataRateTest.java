package com.hydracore.billing.adapter.rest.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DataRateTest {

    private static final DataRate KIB_PER_SECOND = new DataRate(1024, Duration.ofSeconds(10));
    private static final long SECOND = 1_000_000_000L;

    @Test
    void nothingIsTooSlowWithinTheGrace() {
        assertFalse(KIB_PER_SECOND.tooSlow(0, 10 * SECOND));
    }

    @Test
    void anAverageBelowTheRateAfterTheGraceIsTooSlow() {
        assertTrue(KIB_PER_SECOND.tooSlow(11 * 1024 - 1, 11 * SECOND));
    }

    @Test
    void anAverageAtTheRateIsNot() {
        assertFalse(KIB_PER_SECOND.tooSlow(11 * 1024, 11 * SECOND));
    }

    @Test
    void aBurstEarlyCountsForTheWholeWait() {
        assertFalse(KIB_PER_SECOND.tooSlow(60 * 1024, 59 * SECOND));
        assertTrue(KIB_PER_SECOND.tooSlow(60 * 1024, 61 * SECOND));
    }

    @Test
    void aRateOfZeroCutsNobody() {
        assertFalse(new DataRate(0, Duration.ZERO).tooSlow(0, 3600 * SECOND));
    }

    @Test
    void aNegativeRateOrGraceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new DataRate(-1, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new DataRate(1, Duration.ofSeconds(-1)));
    }
}

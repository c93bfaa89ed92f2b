package com.hydracore.billing.domain.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {

    private final BillingPeriod march = BillingPeriod.ofDays(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));

    @Test
    void aPeriodContainsItsStartButNotItsEnd() {
        assertTrue(march.contains(Instant.parse("2026-03-01T00:00:00Z")));
        assertTrue(march.contains(Instant.parse("2026-03-31T23:59:59.999999999Z")));
        assertFalse(march.contains(Instant.parse("2026-04-01T00:00:00Z")));
        assertFalse(march.contains(Instant.parse("2026-02-28T23:59:59.999999999Z")));
    }

    @Test
    void aPeriodNamesItsFirstDayAndTheDayAfterIt() {
        assertEquals(LocalDate.of(2026, 3, 1), march.firstDay());
        assertEquals(LocalDate.of(2026, 4, 1), march.endDay());
    }

    @Test
    void aPeriodMustEndAfterItStarts() {
        Instant day = Instant.parse("2026-03-01T00:00:00Z");
        assertThrows(IllegalArgumentException.class, () -> new BillingPeriod(day, day));
        assertThrows(IllegalArgumentException.class,
                () -> new BillingPeriod(day, Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    void aPeriodBoundaryMustBeAUtcMidnight() {
        assertThrows(IllegalArgumentException.class, () -> new BillingPeriod(Instant.parse("2026-03-01T00:00:01Z"),
                Instant.parse("2026-04-01T00:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> new BillingPeriod(Instant.parse("2026-03-01T00:00:00Z"),
                Instant.parse("2026-04-01T00:00:00.000000001Z")));
    }
}

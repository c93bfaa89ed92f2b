package com.hydracore.billing.domain.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReservationStatusTest {

    private static final Instant EXPIRES = Instant.parse("2026-11-24T09:35:00Z");
    private static final Instant BEFORE = EXPIRES.minusSeconds(60);

    @Test
    void theStatusesAreNamedAsTheContractNamesThem() {
        assertEquals(List.of("held", "settled", "released", "expired"),
                Arrays.stream(ReservationStatus.values()).map(ReservationStatus::wireName).toList());
        assertEquals(Optional.of(ReservationStatus.EXPIRED), ReservationStatus.fromWireName("expired"));
        assertEquals(Optional.empty(), ReservationStatus.fromWireName("live"));
    }

    @Test
    void onlyAHeldReservationIsLive() {
        assertTrue(ReservationStatus.HELD.isLive());
        assertFalse(ReservationStatus.SETTLED.isLive());
        assertFalse(ReservationStatus.RELEASED.isLive());
        assertFalse(ReservationStatus.EXPIRED.isLive());
    }

    @Test
    void anUnendedReservationIsHeldUntilTheInstantItExpires() {
        assertEquals(ReservationStatus.HELD, ReservationStatus.of(EXPIRES, null, null, BEFORE));
        assertEquals(ReservationStatus.HELD, ReservationStatus.of(EXPIRES, null, null, EXPIRES.minusNanos(1)));
        assertEquals(ReservationStatus.EXPIRED, ReservationStatus.of(EXPIRES, null, null, EXPIRES));
        assertEquals(ReservationStatus.EXPIRED, ReservationStatus.of(EXPIRES, null, null, EXPIRES.plusSeconds(3600)));
    }

    @Test
    void aSettlementCountsFromItsInstantOnAndOutlivesTheExpiry() {
        Instant settled = BEFORE.plusSeconds(10);

        assertEquals(ReservationStatus.HELD, ReservationStatus.of(EXPIRES, settled, null, settled.minusNanos(1)));
        assertEquals(ReservationStatus.SETTLED, ReservationStatus.of(EXPIRES, settled, null, settled));
        assertEquals(ReservationStatus.SETTLED, ReservationStatus.of(EXPIRES, settled, null, EXPIRES.plusSeconds(1)));
    }

    @Test
    void aReleaseCountsFromItsInstantOnAndOutlivesTheExpiry() {
        Instant released = BEFORE.plusSeconds(10);

        assertEquals(ReservationStatus.HELD, ReservationStatus.of(EXPIRES, null, released, BEFORE));
        assertEquals(ReservationStatus.RELEASED, ReservationStatus.of(EXPIRES, null, released, released));
        assertEquals(ReservationStatus.RELEASED, ReservationStatus.of(EXPIRES, null, released, EXPIRES));
    }

    @Test
    void factsThatCannotHappenTogetherAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReservationStatus.of(EXPIRES, BEFORE, BEFORE, EXPIRES));
        assertThrows(IllegalArgumentException.class, () -> ReservationStatus.of(EXPIRES, EXPIRES, null, EXPIRES),
                "settled at the instant it expired");
        assertThrows(IllegalArgumentException.class,
                () -> ReservationStatus.of(EXPIRES, null, EXPIRES.plusSeconds(1), EXPIRES), "released once expired");
        assertThrows(NullPointerException.class, () -> ReservationStatus.of(null, null, null, EXPIRES));
        assertThrows(NullPointerException.class, () -> ReservationStatus.of(EXPIRES, null, null, null));
    }
}

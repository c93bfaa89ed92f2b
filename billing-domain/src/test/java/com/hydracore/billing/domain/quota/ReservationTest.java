package com.hydracore.billing.domain.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");
    private static final ReservationRequest REQUEST = ReservationRequest.of("res-1", 1_200L, 2L, "conv-9", 300L);
    private static final Reservation HELD = Reservation.held("acct-1", REQUEST, NOW, false);
    private static final Instant EXPIRES = Instant.parse("2026-11-24T09:35:00Z");

    @Test
    void aGrantedHoldIsHeldWithWhatItAskedUntilCreationPlusTtl() {
        assertEquals(new Reservation("acct-1", "res-1", 1_200, 2, "conv-9", NOW, EXPIRES, false, null, null), HELD);
        assertEquals(ReservationStatus.HELD, HELD.statusAt(NOW));
        assertTrue(Reservation.held("acct-1", REQUEST, NOW, true).overLimit());
    }

    @Test
    void theCreationIsKeptInWholeSecondsSoExpiresAtIsExactlyWhenItStopsCounting() {
        Reservation r = Reservation.held("acct-1", REQUEST, NOW.plusMillis(999), false);

        assertEquals(NOW, r.createdAt());
        assertEquals(EXPIRES, r.expiresAt());
        assertTrue(r.isLiveAt(EXPIRES.minusNanos(1)));
        assertFalse(r.isLiveAt(EXPIRES));
    }

    @Test
    void itExpiresByTheClockAloneWithNoJob() {
        assertEquals(ReservationStatus.HELD, HELD.statusAt(EXPIRES.minusSeconds(1)));
        assertEquals(ReservationStatus.EXPIRED, HELD.statusAt(EXPIRES));
        assertEquals(ReservationStatus.EXPIRED, HELD.statusAt(EXPIRES.plusSeconds(86_400)));
    }

    @Test
    void theFirstUsageEventNamingItWhileHeldSettlesIt() {
        Instant at = NOW.plusSeconds(42);

        Reservation settled = HELD.settle(at);

        assertEquals(at, settled.settledAt());
        assertEquals(ReservationStatus.SETTLED, settled.statusAt(at));
        assertEquals(ReservationStatus.SETTLED, settled.statusAt(EXPIRES.plusSeconds(1)), "settled, not expired");
        assertEquals(ReservationStatus.HELD, settled.statusAt(at.minusSeconds(1)), "the past is not rewritten");
        assertSame(settled, settled.settle(at.plusSeconds(1)), "a later event is plain usage");
        assertSame(settled, settled.release(at.plusSeconds(1)), "a settled reservation cannot be released");
    }

    @Test
    void anEventNamingAnExpiredReservationSettlesNothing() {
        assertSame(HELD, HELD.settle(EXPIRES));
        assertSame(HELD, HELD.settle(EXPIRES.plusSeconds(3_600)));
    }

    @Test
    void aReleaseWhileHeldEndsItAndLaterReleasesChangeNothing() {
        Instant at = NOW.plusSeconds(10);

        Reservation released = HELD.release(at);

        assertEquals(ReservationStatus.RELEASED, released.statusAt(at));
        assertEquals(at, released.releasedAt());
        assertSame(released, released.release(at.plusSeconds(5)));
        assertSame(released, released.settle(at.plusSeconds(5)));
        assertSame(HELD, HELD.release(EXPIRES), "an expired reservation stays expired");
    }

    @Test
    void anEndStampedBeforeTheCreationByAnotherClockCountsAsTheCreation() {
        assertEquals(NOW, HELD.settle(NOW.minusSeconds(2)).settledAt());
        assertEquals(NOW, HELD.release(NOW.minusSeconds(2)).releasedAt());
    }

    @Test
    void aReservationLivesBetweenOneSecondAndOneDay() {
        new Reservation("a", "r", 1, 1, null, NOW, NOW.plusSeconds(1), false, null, null);
        new Reservation("a", "r", 1, 1, null, NOW, NOW.plusSeconds(86_400), false, null, null);
        assertThrows(IllegalArgumentException.class,
                () -> new Reservation("a", "r", 1, 1, null, NOW, NOW, false, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Reservation("a", "r", 1, 1, null, NOW, NOW.plusSeconds(86_401), false, null, null));
    }

    @Test
    void storedFactsThatCannotHappenAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Reservation("a", "r", 1, 1, null, NOW, EXPIRES, false,
                NOW.plusSeconds(1), NOW.plusSeconds(2)), "settled and released");
        assertThrows(IllegalArgumentException.class, () -> new Reservation("a", "r", 1, 1, null, NOW, EXPIRES, false,
                EXPIRES, null), "settled once expired");
        assertThrows(IllegalArgumentException.class, () -> new Reservation("a", "r", 1, 1, null, NOW, EXPIRES, false,
                null, NOW.minusSeconds(1)), "released before it existed");
        assertThrows(InvalidInputException.class, () -> new Reservation("", "r", 1, 1, null, NOW, EXPIRES, false,
                null, null));
        assertThrows(InvalidInputException.class, () -> new Reservation("a", "r", -1, 1, null, NOW, EXPIRES, false,
                null, null));
        assertThrows(InvalidInputException.class, () -> Reservation.held("a".repeat(129), REQUEST, NOW, false));
    }

    @Test
    void theKeyIsTheAccountAndTheReservationIdWhateverIsHeld() {
        Reservation other = Reservation.held("acct-1", ReservationRequest.of("res-1", 5L, 0L, null, 60L),
                NOW.plusSeconds(3), true);

        assertTrue(HELD.sameKeyAs(other));
        assertFalse(HELD.sameKeyAs(Reservation.held("acct-2", REQUEST, NOW, false)));
        assertFalse(HELD.sameKeyAs(Reservation.held("acct-1", ReservationRequest.of("res-2", 1L, null, null, null),
                NOW, false)));
    }
}

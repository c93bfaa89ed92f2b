package com.hydracore.billing.domain.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveHoldsTest {

    private static final Instant NOW = Instant.parse("2026-11-24T09:30:00Z");

    private static Reservation hold(String id, long tokens, long requests, String conversation, Instant created,
                                    long ttl) {
        return Reservation.held("acct-1", ReservationRequest.of(id, tokens, requests, conversation, ttl), created,
                false);
    }

    @Test
    void onlyLiveHoldsCount() {
        List<Reservation> reservations = List.of(
                hold("held", 100, 1, null, NOW.minusSeconds(10), 300),
                hold("settled", 200, 2, null, NOW.minusSeconds(10), 300).settle(NOW.minusSeconds(5)),
                hold("released", 400, 4, null, NOW.minusSeconds(10), 300).release(NOW.minusSeconds(5)),
                hold("expired", 800, 8, null, NOW.minusSeconds(300), 300),
                hold("held-too", 1_000, 10, null, NOW, 1));

        assertEquals(new LiveHolds(1_100, 11, 0), LiveHolds.of(reservations, Set.of(), NOW));
        assertEquals(LiveHolds.NONE, LiveHolds.of(List.of(), Set.of(), NOW));
    }

    @Test
    void heldConversationsCountOnceAndOnlyWhileThePeriodHasNotSeenThem() {
        List<Reservation> reservations = List.of(
                hold("a", 1, 1, "conv-new", NOW, 300),
                hold("b", 1, 1, "conv-new", NOW, 300),
                hold("c", 1, 1, "conv-used", NOW, 300),
                hold("d", 1, 1, "conv-other", NOW, 300),
                hold("e", 1, 1, "conv-gone", NOW.minusSeconds(600), 300));

        assertEquals(2, LiveHolds.of(reservations, Set.of("conv-used"), NOW).conversations());
        assertEquals(1, LiveHolds.of(reservations, Set.of("conv-used", "conv-other"), NOW).conversations());
    }

    @Test
    void aNewHoldAddsAConversationOnlyWhenNeitherThePeriodNorALiveHoldHasIt() {
        List<Reservation> reservations = List.of(hold("a", 1, 1, "conv-held", NOW, 300),
                hold("b", 1, 1, "conv-expired", NOW.minusSeconds(600), 300));
        Set<String> period = Set.of("conv-used");

        assertTrue(LiveHolds.addsConversation("conv-new", reservations, period, NOW));
        assertTrue(LiveHolds.addsConversation("conv-expired", reservations, period, NOW));
        assertFalse(LiveHolds.addsConversation("conv-held", reservations, period, NOW));
        assertFalse(LiveHolds.addsConversation("conv-used", reservations, period, NOW));
        assertFalse(LiveHolds.addsConversation(null, reservations, period, NOW));
    }

    @Test
    void theRuleFromAStoresCountsIsTheSame() {
        assertTrue(LiveHolds.addsConversation("c", false, false));
        assertFalse(LiveHolds.addsConversation("c", true, false), "used in the period");
        assertFalse(LiveHolds.addsConversation("c", false, true), "held by a live reservation");
        assertFalse(LiveHolds.addsConversation("c", true, true));
        assertFalse(LiveHolds.addsConversation(null, false, false), "no conversation");
    }

    @Test
    void heldAmountsMapToTheirMetricsAndInstancesAreNeverHeld() {
        LiveHolds holds = new LiveHolds(100, 5, 2);

        assertEquals(100, holds.of(QuotaMetric.TOKENS));
        assertEquals(5, holds.of(QuotaMetric.API_CALLS));
        assertEquals(2, holds.of(QuotaMetric.CONVERSATIONS));
        assertEquals(0, holds.of(QuotaMetric.INSTANCES));
        assertThrows(IllegalArgumentException.class, () -> new LiveHolds(-1, 0, 0));
    }

    /**
     * What a store does when it grants a hold (decide, then add the reservation) and what it reads back afterwards
     * (sum the live reservations) must agree: adding a reservation grows the live holds by exactly what its hold asks.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11L, 2026L})
    void addingAReservationGrowsTheLiveHoldsByExactlyItsHold(long seed) {
        Random random = new Random(seed);
        List<Reservation> reservations = new ArrayList<>();
        Set<String> period = new HashSet<>();
        Instant now = NOW;
        for (int i = 0; i < 2_000; i++) {
            now = now.plusSeconds(random.nextInt(20));
            if (random.nextInt(10) == 0) {
                period.add("conv-" + random.nextInt(30));
            }
            String conversation = random.nextInt(4) == 0 ? null : "conv-" + random.nextInt(30);
            ReservationRequest request = ReservationRequest.of("res-" + i, (long) random.nextInt(1_000),
                    (long) random.nextInt(3), conversation, 1L + random.nextInt(200));
            LiveHolds before = LiveHolds.of(reservations, period, now);
            Hold hold = request.hold(LiveHolds.addsConversation(conversation, reservations, period, now));

            reservations.add(Reservation.held("acct-1", request, now, false));
            LiveHolds after = LiveHolds.of(reservations, period, now);

            for (QuotaMetric metric : QuotaMetric.values()) {
                assertEquals(before.of(metric) + hold.requested(metric), after.of(metric), metric + " at " + i);
            }
            if (random.nextInt(5) == 0) {
                int k = random.nextInt(reservations.size());
                Reservation r = reservations.get(k);
                reservations.set(k, random.nextBoolean() ? r.settle(now) : r.release(now));
            }
        }
    }
}

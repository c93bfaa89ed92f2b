package com.hydracore.billing.domain.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.money.Percent;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuotaTest {

    @Test
    void remainingIsTheLimitLessWhatIsUsedAndHeld() {
        assertEquals(100, new Quota(QuotaMetric.TOKENS, 600, 300, 1_000).remaining());
        assertEquals(1_000, Quota.of(QuotaMetric.TOKENS, 0, 1_000).remaining());
    }

    @Test
    void remainingNeverGoesBelowZero() {
        assertEquals(0, Quota.of(QuotaMetric.TOKENS, 1_200, 1_000).remaining(), "usage past the limit");
        assertEquals(0, new Quota(QuotaMetric.TOKENS, 600, 500, 1_000).remaining(), "holds past the limit");
        assertEquals(0, Quota.of(QuotaMetric.API_CALLS, 0, 0).remaining(), "a zero limit");
    }

    @ParameterizedTest(name = "{0} used of {1} is {2}%")
    @CsvSource({
        "0,      0,      0.00",
        "5,      0,      100.00",
        "0,      1000,   0.00",
        "1,      3,      33.33",
        "2,      3,      66.67",
        "1,      40000,  0.00",
        "1,      20000,  0.01",
        "2500,   1000,   250.00",
    })
    void usedPctIsTheTokenUsagePctRule(long used, long limit, String expected) {
        assertEquals(new BigDecimal(expected), Quota.of(QuotaMetric.TOKENS, used, limit).usedPct());
    }

    @Test
    void usedPctIsPercentOfForAnyCountsAndIgnoresHolds() {
        Random random = new Random(7);
        for (int i = 0; i < 1_000; i++) {
            long used = random.nextInt(3) == 0 ? 0 : (long) (random.nextDouble() * 1e12);
            long limit = random.nextInt(3) == 0 ? 0 : (long) (random.nextDouble() * 1e12);
            long reserved = (long) (random.nextDouble() * 1e12);
            assertEquals(Percent.of(used, limit), new Quota(QuotaMetric.TOKENS, used, reserved, limit).usedPct());
        }
    }

    @Test
    void aRequestPassesTheLimitOnlyWhenMoreIsAskedThanRemains() {
        Quota quota = new Quota(QuotaMetric.TOKENS, 600, 300, 1_000);

        assertFalse(quota.wouldPass(99));
        assertFalse(quota.wouldPass(100), "filling the limit exactly is within it");
        assertTrue(quota.wouldPass(101));
    }

    @Test
    void askingNothingNeverPassesTheLimitEvenWhenUsageIsAlreadyPastIt() {
        Quota past = Quota.of(QuotaMetric.TOKENS, 1_500, 1_000);

        assertTrue(past.isOverLimit());
        assertFalse(past.wouldPass(0));
        assertTrue(past.wouldPass(1));
        assertFalse(Quota.of(QuotaMetric.TOKENS, 0, 0).wouldPass(0), "nothing against a zero limit");
        assertTrue(Quota.of(QuotaMetric.TOKENS, 0, 0).wouldPass(1), "anything against a zero limit");
    }

    @Test
    void aQuotaFilledExactlyIsNotOverItsLimit() {
        assertFalse(new Quota(QuotaMetric.TOKENS, 700, 300, 1_000).isOverLimit());
        assertTrue(new Quota(QuotaMetric.TOKENS, 700, 301, 1_000).isOverLimit());
    }

    @Test
    void extremeCountsNeitherOverflowNorWrapAround() {
        Quota everything = new Quota(QuotaMetric.TOKENS, Long.MAX_VALUE, Long.MAX_VALUE, 0);
        assertEquals(0, everything.remaining());
        assertTrue(everything.isOverLimit());
        assertTrue(everything.wouldPass(1));
        assertFalse(everything.wouldPass(0));

        Quota heldToTheBrim = new Quota(QuotaMetric.TOKENS, 0, Long.MAX_VALUE, Long.MAX_VALUE);
        assertEquals(0, heldToTheBrim.remaining());
        assertTrue(heldToTheBrim.wouldPass(1));

        Quota unlimited = Quota.of(QuotaMetric.TOKENS, 0, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, unlimited.remaining());
        assertFalse(unlimited.wouldPass(Long.MAX_VALUE));
    }

    @Test
    void reservingMoreAddsToWhatIsHeld() {
        Quota quota = new Quota(QuotaMetric.API_CALLS, 10, 5, 100).plusReserved(7);

        assertEquals(new Quota(QuotaMetric.API_CALLS, 10, 12, 100), quota);
        assertThrows(ArithmeticException.class, () -> quota.plusReserved(Long.MAX_VALUE));
    }

    @Test
    void negativeCountsAndRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Quota(QuotaMetric.TOKENS, -1, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Quota(QuotaMetric.TOKENS, 0, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> new Quota(QuotaMetric.TOKENS, 0, 0, -1));
        assertThrows(NullPointerException.class, () -> new Quota(null, 0, 0, 10));
        assertThrows(IllegalArgumentException.class, () -> Quota.of(QuotaMetric.TOKENS, 0, 10).wouldPass(-1));
    }
}

package com.hydracore.billing.domain.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.quota.QuotaUsage;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertThresholdsTest {

    private static final AlertThresholds DEFAULT = AlertThresholds.DEFAULT;
    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));

    @Test
    void theDefaultIsEightyAndOneHundredPercent() {
        assertEquals(List.of(80, 100), DEFAULT.percents());
        assertEquals("80,100", DEFAULT.text());
    }

    @Test
    void aThresholdIsReachedWhenUsedTimesOneHundredIsAtLeastItTimesTheLimit() {
        assertFalse(AlertThresholds.isReached(79, 100, 80));
        assertTrue(AlertThresholds.isReached(80, 100, 80));
        // 80 % of 7 is 5.6: 5 is not there, 6 is.
        assertFalse(AlertThresholds.isReached(5, 7, 80));
        assertTrue(AlertThresholds.isReached(6, 7, 80));
        assertFalse(AlertThresholds.isReached(99_999, 100_000, 100));
        assertTrue(AlertThresholds.isReached(100_000, 100_000, 100));
    }

    @Test
    void aLimitOfZeroNeverAlerts() {
        assertFalse(AlertThresholds.isReached(0, 0, 80));
        assertFalse(AlertThresholds.isReached(1_000_000, 0, 100));
        assertEquals(List.of(), DEFAULT.crossed(0, 1_000_000, 0));
    }

    @Test
    void crossingIsReachedAfterAndNotBefore() {
        assertEquals(List.of(80), DEFAULT.crossed(79, 80, 100));
        assertEquals(List.of(), DEFAULT.crossed(80, 95, 100));
        assertEquals(List.of(100), DEFAULT.crossed(95, 120, 100));
        assertEquals(List.of(), DEFAULT.crossed(120, 500, 100));
        assertEquals(List.of(), DEFAULT.crossed(10, 10, 100));
    }

    @Test
    void oneBatchCrossingBothThresholdsCrossesEach() {
        assertEquals(List.of(80, 100), DEFAULT.crossed(0, 100, 100));
        assertEquals(List.of(80, 100), DEFAULT.crossed(79, 1_000, 100));
    }

    @Test
    void hugeUsageAndLimitsAreComparedExactly() {
        long limit = Long.MAX_VALUE;
        long eightyPercent = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(80))
                .add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100)).longValueExact();

        assertFalse(AlertThresholds.isReached(eightyPercent - 1, limit, 80));
        assertTrue(AlertThresholds.isReached(eightyPercent, limit, 80));
        assertTrue(AlertThresholds.isReached(Long.MAX_VALUE, Long.MAX_VALUE, 100));
        assertFalse(AlertThresholds.isReached(Long.MAX_VALUE - 1, Long.MAX_VALUE, 100));
        assertTrue(AlertThresholds.isReached(Long.MAX_VALUE, 1, 1000));
    }

    @Test
    void theExactRuleAgreesWithBigIntegerArithmetic() {
        Random random = new Random(20);
        AlertThresholds many = AlertThresholds.parse("1,50,80,99,100,101,250,1000");
        for (int i = 0; i < 20_000; i++) {
            long limit = random.nextInt(4) == 0 ? random.nextLong() >>> 1 : random.nextInt(1_000);
            long used = random.nextInt(4) == 0 ? random.nextLong() >>> 1 : random.nextInt(2_000);
            for (int p : many.percents()) {
                boolean expected = limit > 0 && BigInteger.valueOf(used).multiply(
                        BigInteger.valueOf(100)).compareTo(BigInteger.valueOf(p)
                        .multiply(BigInteger.valueOf(limit))) >= 0;
                assertEquals(expected, AlertThresholds.isReached(used, limit, p), used + " of " + limit + " at " + p);
            }
        }
    }

    @Test
    void crossingsListEachMetricInContractOrderThenEachThreshold() {
        PlanLimits limits = new PlanLimits(1_000, 100, 10, 1, 25);
        QuotaUsage before = new QuotaUsage(500, 79, 9, 0);
        QuotaUsage after = new QuotaUsage(1_200, 80, 10, 5);

        List<ThresholdReached> crossings = DEFAULT.crossings("acme", MARCH, limits, before, after);

        assertEquals(List.of(
                new ThresholdReached("acme", QuotaMetric.TOKENS, 80, 1_200, 1_000, MARCH),
                new ThresholdReached("acme", QuotaMetric.TOKENS, 100, 1_200, 1_000, MARCH),
                new ThresholdReached("acme", QuotaMetric.API_CALLS, 80, 80, 100, MARCH),
                new ThresholdReached("acme", QuotaMetric.CONVERSATIONS, 100, 10, 10, MARCH)), crossings);
    }

    @Test
    void instancesAreNeverAlertedOn() {
        PlanLimits limits = new PlanLimits(1_000, 100, 10, 1, 25);

        assertEquals(List.of(), DEFAULT.crossings("acme", MARCH, limits, QuotaUsage.NONE,
                new QuotaUsage(0, 0, 0, 50)));
        assertThrows(IllegalArgumentException.class,
                () -> new ThresholdReached("acme", QuotaMetric.INSTANCES, 80, 1, 1, MARCH));
    }

    @Test
    void noThresholdsMeansNoAlerts() {
        AlertThresholds none = AlertThresholds.parse("");

        assertEquals(List.of(), none.percents());
        assertEquals(List.of(), none.crossings("acme", MARCH, PlanLimits.DEFAULTS, QuotaUsage.NONE,
                new QuotaUsage(1_000_000, 1_000_000, 1_000_000, 0)));
    }

    @Test
    void thresholdsMayBeGivenInAnyOrderWithSpaces() {
        assertEquals(List.of(50, 80, 100, 150), AlertThresholds.parse(" 100, 50 ,150,80").percents());
        assertEquals(List.of(150), AlertThresholds.parse("150").reached(3, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"80,", "80,,100", "eighty", "80.5", "0", "-5", "1001", "80,80", "80;100"})
    void anythingButDistinctWholePercentsInRangeIsRefusedSayingWhy(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlertThresholds.parse(text));

        assertTrue(e.getMessage().startsWith("alert thresholds: "), e.getMessage());
    }

    @Test
    void theRecordRefusesUnsortedOrRepeatedThresholds() {
        assertThrows(IllegalArgumentException.class, () -> new AlertThresholds(List.of(100, 80)));
        assertThrows(IllegalArgumentException.class, () -> new AlertThresholds(List.of(80, 80)));
    }
}

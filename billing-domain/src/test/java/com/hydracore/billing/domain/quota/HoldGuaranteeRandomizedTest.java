package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.catalog.LimitPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guarantee of API §7 at the arithmetic level, on seeded random accounts: holds decided and applied one after
 * another (what a store does under its lock) never let {@code used + reserved} pass a hard limit, and N holds of s
 * tokens against R remaining grant exactly {@code min(N, ⌊R / s⌋)}. Every decision is also checked against a naive
 * recomputation in {@link BigInteger}s.
 */
class HoldGuaranteeRandomizedTest {

    private static final BillingPeriod PERIOD = BillingPeriod.ofDays(LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 12, 1));
    private static final int ACCOUNTS = 300;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 42L, 20261124L})
    void nHoldsOfSTokensAgainstRRemainingGrantExactlyMinOfNAndRDividedByS(long seed) {
        Random random = new Random(seed);
        int boundByTokens = 0;
        int boundByCount = 0;
        for (int account = 0; account < ACCOUNTS; account++) {
            long limit = randomCount(random, 1_000_000);
            long used = randomBelow(random, limit);
            long reserved = randomBelow(random, limit - used);
            long r = limit - used - reserved;
            long s = randomHoldSize(random, r);
            long fits = r / s;
            int n = (int) Math.min(2_000, random.nextBoolean() ? fits + random.nextInt(6) : random.nextInt(50));

            // Requests and conversations are never the binding limit here: the question is the tokens'.
            AccountQuotas quotas = AccountQuotas.of(PERIOD, LimitPolicy.HARD,
                    new PlanLimits(limit, Hold.MAX_COUNT, Hold.MAX_COUNT, 0, 0),
                    new QuotaUsage(used, 0, 0, 0), new LiveHolds(reserved, 0, 0));
            int granted = 0;
            for (int i = 0; i < n; i++) {
                long remainingBefore = quotas.quota(QuotaMetric.TOKENS).remaining();
                HoldDecision decision = quotas.decide(Hold.ofTokens(s));
                if (decision.isGranted()) {
                    assertEquals(new HoldDecision.Granted(false), decision);
                    quotas = quotas.withHold(Hold.ofTokens(s));
                    granted++;
                } else {
                    assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, remainingBefore), decision);
                    assertTrue(remainingBefore < s, "refused only when it does not fit");
                }
            }

            assertEquals(Math.min(n, fits), granted, () -> "R=" + r + " s=" + s + " N=" + n);
            assertEquals(r - granted * s, quotas.quota(QuotaMetric.TOKENS).remaining());
            assertTrue(quotas.quota(QuotaMetric.TOKENS).used() + quotas.quota(QuotaMetric.TOKENS).reserved() <= limit);
            if (n > fits) {
                boundByTokens++;
            } else {
                boundByCount++;
            }
        }
        assertTrue(boundByTokens > ACCOUNTS / 10 && boundByCount > ACCOUNTS / 10,
                "the seed exercises both sides of the min: " + boundByTokens + " / " + boundByCount);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 99L, 4242L})
    void underAHardPolicyNoMixOfHoldsEverTakesAnyMetricPastItsLimit(long seed) {
        Random random = new Random(seed);
        int refusals = 0;
        for (int account = 0; account < ACCOUNTS; account++) {
            PlanLimits limits = new PlanLimits(randomCount(random, 100_000), randomCount(random, 200),
                    randomCount(random, 20), randomCount(random, 5), 0);
            // Start within every limit: the guarantee counts usage that came through holds.
            QuotaUsage used = new QuotaUsage(randomBelow(random, limits.tokenAllowance()),
                    randomBelow(random, limits.apiCallLimit()), randomBelow(random, limits.conversationLimit()),
                    random.nextInt(10));
            AccountQuotas quotas = AccountQuotas.of(PERIOD, LimitPolicy.HARD, limits, used, LiveHolds.NONE);
            for (int i = 0; i < 60; i++) {
                Hold hold = randomHold(random, limits);
                HoldDecision decision = quotas.decide(hold);
                assertEquals(naiveDecision(quotas, LimitPolicy.HARD, hold), decision);
                if (decision.isGranted()) {
                    quotas = quotas.withHold(hold);
                } else {
                    refusals++;
                }
                for (Quota q : quotas.quotas()) {
                    if (q.metric() != QuotaMetric.INSTANCES) {
                        assertTrue(q.used() + q.reserved() <= q.limit(), () -> q + " after " + hold);
                    }
                }
            }
        }
        assertTrue(refusals > ACCOUNTS, "the seed reaches the limits often: " + refusals);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5L, 77L})
    void underASoftPolicyEveryHoldIsGrantedAndOverLimitMarksExactlyThosePastALimit(long seed) {
        Random random = new Random(seed);
        int overLimit = 0;
        for (int account = 0; account < ACCOUNTS; account++) {
            PlanLimits limits = new PlanLimits(randomCount(random, 100_000), randomCount(random, 200),
                    randomCount(random, 20), randomCount(random, 5), 0);
            QuotaUsage used = new QuotaUsage(randomCount(random, 2 * limits.tokenAllowance()),
                    randomCount(random, 2 * limits.apiCallLimit()), randomCount(random, 2 * limits.conversationLimit()),
                    random.nextInt(10));
            AccountQuotas quotas = AccountQuotas.of(PERIOD, LimitPolicy.SOFT, limits, used, LiveHolds.NONE);
            for (int i = 0; i < 30; i++) {
                Hold hold = randomHold(random, limits);
                HoldDecision decision = quotas.decide(hold);
                assertEquals(naiveDecision(quotas, LimitPolicy.SOFT, hold), decision);
                assertInstanceOf(HoldDecision.Granted.class, decision);
                if (((HoldDecision.Granted) decision).overLimit()) {
                    overLimit++;
                }
                quotas = quotas.withHold(hold);
            }
        }
        assertTrue(overLimit > ACCOUNTS && overLimit < ACCOUNTS * 30, "both kinds occur: " + overLimit);
    }

    // --- the naive rule ---

    /** The rule as the contract words it, in BigIntegers, metric by metric in contract order. */
    private static HoldDecision naiveDecision(AccountQuotas quotas, LimitPolicy policy, Hold hold) {
        long[] asked = {hold.tokens(), hold.requests(), hold.addsConversation() ? 1 : 0, 0};
        for (QuotaMetric metric : QuotaMetric.values()) {
            Quota q = quotas.quota(metric);
            BigInteger after = BigInteger.valueOf(q.used()).add(BigInteger.valueOf(q.reserved()))
                    .add(BigInteger.valueOf(asked[metric.ordinal()]));
            boolean passes = asked[metric.ordinal()] > 0 && after.compareTo(BigInteger.valueOf(q.limit())) > 0;
            if (passes) {
                if (policy == LimitPolicy.SOFT) {
                    return new HoldDecision.Granted(true);
                }
                BigInteger left = BigInteger.valueOf(q.limit()).subtract(BigInteger.valueOf(q.used()))
                        .subtract(BigInteger.valueOf(q.reserved())).max(BigInteger.ZERO);
                return new HoldDecision.Refused(metric, left.longValueExact());
            }
        }
        return new HoldDecision.Granted(false);
    }

    // --- the generator ---

    /** 0 now and then, else up to {@code max}. */
    private static long randomCount(Random random, long max) {
        return random.nextInt(15) == 0 ? 0 : (long) (random.nextDouble() * (max + 1));
    }

    /** Somewhere in {@code [0, bound]}, often at an edge. */
    private static long randomBelow(Random random, long bound) {
        return switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> bound;
            default -> (long) (random.nextDouble() * (bound + 1));
        };
    }

    /** At least 1: sometimes a divisor of r, sometimes more than r, mostly a share of it. */
    private static long randomHoldSize(Random random, long r) {
        if (r == 0) {
            return 1 + random.nextInt(100);
        }
        return switch (random.nextInt(5)) {
            case 0 -> r + 1 + random.nextInt(100);
            case 1 -> {
                long divisor = 1 + random.nextInt(20);
                yield Math.max(1, r / divisor);
            }
            case 2 -> 1 + random.nextInt(3);
            default -> 1 + (long) (random.nextDouble() * r / (1 + random.nextInt(40)));
        };
    }

    private static Hold randomHold(Random random, PlanLimits limits) {
        long tokens = random.nextInt(8) == 0 ? 0 : 1 + (long) (random.nextDouble() * limits.tokenAllowance() / 4);
        long requests = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(5);
        return new Hold(tokens, requests, random.nextInt(3) == 0);
    }
}

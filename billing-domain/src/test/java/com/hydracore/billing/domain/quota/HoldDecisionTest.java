package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.catalog.LimitPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldDecisionTest {

    private static final BillingPeriod PERIOD = BillingPeriod.ofDays(LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 12, 1));
    /** 1000 tokens, 10 calls, 2 conversations, 1 instance. */
    private static final PlanLimits LIMITS = new PlanLimits(1_000, 10, 2, 1, 25);

    private static AccountQuotas account(LimitPolicy policy, QuotaUsage used, LiveHolds held) {
        return AccountQuotas.of(PERIOD, policy, LIMITS, used, held);
    }

    private static AccountQuotas hard(QuotaUsage used, LiveHolds held) {
        return account(LimitPolicy.HARD, used, held);
    }

    private static final HoldDecision GRANTED = new HoldDecision.Granted(false);
    private static final HoldDecision GRANTED_OVER_LIMIT = new HoldDecision.Granted(true);

    // --- hard ---

    @Test
    void underAHardLimitAHoldThatFitsIsGrantedWithinTheLimit() {
        AccountQuotas quotas = hard(new QuotaUsage(600, 4, 1, 1), new LiveHolds(100, 2, 0));

        assertEquals(GRANTED, quotas.decide(new Hold(200, 1, true)));
    }

    @Test
    void aHoldFillingALimitExactlyIsGranted() {
        AccountQuotas quotas = hard(new QuotaUsage(600, 4, 1, 1), new LiveHolds(100, 2, 0));

        assertEquals(GRANTED, quotas.decide(new Hold(300, 4, true)));
    }

    @Test
    void oneTokenTooManyIsRefusedNamingTokensAndWhatRemains() {
        AccountQuotas quotas = hard(new QuotaUsage(600, 4, 1, 1), new LiveHolds(100, 2, 0));

        assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, 300), quotas.decide(new Hold(301, 1, false)));
    }

    @Test
    void remainingInARefusalCountsTheLiveHoldsToo() {
        AccountQuotas quotas = hard(new QuotaUsage(0, 0, 0, 0), new LiveHolds(950, 9, 2));

        assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, 50), quotas.decide(new Hold(51, 0, false)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.API_CALLS, 1), quotas.decide(new Hold(0, 2, false)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.CONVERSATIONS, 0), quotas.decide(new Hold(0, 0, true)));
    }

    @Test
    void whenSeveralMetricsWouldPassTheFirstInContractOrderIsNamed() {
        AccountQuotas full = hard(new QuotaUsage(1_000, 10, 2, 1), LiveHolds.NONE);

        assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, 0), full.decide(new Hold(1, 1, true)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.API_CALLS, 0), full.decide(new Hold(0, 1, true)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.CONVERSATIONS, 0), full.decide(new Hold(0, 0, true)));
    }

    @Test
    void aConversationAlreadyCountedDoesNotPassTheConversationLimit() {
        AccountQuotas quotas = hard(new QuotaUsage(0, 0, 2, 0), LiveHolds.NONE);

        assertEquals(GRANTED, quotas.decide(new Hold(10, 1, false)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.CONVERSATIONS, 0), quotas.decide(new Hold(10, 1, true)));
    }

    @Test
    void instancesPastTheirLimitNeverRefuseAHold() {
        AccountQuotas quotas = hard(new QuotaUsage(0, 0, 0, 5), LiveHolds.NONE);

        assertTrue(quotas.quota(QuotaMetric.INSTANCES).isOverLimit());
        assertEquals(GRANTED, quotas.decide(new Hold(10, 1, true)));
    }

    @Test
    void aHoldOfZeroTokensIsGrantedEvenWhenUsageIsAlreadyPastTheAllowance() {
        AccountQuotas quotas = hard(new QuotaUsage(2_500, 0, 0, 0), LiveHolds.NONE);

        assertEquals(GRANTED, quotas.decide(new Hold(0, 1, false)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, 0), quotas.decide(new Hold(1, 1, false)));
    }

    @Test
    void anEmptyHoldIsAlwaysGranted() {
        AccountQuotas overEverything = hard(new QuotaUsage(5_000, 50, 9, 9), new LiveHolds(5, 5, 5));

        assertEquals(GRANTED, overEverything.decide(new Hold(0, 0, false)));
    }

    @Test
    void zeroLimitsRefuseAnythingAskedOfThem() {
        AccountQuotas none = AccountQuotas.of(PERIOD, LimitPolicy.HARD, new PlanLimits(0, 0, 0, 0, 0),
                QuotaUsage.NONE, LiveHolds.NONE);

        assertEquals(new HoldDecision.Refused(QuotaMetric.API_CALLS, 0), none.decide(new Hold(0, 1, false)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, 0), none.decide(Hold.ofTokens(1)));
        assertEquals(GRANTED, none.decide(new Hold(0, 0, false)));
    }

    // --- soft ---

    @Test
    void underASoftLimitEveryHoldIsGrantedAndOverLimitSaysWhetherItPassesOne() {
        AccountQuotas quotas = account(LimitPolicy.SOFT, new QuotaUsage(600, 4, 1, 1), new LiveHolds(100, 2, 0));

        assertEquals(GRANTED, quotas.decide(new Hold(300, 4, true)));
        assertEquals(GRANTED_OVER_LIMIT, quotas.decide(new Hold(301, 1, false)));
        assertEquals(GRANTED_OVER_LIMIT, quotas.decide(new Hold(0, 5, false)));
        assertEquals(GRANTED_OVER_LIMIT, account(LimitPolicy.SOFT, new QuotaUsage(0, 0, 2, 0), LiveHolds.NONE)
                .decide(new Hold(0, 0, true)));
    }

    @Test
    void underASoftLimitUsageAlreadyPastALimitMarksOnlyHoldsThatAskMoreOfIt() {
        AccountQuotas quotas = account(LimitPolicy.SOFT, new QuotaUsage(2_000, 0, 0, 3), LiveHolds.NONE);

        assertEquals(GRANTED, quotas.decide(new Hold(0, 1, true)));
        assertEquals(GRANTED_OVER_LIMIT, quotas.decide(new Hold(1, 1, true)));
    }

    // --- the decision values ---

    @Test
    void aGrantedDecisionIsGrantedAndARefusedOneIsNot() {
        assertTrue(GRANTED.isGranted());
        assertTrue(GRANTED_OVER_LIMIT.isGranted());
        assertFalse(new HoldDecision.Refused(QuotaMetric.TOKENS, 0).isGranted());
    }

    @Test
    void aRefusalNeedsAMetricAndARemainingOfAtLeastZero() {
        assertThrows(NullPointerException.class, () -> new HoldDecision.Refused(null, 0));
        assertThrows(IllegalArgumentException.class, () -> new HoldDecision.Refused(QuotaMetric.TOKENS, -1));
    }

    @Test
    void theRuleCanBeAskedWithoutAnAccountsQuotas() {
        List<Quota> quotas = List.of(Quota.of(QuotaMetric.TOKENS, 0, 10), Quota.of(QuotaMetric.API_CALLS, 0, 10),
                Quota.of(QuotaMetric.CONVERSATIONS, 0, 10), Quota.of(QuotaMetric.INSTANCES, 0, 10));

        assertEquals(GRANTED, HoldDecision.decide(quotas, LimitPolicy.HARD, Hold.ofTokens(10)));
        assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, 10),
                HoldDecision.decide(quotas, LimitPolicy.HARD, Hold.ofTokens(11)));
        assertEquals(GRANTED_OVER_LIMIT, HoldDecision.decide(quotas, LimitPolicy.SOFT, Hold.ofTokens(11)));
    }
}

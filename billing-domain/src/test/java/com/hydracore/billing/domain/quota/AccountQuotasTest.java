package com.hydracore.billing.domain.quota;

import com.hydracore.billing.domain.catalog.LimitPolicy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountQuotasTest {

    private static final BillingPeriod PERIOD = BillingPeriod.ofDays(LocalDate.of(2026, 11, 1),
            LocalDate.of(2026, 12, 1));
    private static final PlanLimits PRO = new PlanLimits(2_000_000, 100_000, 10_000, 10, 100);

    @Test
    void theFourQuotasComeInContractOrderWithLimitUsageAndHolds() {
        AccountQuotas quotas = AccountQuotas.of(PERIOD, LimitPolicy.HARD, PRO,
                new QuotaUsage(500_000, 1_234, 17, 3), new LiveHolds(1_000, 5, 2));

        assertEquals(PERIOD, quotas.period());
        assertEquals(LimitPolicy.HARD, quotas.policy());
        assertEquals(List.of(
                new Quota(QuotaMetric.TOKENS, 500_000, 1_000, 2_000_000),
                new Quota(QuotaMetric.API_CALLS, 1_234, 5, 100_000),
                new Quota(QuotaMetric.CONVERSATIONS, 17, 2, 10_000),
                new Quota(QuotaMetric.INSTANCES, 3, 0, 10)), quotas.quotas());
        assertEquals(1_499_000, quotas.quota(QuotaMetric.TOKENS).remaining());
        assertEquals(new BigDecimal("25.00"), quotas.quota(QuotaMetric.TOKENS).usedPct());
        assertEquals(new BigDecimal("30.00"), quotas.quota(QuotaMetric.INSTANCES).usedPct());
    }

    @Test
    void anAccountWithNoPlanHasTheDefaultLimitsUnderTheSoftPolicy() {
        AccountQuotas quotas = AccountQuotas.of(PERIOD, LimitPolicy.DEFAULT, PlanLimits.DEFAULTS, QuotaUsage.NONE,
                LiveHolds.NONE);

        assertEquals(LimitPolicy.SOFT, quotas.policy());
        assertEquals(List.of(100_000L, 10_000L, 1_000L, 1L), quotas.quotas().stream().map(Quota::limit).toList());
        assertEquals(List.of(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00")), quotas.quotas().stream().map(Quota::usedPct).toList());
    }

    @Test
    void usedPctOfEachQuotaFollowsTheAllowanceRule() {
        AccountQuotas quotas = AccountQuotas.of(PERIOD, LimitPolicy.SOFT, new PlanLimits(0, 3, 0, 8, 0),
                new QuotaUsage(0, 1, 5, 10), LiveHolds.NONE);

        assertEquals(List.of(new BigDecimal("0.00"), new BigDecimal("33.33"), new BigDecimal("100.00"),
                new BigDecimal("125.00")), quotas.quotas().stream().map(Quota::usedPct).toList());
    }

    @Test
    void aGrantedHoldAddsWhatItAsksToEachReservedButNeverToInstances() {
        AccountQuotas before = AccountQuotas.of(PERIOD, LimitPolicy.HARD, PRO, new QuotaUsage(10, 1, 1, 1),
                new LiveHolds(5, 1, 0));

        AccountQuotas after = before.withHold(new Hold(100, 2, true));

        assertEquals(List.of(105L, 3L, 1L, 0L), after.quotas().stream().map(Quota::reserved).toList());
        assertEquals(before.quotas().stream().map(Quota::used).toList(),
                after.quotas().stream().map(Quota::used).toList());
        assertEquals(List.of(105L, 3L, 0L, 0L),
                before.withHold(new Hold(100, 2, false)).quotas().stream().map(Quota::reserved).toList());
    }

    @Test
    void anAccountsDecisionFollowsItsOwnPolicy() {
        QuotaUsage full = new QuotaUsage(2_000_000, 0, 0, 0);

        assertEquals(new HoldDecision.Refused(QuotaMetric.TOKENS, 0),
                AccountQuotas.of(PERIOD, LimitPolicy.HARD, PRO, full, LiveHolds.NONE).decide(Hold.ofTokens(1)));
        assertEquals(new HoldDecision.Granted(true),
                AccountQuotas.of(PERIOD, LimitPolicy.SOFT, PRO, full, LiveHolds.NONE).decide(Hold.ofTokens(1)));
    }

    @Test
    void quotasOutOfOrderMissingOrHoldingInstancesAreRefused() {
        Quota tokens = Quota.of(QuotaMetric.TOKENS, 0, 1);
        Quota calls = Quota.of(QuotaMetric.API_CALLS, 0, 1);
        Quota conversations = Quota.of(QuotaMetric.CONVERSATIONS, 0, 1);
        Quota instances = Quota.of(QuotaMetric.INSTANCES, 0, 1);

        new AccountQuotas(PERIOD, LimitPolicy.SOFT, List.of(tokens, calls, conversations, instances));
        assertThrows(IllegalArgumentException.class, () -> new AccountQuotas(PERIOD, LimitPolicy.SOFT,
                List.of(calls, tokens, conversations, instances)));
        assertThrows(IllegalArgumentException.class, () -> new AccountQuotas(PERIOD, LimitPolicy.SOFT,
                List.of(tokens, calls, conversations)));
        assertThrows(IllegalArgumentException.class, () -> new AccountQuotas(PERIOD, LimitPolicy.SOFT,
                List.of(tokens, calls, conversations, instances, instances)));
        assertThrows(IllegalArgumentException.class, () -> new AccountQuotas(PERIOD, LimitPolicy.SOFT,
                List.of(tokens, calls, conversations, new Quota(QuotaMetric.INSTANCES, 0, 1, 1))));
        assertThrows(NullPointerException.class, () -> new AccountQuotas(PERIOD, null,
                List.of(tokens, calls, conversations, instances)));
    }
}

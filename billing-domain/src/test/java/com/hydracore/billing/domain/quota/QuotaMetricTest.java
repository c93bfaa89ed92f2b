package com.hydracore.billing.domain.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.domain.catalog.PlanLimits;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QuotaMetricTest {

    @Test
    void theMetricsComeInTheContractsOrderWithItsNames() {
        assertEquals(List.of("tokens", "api_calls", "conversations", "instances"),
                Arrays.stream(QuotaMetric.values()).map(QuotaMetric::wireName).toList());
    }

    @Test
    void eachWireNameFindsItsMetricAndNothingElseDoes() {
        for (QuotaMetric metric : QuotaMetric.values()) {
            assertEquals(Optional.of(metric), QuotaMetric.fromWireName(metric.wireName()));
        }
        assertEquals(Optional.empty(), QuotaMetric.fromWireName("API_CALLS"));
        assertEquals(Optional.empty(), QuotaMetric.fromWireName("sites"));
    }

    @Test
    void eachMetricIsBoundedByItsOwnPlanLimit() {
        PlanLimits limits = new PlanLimits(2_000_000, 100_000, 10_000, 10, 100);

        assertEquals(2_000_000, QuotaMetric.TOKENS.limitOf(limits));
        assertEquals(100_000, QuotaMetric.API_CALLS.limitOf(limits));
        assertEquals(10_000, QuotaMetric.CONVERSATIONS.limitOf(limits));
        assertEquals(10, QuotaMetric.INSTANCES.limitOf(limits));
    }
}

package com.hydracore.billing.domain.quota;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class HoldTest {

    private static final long TRILLION = 1_000_000_000_000L;

    @Test
    void requestsDefaultToOneCall() {
        assertEquals(new Hold(500, 1, false), Hold.of(500, null, false));
        assertEquals(new Hold(500, 1, false), Hold.ofTokens(500));
        assertEquals(new Hold(500, 0, true), Hold.of(500, 0L, true));
    }

    @Test
    void countsFromZeroToOneTrillionAreAccepted() {
        new Hold(0, 0, false);
        new Hold(TRILLION, TRILLION, true);
    }

    @Test
    void countsOutsideTheirRangeAreAllReportedAtTheirFields() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Hold(-1, TRILLION + 1, false));

        assertEquals(List.of(
                new Violation(List.of("tokens"), Violation.GREATER_THAN_EQUAL,
                        "Input should be greater than or equal to 0", -1L),
                new Violation(List.of("requests"), Violation.LESS_THAN_EQUAL,
                        "Input should be less than or equal to 1000000000000", TRILLION + 1)), e.violations());
    }

    @Test
    void aHoldAsksItsTokensItsRequestsAtMostOneConversationAndNoInstance() {
        Hold hold = new Hold(1_200, 3, true);

        assertEquals(1_200, hold.requested(QuotaMetric.TOKENS));
        assertEquals(3, hold.requested(QuotaMetric.API_CALLS));
        assertEquals(1, hold.requested(QuotaMetric.CONVERSATIONS));
        assertEquals(0, hold.requested(QuotaMetric.INSTANCES));
        assertEquals(0, new Hold(1_200, 3, false).requested(QuotaMetric.CONVERSATIONS));
    }
}

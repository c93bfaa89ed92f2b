package com.hydracore.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageEventTest {

    private static UsageEvent event(String account, String eventId, long tokens, String occurredAt) {
        return new UsageEvent(account, eventId, "inst-1", Instant.parse(occurredAt), tokens, 1, Money.ZERO, null, null);
    }

    @Test
    void theSameEventIdInTheSameAccountIsTheSameEventWhateverThePayload() {
        UsageEvent first = event("acct-1", "evt-1", 10, "2026-11-24T09:30:00Z");

        assertTrue(first.sameKeyAs(event("acct-1", "evt-1", 999, "2026-11-20T00:00:00Z")));
        assertFalse(first.sameKeyAs(event("acct-2", "evt-1", 10, "2026-11-24T09:30:00Z")));
        assertFalse(first.sameKeyAs(event("acct-1", "evt-2", 10, "2026-11-24T09:30:00Z")));
    }

    @Test
    void anEventCountsTowardsTheUtcDayItOccurredOn() {
        assertEquals(LocalDate.of(2026, 11, 24), event("a", "e", 1, "2026-11-24T23:59:59.999Z").utcDay());
        assertEquals(LocalDate.of(2026, 11, 25), event("a", "e", 1, "2026-11-25T00:00:00Z").utcDay());
    }

    @Test
    void anEventCostMayNotExceedOneMillionDollars() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new UsageEvent("acct-1", "evt-1",
                "inst-1", Instant.EPOCH, 0, 0, Money.parse("1000000.000001"), null, null));

        assertEquals(List.of(new Violation(List.of("cost_usd"), Violation.LESS_THAN_EQUAL,
                "Input should be less than or equal to 1000000", "1000000.000001")), e.violations());
        assertEquals(Money.parse("1000000"), UsageEvent.MAX_COST);
    }
}

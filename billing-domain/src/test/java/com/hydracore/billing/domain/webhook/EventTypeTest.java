package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void theThreeTypesHaveTheContractsNamesInItsOrder() {
        assertEquals(List.of("usage.threshold_reached", "trial.will_end", "trial.expired"),
                EventType.all().stream().map(EventType::wireName).toList());
    }

    @Test
    void wireNamesAreMatchedExactly() {
        assertEquals(Optional.of(EventType.TRIAL_EXPIRED), EventType.fromWireName("trial.expired"));
        assertEquals(Optional.empty(), EventType.fromWireName("Trial.Expired"));
        assertEquals(Optional.empty(), EventType.fromWireName("trial.expired "));
        assertEquals(Optional.empty(), EventType.fromWireName("TRIAL_EXPIRED"));
    }

    @Test
    void aRefusalListsTheNamesAsPydanticDoes() {
        assertEquals("'usage.threshold_reached', 'trial.will_end' or 'trial.expired'", EventType.expected());
    }
}

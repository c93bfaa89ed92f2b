package com.hydracore.billing.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.application.port.in.RecordUsage.RecordUsageCommand;
import com.hydracore.billing.application.testing.InMemoryBilling;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.usage.EventWindow;
import com.hydracore.billing.domain.usage.UsageEventDraft;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A repeated event changes nothing, whatever its payload — not even the inventory. */
class DuplicateEventRegistrationTest {

    private final MutableClock clock = MutableClock.at("2026-11-24T09:30:00Z");
    private final InMemoryBilling app = new InMemoryBilling(clock);

    private static UsageEventDraft event(String eventId, String instanceId) {
        return new UsageEventDraft("acct", eventId, instanceId, Instant.parse("2026-11-24T09:00:00Z"), 10L, 1L, "0",
                null, null);
    }

    @Test
    void aDuplicateNamingAnotherInstanceDoesNotRegisterThatInstance() {
        app.recorder.record(RecordUsageCommand.of(List.of(event("e1", "bot-a"))));

        app.recorder.record(RecordUsageCommand.of(List.of(event("e1", "bot-b"))));

        assertEquals(List.of("bot-a"), app.inventory.instances("acct").stream().map(Instance::instanceId).toList());
    }

    @Test
    void aRetriedBatchStillRegistersTheInstancesOfItsStoredEvents() {
        // A crash between the append and the registration: the event is stored, its instance is not known.
        app.ledger.append(List.of(event("e1", "bot-a").toEvent(clock.instant(), EventWindow.DEFAULT)));

        app.recorder.record(RecordUsageCommand.of(List.of(event("e1", "bot-a"), event("e2", "bot-c"))));

        assertEquals(List.of("bot-a", "bot-c"),
                app.inventory.instances("acct").stream().map(Instance::instanceId).toList());
    }
}

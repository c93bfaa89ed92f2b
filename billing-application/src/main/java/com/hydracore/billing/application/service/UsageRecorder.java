package com.hydracore.billing.application.service;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.port.in.RecordUsage;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.domain.usage.UsageBatch;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Clock;
import java.util.List;

/** Validates a whole batch against the contract, then hands it to the ledger in one all-or-nothing append. */
public final class UsageRecorder implements RecordUsage {

    private final UsageLedger ledger;
    private final Inventory inventory;
    private final BillingSettings settings;
    private final Clock clock;

    /** Wires the recorder to its ports. */
    public UsageRecorder(UsageLedger ledger, Inventory inventory, BillingSettings settings, Clock clock) {
        this.ledger = ledger;
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Recorded record(RecordUsageCommand command) {
        List<UsageEvent> events = UsageBatch.toEvents(command.events(), clock.instant(), settings.eventWindow());
        AppendResult result = ledger.append(events);
        // After the append, so a failed append registers nothing.
        registerInstances(result);
        return new Recorded(result.accepted(), result.duplicates());
    }

    // The ledger names the instances its stored usage is under, a duplicate's stored original included: a duplicate
    // changes nothing whatever its payload, so the instance it names itself is not registered, while a batch retried
    // after a crash between the append and this call still registers what the first attempt stored.
    private void registerInstances(AppendResult result) {
        if (!result.instances().isEmpty()) {
            inventory.registerDiscovered(result.instances());
        }
    }
}

package com.hydracore.billing.application.service;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.port.in.RecordUsage;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
        List<UsageEvent> events = validate(command);
        AppendResult result = ledger.append(events);
        // After the append, so a failed append registers nothing.
        registerInstances(result);
        return new Recorded(result.accepted(), result.duplicates());
    }

    private List<UsageEvent> validate(RecordUsageCommand command) {
        Checks checks = new Checks();
        checks.addAll(command.decodingProblems());
        int size = command.events().size();
        if (size < MIN_BATCH) {
            addUnlessDecodingSaidSo(checks, command, Violation.of("events", Violation.TOO_SHORT,
                    "List should have at least " + MIN_BATCH + " item after validation, not " + size, List.of()));
        } else if (size > MAX_BATCH) {
            addUnlessDecodingSaidSo(checks, command, Violation.of("events", Violation.TOO_LONG,
                    "List should have at most " + MAX_BATCH + " items after validation, not " + size, null));
        }
        Instant now = clock.instant();
        List<UsageEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            try {
                events.add(command.events().get(i).toEvent(now, settings.eventWindow()));
            } catch (InvalidInputException e) {
                e.under("events", i).violations().forEach(v -> addUnlessDecodingSaidSo(checks, command, v));
            }
        }
        if (!checks.isEmpty()) {
            throw new InvalidInputException(inEventOrder(checks.violations()));
        }
        return events;
    }

    // Problems of the batch first, then each event's problems together in event order, whichever layer found them.
    private static List<Violation> inEventOrder(List<Violation> violations) {
        List<Violation> sorted = new ArrayList<>(violations);
        sorted.sort(java.util.Comparator.comparingInt(UsageRecorder::eventIndex));
        return sorted;
    }

    private static int eventIndex(Violation v) {
        List<Object> path = v.path();
        return path.size() > 1 && "events".equals(path.get(0)) && path.get(1) instanceof Integer i ? i : -1;
    }

    // A decoding problem at a path explains everything at or below it: "events" that was not a list is one problem,
    // not also a too-short list; an event that was not an object is one problem, not one per missing field.
    private static void addUnlessDecodingSaidSo(Checks checks, RecordUsageCommand command, Violation v) {
        boolean explained = command.decodingProblems().stream().anyMatch(p -> startsWith(v.path(), p.path()));
        if (!explained) {
            checks.add(v);
        }
    }

    private static boolean startsWith(List<Object> path, List<Object> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
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

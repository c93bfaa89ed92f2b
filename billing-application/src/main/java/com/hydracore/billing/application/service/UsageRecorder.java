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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    public AppendResult record(RecordUsageCommand command) {
        List<UsageEvent> events = validate(command);
        AppendResult result = ledger.append(events);
        // After the append, so a failed append registers nothing. A retried batch re-registers its instances, which
        // repairs a registration lost to a crash between the two steps; but a duplicate whose payload names another
        // instance must change nothing, so with duplicates only instances that really have stored usage count.
        registerInstances(result.duplicates() == 0 ? events : withStoredUsage(events));
        return result;
    }

    private List<UsageEvent> validate(RecordUsageCommand command) {
        Checks checks = new Checks();
        checks.addAll(command.decodingProblems());
        int size = command.events().size();
        if (size < MIN_BATCH) {
            checks.add(Violation.of("events", Violation.TOO_SHORT,
                    "List should have at least " + MIN_BATCH + " item after validation, not " + size, List.of()));
        } else if (size > MAX_BATCH) {
            checks.add(Violation.of("events", Violation.TOO_LONG,
                    "List should have at most " + MAX_BATCH + " items after validation, not " + size, null));
        }
        Instant now = clock.instant();
        List<UsageEvent> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            try {
                events.add(command.events().get(i).toEvent(now, settings.eventWindow()));
            } catch (InvalidInputException e) {
                for (Violation v : e.under("events", i).violations()) {
                    if (command.decodingProblems().stream().noneMatch(p -> p.path().equals(v.path()))) {
                        checks.add(v);
                    }
                }
            }
        }
        checks.throwIfAny();
        return events;
    }

    private List<UsageEvent> withStoredUsage(List<UsageEvent> events) {
        Map<List<Object>, Boolean> stored = new HashMap<>();
        List<UsageEvent> kept = new ArrayList<>();
        for (UsageEvent e : events) {
            boolean has = stored.computeIfAbsent(List.of(e.accountId(), e.instanceId(), e.utcDay()), key -> !ledger
                    .daily(e.accountId(), e.utcDay(), e.utcDay(), Optional.of(e.instanceId())).isEmpty());
            if (has) {
                kept.add(e);
            }
        }
        return kept;
    }

    private void registerInstances(List<UsageEvent> events) {
        Map<String, Set<String>> byAccount = new LinkedHashMap<>();
        for (UsageEvent e : events) {
            byAccount.computeIfAbsent(e.accountId(), a -> new LinkedHashSet<>()).add(e.instanceId());
        }
        byAccount.forEach(inventory::registerDiscovered);
    }
}

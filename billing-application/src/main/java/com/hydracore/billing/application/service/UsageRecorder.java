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
import java.time.LocalDate;
import java.util.ArrayList;
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
        // After the append, so a failed append registers nothing.
        registerInstances(events, result);
        return result;
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

    private void registerInstances(List<UsageEvent> events, AppendResult result) {
        Map<String, Map<String, DaySpan>> byAccount = new LinkedHashMap<>();
        for (UsageEvent e : events) {
            byAccount.computeIfAbsent(e.accountId(), a -> new LinkedHashMap<>())
                    .merge(e.instanceId(), new DaySpan(e.utcDay(), e.utcDay()), DaySpan::union);
        }
        byAccount.forEach((accountId, instances) -> {
            Set<String> known = result.duplicates() == 0 ? Set.of() : knownInstances(accountId);
            Set<String> used = new LinkedHashSet<>();
            instances.forEach((instanceId, days) -> {
                // A duplicate changes nothing, whatever its payload: it must not register the instance it names
                // unless the ledger holds usage of that instance. Asking the ledger (rather than skipping
                // duplicates) also lets a retried batch repair a registration lost to a crash after the append.
                // Instances already known need no question, which keeps batches with duplicates cheap.
                if (result.duplicates() == 0 || (!known.contains(instanceId) && !ledger.daily(accountId, days.first(),
                        days.last(), Optional.of(instanceId)).isEmpty())) {
                    used.add(instanceId);
                }
            });
            if (!used.isEmpty()) {
                inventory.registerDiscovered(accountId, used);
            }
        });
    }

    private Set<String> knownInstances(String accountId) {
        Set<String> ids = new java.util.HashSet<>();
        inventory.instances(accountId).forEach(i -> ids.add(i.instanceId()));
        return ids;
    }

    /** The UTC days a batch's events of one instance fall on. */
    private record DaySpan(LocalDate first, LocalDate last) {
        DaySpan union(DaySpan other) {
            return new DaySpan(first.isBefore(other.first) ? first : other.first,
                    last.isAfter(other.last) ? last : other.last);
        }
    }
}

package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of a batch of usage events as a whole, as the contract's {@code events} list: it holds
 * {@value #MIN_EVENTS} to {@value #MAX_EVENTS} events, and it is taken all or nothing.
 */
public final class UsageBatch {

    /** Fewest events in one batch. */
    public static final int MIN_EVENTS = 1;
    /** Most events in one batch. */
    public static final int MAX_EVENTS = 1000;

    private UsageBatch() {
    }

    /**
     * The problem with a batch of {@code size} events, at {@code ["events"]}, when it holds too few or too many; an
     * adapter may ask before decoding the events, so that an oversized batch costs no per-event work.
     */
    public static Optional<Violation> sizeProblem(int size) {
        if (size < MIN_EVENTS) {
            return Optional.of(Violation.of("events", Violation.TOO_SHORT, "List should have at least " + MIN_EVENTS
                    + " item after validation, not " + size, List.of()));
        }
        if (size > MAX_EVENTS) {
            return Optional.of(Violation.of("events", Violation.TOO_LONG, "List should have at most " + MAX_EVENTS
                    + " items after validation, not " + size, null));
        }
        return Optional.empty();
    }

    /**
     * Checks every draft at {@code now} and returns the events, in order, or none.
     *
     * @throws InvalidInputException listing every problem of the batch: its size alone when it holds too few or too
     *     many events, else each event's at {@code ["events", index, field]}, event by event
     */
    public static List<UsageEvent> toEvents(List<UsageEventDraft> drafts, Instant now, EventWindow window) {
        sizeProblem(drafts.size()).ifPresent(problem -> {
            throw InvalidInputException.of(problem);
        });
        Checks checks = new Checks();
        List<UsageEvent> events = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            try {
                events.add(drafts.get(i).toEvent(now, window));
            } catch (InvalidInputException e) {
                checks.addAll(e.under("events", i).violations());
            }
        }
        checks.throwIfAny();
        return events;
    }
}

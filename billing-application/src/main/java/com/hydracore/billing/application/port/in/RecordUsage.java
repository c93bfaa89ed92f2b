package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.usage.UsageEventDraft;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;

/** "Record what the LLM router measured": a batch of usage events, all or nothing, idempotent. */
public interface RecordUsage {

    /** Fewest events in one batch. */
    int MIN_BATCH = 1;
    /** Most events in one batch. */
    int MAX_BATCH = 1000;

    /**
     * Validates the whole batch and stores it, or stores nothing.
     *
     * @return how many events were new and how many the ledger already had
     * @throws com.hydracore.billing.domain.validation.InvalidInputException listing every problem, located as
     *     {@code ["events", index, field]}
     */
    Recorded record(RecordUsageCommand command);

    /**
     * What recording a batch did.
     *
     * @param accepted   events stored by this batch
     * @param duplicates events already stored, or repeated earlier in the batch; {@code accepted + duplicates} is the
     *                   batch's size
     */
    record Recorded(int accepted, int duplicates) {

        /** Refuses negative counts. */
        public Recorded {
            if (accepted < 0 || duplicates < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
        }
    }

    /**
     * A batch as decoded from the wire.
     *
     * @param events           the events, any field possibly missing (an event that could not be decoded at all
     *                         is an all-null draft)
     * @param decodingProblems problems the adapter met while decoding (a string where a number belongs...), located
     *                         as {@code ["events", index, field]} with an {@code Integer} index, or
     *                         {@code ["events", index]} / {@code ["events"]}; nothing at or below a path listed here
     *                         is reported again
     */
    record RecordUsageCommand(List<UsageEventDraft> events, List<Violation> decodingProblems) {

        /** Freezes both lists. */
        public RecordUsageCommand {
            events = List.copyOf(events);
            decodingProblems = List.copyOf(decodingProblems);
        }

        /** A batch with no decoding problems. */
        public static RecordUsageCommand of(List<UsageEventDraft> events) {
            return new RecordUsageCommand(events, List.of());
        }
    }
}

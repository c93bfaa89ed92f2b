package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.usage.UsageBatch;
import com.hydracore.billing.domain.usage.UsageEventDraft;
import java.util.List;

/** "Record what the LLM router measured": a batch of usage events, all or nothing, idempotent. */
public interface RecordUsage {

    /** Fewest events in one batch. */
    int MIN_BATCH = UsageBatch.MIN_EVENTS;
    /** Most events in one batch. */
    int MAX_BATCH = UsageBatch.MAX_EVENTS;

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
     * @param events the events, any field possibly missing, each carrying what could not be decoded (see
     *               {@link UsageEventDraft#decodingProblems()}); problems of the batch as a whole, such as
     *               {@code events} not being a list, are the adapter's to answer
     */
    record RecordUsageCommand(List<UsageEventDraft> events) {

        /** Freezes the list. */
        public RecordUsageCommand {
            events = List.copyOf(events);
        }

        /** A batch of {@code events}. */
        public static RecordUsageCommand of(List<UsageEventDraft> events) {
            return new RecordUsageCommand(events);
        }
    }
}

package com.hydracore.billing.domain.usage;

import java.util.Comparator;
import java.util.Objects;

/**
 * One row of {@code by_model}: the usage of one model in a period; events without a model are summed under a
 * {@code null} model.
 *
 * @param model    the model, or {@code null} for events that named none
 * @param measures what it used
 */
public record ModelUsage(String model, UsageMeasures measures) {

    /** The contract's order: {@code total_tokens} descending, then {@code model} ascending, {@code null} last. */
    public static final Comparator<ModelUsage> ORDER = Comparator
            .comparingLong((ModelUsage m) -> m.measures().tokens()).reversed()
            .thenComparing(ModelUsage::model, Comparator.nullsLast(Comparator.naturalOrder()));

    /** Requires the measures. */
    public ModelUsage {
        Objects.requireNonNull(measures, "measures");
    }
}

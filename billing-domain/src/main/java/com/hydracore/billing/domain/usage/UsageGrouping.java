package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;

/** How an export groups its rows (API §5 {@code group_by}): by day, or by day and instance, or by day and model. */
public enum UsageGrouping {
    /** One row per day of the range, zero-filled. */
    DAY("day"),
    /** One row per day and instance with usage that day. */
    DAY_INSTANCE("day,instance"),
    /** One row per day and model with usage that day; events without a model under a {@code null} model. */
    DAY_MODEL("day,model");

    private final String wireName;

    UsageGrouping(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code group_by} value. */
    public String wireName() {
        return wireName;
    }

    /** Whether rows carry a key besides the date. */
    public boolean isGrouped() {
        return this != DAY;
    }

    /**
     * The grouping a {@code group_by} parameter names: {@link #DAY} when absent.
     *
     * @throws InvalidInputException at {@code group_by} for anything else than the three values
     */
    public static UsageGrouping parse(String text) {
        if (text == null) {
            return DAY;
        }
        for (UsageGrouping grouping : values()) {
            if (grouping.wireName.equals(text)) {
                return grouping;
            }
        }
        throw InvalidInputException.of(Violation.of("group_by", "literal_error",
                "Input should be 'day', 'day,instance' or 'day,model'", text));
    }
}

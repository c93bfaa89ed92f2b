package com.hydracore.billing.domain.catalog;

import java.util.Arrays;
import java.util.Optional;

/** How often a tier is billed; periods are anniversary periods of this length. */
public enum BillingCycle {
    /** Every calendar month from the anchor date. */
    MONTHLY("monthly", 1),
    /** Every twelve months from the anchor date. */
    YEARLY("yearly", 12);

    private final String wireName;
    private final int months;

    BillingCycle(String wireName, int months) {
        this.wireName = wireName;
        this.months = months;
    }

    /** The contract's name: {@code monthly} or {@code yearly}. */
    public String wireName() {
        return wireName;
    }

    /** Length of one period in months. */
    public int months() {
        return months;
    }

    /** The cycle with this wire name, if any. */
    public static Optional<BillingCycle> fromWireName(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }
}

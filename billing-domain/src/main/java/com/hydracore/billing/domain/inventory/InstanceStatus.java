package com.hydracore.billing.domain.inventory;

import java.util.Arrays;
import java.util.Optional;

/** Lifecycle of an agent instance as the platform's inventory records it. */
public enum InstanceStatus {
    /** Running; counts towards {@code active_instances}. */
    ACTIVE("active"),
    /** Stopped but kept. */
    STOPPED("stopped"),
    /** Removed; its past usage still counts. */
    DELETED("deleted");

    private final String wireName;

    InstanceStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name. */
    public String wireName() {
        return wireName;
    }

    /** The status with this wire name, if any. */
    public static Optional<InstanceStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}

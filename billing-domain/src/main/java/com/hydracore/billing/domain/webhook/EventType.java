package com.hydracore.billing.domain.webhook;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a webhook message tells its receiver (API §8), in the contract's order. */
public enum EventType {
    /** Accepted usage made a metric reach a threshold of its limit for the first time in a period. */
    USAGE_THRESHOLD_REACHED("usage.threshold_reached"),
    /** A trialing subscription came within the configured number of days of its trial end. */
    TRIAL_WILL_END("trial.will_end"),
    /** A trial ended without activation. */
    TRIAL_EXPIRED("trial.expired");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name, e.g. {@code trial.will_end}: the body's {@code type} and an endpoint's event types. */
    public String wireName() {
        return wireName;
    }

    /** The type with this wire name (exact, case-sensitive), if any. */
    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    /** Every type: what an endpoint receives when its body names none. */
    public static Set<EventType> all() {
        return Collections.unmodifiableSet(EnumSet.allOf(EventType.class));
    }

    /** The wire names, quoted and joined as a refusal message lists them: {@code 'a', 'b' or 'c'}. */
    static String expected() {
        String[] quoted = Arrays.stream(values()).map(t -> "'" + t.wireName + "'").toArray(String[]::new);
        return Arrays.stream(quoted, 0, quoted.length - 1).collect(Collectors.joining(", "))
                + " or " + quoted[quoted.length - 1];
    }
}

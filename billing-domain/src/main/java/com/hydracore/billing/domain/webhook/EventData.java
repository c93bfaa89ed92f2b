package com.hydracore.billing.domain.webhook;

import java.util.List;
import java.util.Map;

/**
 * What one event says: its type, what makes it unique, and its {@code data} object. Implemented by each event's
 * record (e.g. {@code com.hydracore.billing.domain.alert.ThresholdReached}).
 */
public interface EventData {

    /** The event's type. */
    EventType type();

    /**
     * What identifies the event among all events of its type: two events with equal identities are the same event,
     * created once (e.g. account, metric, threshold and period start for a threshold). Strings, integers and
     * instants only.
     */
    List<Object> identity();

    /**
     * The {@code data} object's fields in the order the contract lists them; values are strings, integers,
     * booleans, instants (written as RFC 3339 UTC seconds) or {@code null}.
     */
    Map<String, Object> fields();
}

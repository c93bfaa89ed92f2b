package com.hydracore.billing.bootstrap.benchmark;

import java.time.Instant;

/** The raw usage-event table as the floor measurement writes it; must follow the persistence migrations. */
final class FloorTable {

    static final String RAW_TABLE = "usage_event";
    static final String COLUMNS = "account_id, event_id, instance_id, occurred_at, tokens, requests, cost_micros, "
            + "end_user_id";

    private FloorTable() {
    }

    static String row(String account, String eventId, String instance, Instant at, long tokens, long requests,
                      long costMicros, String endUser) {
        return String.join(",", account, eventId, instance, at.toString(), String.valueOf(tokens),
                String.valueOf(requests), String.valueOf(costMicros), endUser);
    }
}

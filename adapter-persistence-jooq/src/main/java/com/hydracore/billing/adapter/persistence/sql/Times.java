package com.hydracore.billing.adapter.persistence.sql;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Instants in and out of {@code TIMESTAMP WITH TIME ZONE} columns, always as UTC. */
public final class Times {

    private Times() {
    }

    /**
     * The column value for {@code instant}. Both databases keep microseconds; truncating here, rather than letting
     * each round its own way, makes PostgreSQL and H2 store the same value.
     */
    public static OffsetDateTime toDb(Instant instant) {
        if (instant == null) {
            return null;
        }
        // Not instant.atOffset(UTC): that asks the offset for its rules, a new ZoneRules on every call (one per
        // event written).
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(micros.getEpochSecond(), micros.getNano(), ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    /** The instant a column holds; the session's time zone only changes the offset it is shown in. */
    public static Instant fromDb(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}

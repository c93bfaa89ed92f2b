package com.hydracore.billing.domain.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A half-open billing period {@code [start, end)} made of whole UTC days.
 *
 * @param start first instant of the period, at 00:00:00Z
 * @param end   first instant after the period (exclusive), at 00:00:00Z, after {@code start}
 */
public record BillingPeriod(Instant start, Instant end) {

    /** Refuses an empty or reversed period and boundaries that are not UTC midnights. */
    public BillingPeriod {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("period end " + end + " must be after start " + start);
        }
        if (start.getEpochSecond() % 86_400 != 0 || end.getEpochSecond() % 86_400 != 0 || start.getNano() != 0
                || end.getNano() != 0) {
            throw new IllegalArgumentException("period boundaries must be UTC midnights: " + start + ", " + end);
        }
    }

    /** The period covering the UTC days {@code [firstDay, endDay)}. */
    public static BillingPeriod ofDays(LocalDate firstDay, LocalDate endDayExclusive) {
        return new BillingPeriod(firstDay.atStartOfDay().toInstant(ZoneOffset.UTC),
                endDayExclusive.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** Whether {@code instant} falls inside {@code [start, end)}. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** The first UTC day of the period. */
    public LocalDate firstDay() {
        return LocalDate.ofInstant(start, ZoneOffset.UTC);
    }

    /** The UTC day just after the period (exclusive bound). */
    public LocalDate endDay() {
        return LocalDate.ofInstant(end, ZoneOffset.UTC);
    }
}

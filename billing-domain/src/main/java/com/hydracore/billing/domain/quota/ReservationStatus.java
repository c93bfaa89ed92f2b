package com.hydracore.billing.domain.quota;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/** Where a reservation stands at a given instant; derived from its stored facts and the clock, never stored. */
public enum ReservationStatus {
    /** Live: it counts against the quotas. */
    HELD("held"),
    /** Ended by the first accepted usage event naming it; that event's usage counts instead. */
    SETTLED("settled"),
    /** Ended by a release. */
    RELEASED("released"),
    /** Ended by its clock: {@code expires_at} came while it was still held. */
    EXPIRED("expired");

    private final String wireName;

    ReservationStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name, e.g. {@code held}. */
    public String wireName() {
        return wireName;
    }

    /** The status with this wire name, if any. */
    public static Optional<ReservationStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    /** Whether a reservation in this status counts against the quotas (only {@link #HELD}). */
    public boolean isLive() {
        return this == HELD;
    }

    /**
     * The status at {@code now} of a reservation with these facts. A settlement or release counts from its instant
     * on (reading an earlier {@code now} ignores it); otherwise the hold is live over {@code [created, expiresAt)} and
     * expired from {@code expiresAt} on, with no job needed to stop it counting.
     *
     * @param expiresAt  when the hold stops counting by itself
     * @param settledAt  when a usage event settled it, or {@code null}
     * @param releasedAt when it was released, or {@code null}
     * @param now        the instant asked about
     * @throws IllegalArgumentException when both ends are recorded, or an end is not before {@code expiresAt}: a
     *     reservation ends once, and only while it is held
     */
    public static ReservationStatus of(Instant expiresAt, Instant settledAt, Instant releasedAt, Instant now) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(now, "now");
        if (settledAt != null && releasedAt != null) {
            throw new IllegalArgumentException("a reservation is settled or released, not both");
        }
        Instant ended = settledAt != null ? settledAt : releasedAt;
        if (ended != null && !ended.isBefore(expiresAt)) {
            throw new IllegalArgumentException("a reservation cannot end at " + ended + ", once it expired at "
                    + expiresAt);
        }
        if (ended != null && !ended.isAfter(now)) {
            return settledAt != null ? SETTLED : RELEASED;
        }
        return now.isBefore(expiresAt) ? HELD : EXPIRED;
    }
}

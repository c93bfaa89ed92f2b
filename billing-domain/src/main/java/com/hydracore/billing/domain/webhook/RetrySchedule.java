package com.hydracore.billing.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a message that was not delivered is tried again ({@code BILLING_WEBHOOK_RETRY_SCHEDULE}): the delays after the
 * first attempt, the second, and so on; after the attempt that follows the last delay, the delivery has
 * {@code failed}. A schedule of n delays makes at most n + 1 attempts; an empty one makes exactly one.
 *
 * @param delays the delay after each failed attempt, each {@value #MIN_DELAY_SECONDS} s to {@value #MAX_DELAY_SECONDS}
 *               s, at most {@value #MAX_RETRIES} of them
 */
public record RetrySchedule(List<Duration> delays) {

    /** The contract's default: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, 12 h (about 28 hours in all). */
    public static final RetrySchedule DEFAULT = parse("5,30,120,600,1800,3600,7200,14400,28800,43200");

    /** Shortest delay. */
    public static final long MIN_DELAY_SECONDS = 1;
    /** Longest delay: one week. */
    public static final long MAX_DELAY_SECONDS = 7 * 86_400;
    /** Most retries. */
    public static final int MAX_RETRIES = 100;

    /** Refuses delays out of range and too many of them; freezes the list. */
    public RetrySchedule {
        Objects.requireNonNull(delays, "delays");
        delays = List.copyOf(delays);
        if (delays.size() > MAX_RETRIES) {
            throw new IllegalArgumentException("at most " + MAX_RETRIES + " retries, not " + delays.size());
        }
        for (Duration delay : delays) {
            if (delay.compareTo(Duration.ofSeconds(MIN_DELAY_SECONDS)) < 0
                    || delay.compareTo(Duration.ofSeconds(MAX_DELAY_SECONDS)) > 0) {
                throw new IllegalArgumentException("a retry delay is " + MIN_DELAY_SECONDS + " to "
                        + MAX_DELAY_SECONDS + " seconds, not " + delay.toSeconds());
            }
        }
    }

    /**
     * The schedule written as whole seconds separated by commas, e.g. {@code "5,30,120"} (spaces around a number are
     * ignored); a blank text means no retry at all.
     *
     * @throws IllegalArgumentException naming the item that is not a whole number of seconds in range
     */
    public static RetrySchedule parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return new RetrySchedule(List.of());
        }
        List<Duration> delays = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String trimmed = item.strip();
            long seconds;
            try {
                seconds = Long.parseLong(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("retry schedule: '" + trimmed
                        + "' is not a whole number of seconds (expected e.g. 5,30,120)", e);
            }
            if (seconds < MIN_DELAY_SECONDS || seconds > MAX_DELAY_SECONDS) {
                throw new IllegalArgumentException("retry schedule: each delay is " + MIN_DELAY_SECONDS + " to "
                        + MAX_DELAY_SECONDS + " seconds, not " + seconds);
            }
            delays.add(Duration.ofSeconds(seconds));
        }
        return new RetrySchedule(delays);
    }

    /** The most attempts a message gets: the first and one per delay. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /**
     * When to try again after attempt number {@code attempt} (1 for the first) failed at {@code failedAt}: that
     * instant plus the attempt's delay; empty when it was the last attempt, so the delivery has failed.
     *
     * @throws IllegalArgumentException when {@code attempt} is below 1
     */
    public Optional<Instant> nextAttempt(int attempt, Instant failedAt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are counted from 1, not " + attempt);
        }
        Objects.requireNonNull(failedAt, "failedAt");
        return attempt > delays.size() ? Optional.empty() : Optional.of(failedAt.plus(delays.get(attempt - 1)));
    }

    /** The schedule as it is configured: seconds separated by commas. */
    public String text() {
        return String.join(",", delays.stream().map(d -> Long.toString(d.toSeconds())).toList());
    }
}

package com.hydracore.billing.application;

import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.alert.TrialEvents;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import com.hydracore.billing.domain.webhook.RetrySchedule;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The configurable rules of webhooks and alerts (API §8).
 *
 * @param retrySchedule      delays between attempts ({@code BILLING_WEBHOOK_RETRY_SCHEDULE})
 * @param thresholds         usage alert thresholds ({@code BILLING_ALERT_THRESHOLDS})
 * @param trialEvents        the trial events' rule, with its warning window ({@code BILLING_TRIAL_WILL_END_DAYS})
 * @param addressPolicy      which targets may be sent to ({@code BILLING_WEBHOOK_ALLOW_PRIVATE})
 * @param sendTimeout        how long one attempt may take before it counts as failed (the contract's 10 s)
 * @param claimLease         how long a dispatcher holds the deliveries it claimed: longer than a send, with room
 *                           for the replicas' clocks to disagree
 * @param schedulerInterval  how often the trial scheduler and the dispatcher run ({@code BILLING_SCHEDULER_SECONDS})
 */
public record WebhookSettings(RetrySchedule retrySchedule, AlertThresholds thresholds, TrialEvents trialEvents,
                              AddressPolicy addressPolicy, Duration sendTimeout, Duration claimLease,
                              Duration schedulerInterval) {

    /** The environment variable of {@link #retrySchedule}. */
    public static final String RETRY_SCHEDULE = "BILLING_WEBHOOK_RETRY_SCHEDULE";
    /** The environment variable of {@link #thresholds}. */
    public static final String ALERT_THRESHOLDS = "BILLING_ALERT_THRESHOLDS";
    /** The environment variable of {@link #trialEvents}' window, in days. */
    public static final String TRIAL_WILL_END_DAYS = "BILLING_TRIAL_WILL_END_DAYS";
    /** The environment variable of {@link #addressPolicy}: {@code true} allows private targets. */
    public static final String ALLOW_PRIVATE = "BILLING_WEBHOOK_ALLOW_PRIVATE";
    /** The environment variable of {@link #schedulerInterval}, in seconds. */
    public static final String SCHEDULER_SECONDS = "BILLING_SCHEDULER_SECONDS";

    /** The contract's defaults. */
    public static final WebhookSettings DEFAULTS = new WebhookSettings(RetrySchedule.DEFAULT,
            AlertThresholds.DEFAULT, TrialEvents.DEFAULT, AddressPolicy.PUBLIC_ONLY, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(30));

    /** Requires every field; a lease of at least twice the send timeout; an interval of 1 s to 1 h. */
    public WebhookSettings {
        Objects.requireNonNull(retrySchedule, "retrySchedule");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(trialEvents, "trialEvents");
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(claimLease, "claimLease");
        Objects.requireNonNull(schedulerInterval, "schedulerInterval");
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("the send timeout must be positive");
        }
        if (claimLease.compareTo(sendTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the claim lease (" + claimLease
                    + ") must be at least twice the send timeout (" + sendTimeout + ")");
        }
        if (schedulerInterval.compareTo(Duration.ofSeconds(1)) < 0
                || schedulerInterval.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(SCHEDULER_SECONDS + " must be 1 to 3600 seconds");
        }
    }

    /**
     * The settings the environment gives, the defaults for what it leaves out.
     *
     * @throws IllegalArgumentException naming the variable whose value is refused, and why
     */
    public static WebhookSettings fromEnvironment(Map<String, String> env) {
        RetrySchedule schedule = read(env, RETRY_SCHEDULE, RetrySchedule::parse, DEFAULTS.retrySchedule);
        AlertThresholds thresholds = read(env, ALERT_THRESHOLDS, AlertThresholds::parse, DEFAULTS.thresholds);
        TrialEvents trials = read(env, TRIAL_WILL_END_DAYS, TrialEvents::parseDays, DEFAULTS.trialEvents);
        AddressPolicy policy = read(env, ALLOW_PRIVATE, WebhookSettings::parsePolicy, DEFAULTS.addressPolicy);
        Duration interval = read(env, SCHEDULER_SECONDS, WebhookSettings::parseSeconds, DEFAULTS.schedulerInterval);
        return new WebhookSettings(schedule, thresholds, trials, policy, DEFAULTS.sendTimeout, DEFAULTS.claimLease,
                interval);
    }

    /** The same settings with another address policy (tests and development run receivers on loopback). */
    public WebhookSettings withAddressPolicy(AddressPolicy policy) {
        return new WebhookSettings(retrySchedule, thresholds, trialEvents, policy, sendTimeout, claimLease,
                schedulerInterval);
    }

    /** The same settings with another retry schedule. */
    public WebhookSettings withRetrySchedule(RetrySchedule schedule) {
        return new WebhookSettings(schedule, thresholds, trialEvents, addressPolicy, sendTimeout, claimLease,
                schedulerInterval);
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T read(Map<String, String> env, String name, Parser<T> parser, T fallback) {
        String text = env.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "=" + text + ": " + e.getMessage(), e);
        }
    }

    private static AddressPolicy parsePolicy(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> new AddressPolicy(true);
            case "false", "" -> AddressPolicy.PUBLIC_ONLY;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    private static Duration parseSeconds(String text) {
        try {
            long seconds = Long.parseLong(text.strip());
            if (seconds < 1 || seconds > 3600) {
                throw new IllegalArgumentException("expected 1 to 3600 seconds");
            }
            return Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number of seconds", e);
        }
    }
}

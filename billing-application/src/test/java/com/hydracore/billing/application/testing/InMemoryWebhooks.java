package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.WebhookSettings;
import com.hydracore.billing.application.service.TrialAlerts;
import com.hydracore.billing.application.service.WebhookDispatcher;
import com.hydracore.billing.application.service.WebhookService;

/**
 * Webhooks and alerts on in-memory ports with a hand-set clock, a recording sender and a fixed host table: for
 * use-case tests and for adapter tests that need real behaviour behind {@code ManageWebhooks}. The dispatcher sends
 * one request after the other on the caller's thread (concurrency is tested on its own).
 */
public final class InMemoryWebhooks {

    /** Sends at most this many per dispatcher round. */
    public static final int CONCURRENCY = 4;

    /** The endpoint port. */
    public final InMemoryWebhookEndpoints endpoints = new InMemoryWebhookEndpoints();
    /** The outbox port, over {@link #endpoints}. */
    public final InMemoryOutbox outbox = new InMemoryOutbox(endpoints);
    /** The trial schedule; save subscriptions through {@code trials.subscriptions()}. */
    public final InMemoryTrialSchedule trials = new InMemoryTrialSchedule();
    /** What the dispatcher sent. */
    public final RecordingWebhookSender sender = new RecordingWebhookSender();
    /** Host names the admin use case resolves; IP literals resolve to themselves. */
    public final StaticHostResolver resolver = new StaticHostResolver();
    /** The clock every service reads. */
    public final MutableClock clock;
    /** The settings every service follows. */
    public final WebhookSettings settings;
    /** Endpoint admin and deliveries view. */
    public final WebhookService webhooks;
    /** The dispatcher. */
    public final WebhookDispatcher dispatcher;
    /** The trial scheduler's pass. */
    public final TrialAlerts trialAlerts;

    /** Webhooks at {@code clock} with {@code settings}. */
    public InMemoryWebhooks(MutableClock clock, WebhookSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.webhooks = new WebhookService(endpoints, outbox, resolver, settings.addressPolicy());
        this.dispatcher = new WebhookDispatcher(outbox, endpoints, sender, settings, clock, Runnable::run,
                CONCURRENCY);
        this.trialAlerts = new TrialAlerts(trials, outbox, settings.trialEvents(), clock);
    }

    /** Webhooks at {@code clock} with the contract's defaults. */
    public InMemoryWebhooks(MutableClock clock) {
        this(clock, WebhookSettings.DEFAULTS);
    }
}

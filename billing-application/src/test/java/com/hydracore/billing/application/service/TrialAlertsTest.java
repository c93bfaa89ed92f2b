package com.hydracore.billing.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TrialSchedule;
import com.hydracore.billing.application.testing.InMemoryWebhooks;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrialAlertsTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofDays(14));
    private static final Instant WARNING = END.minus(Duration.ofDays(3));

    private final MutableClock clock = new MutableClock(START);
    private final InMemoryWebhooks app = new InMemoryWebhooks(clock);
    private final SubscriptionStore subscriptions = app.trials.subscriptions();

    @BeforeEach
    void anEndpointReceivesEverything() {
        app.endpoints.put(WebhookEndpoint.of("ops", "https://hooks.example.com/", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                null, null));
    }

    private Subscription trial(String account, String id, Instant start, Instant end) {
        Subscription s = new Subscription(id, account, "tier-pro", start, end, null, null, null, false);
        subscriptions.save(s);
        return s;
    }

    private List<EventType> queuedTypes() {
        List<EventType> types = new ArrayList<>(app.outbox.deliveries("ops", 100).stream().map(Delivery::eventType)
                .toList());
        Collections.reverse(types); // oldest first
        return types;
    }

    private int passAt(Instant now) {
        clock.set(now);
        return app.trialAlerts.emitDue();
    }

    @Test
    void willEndIsQueuedWhenTheWindowOpensAndExpiredWhenTheTrialEnds() {
        trial("acme", "sub-1", START, END);

        assertEquals(0, passAt(START));
        assertEquals(0, passAt(WARNING.minusSeconds(1)));
        assertEquals(1, passAt(WARNING));
        assertEquals(List.of(EventType.TRIAL_WILL_END), queuedTypes());
        assertEquals(0, passAt(WARNING.plusSeconds(30)), "once");
        assertEquals(0, passAt(END.minusSeconds(1)));
        assertEquals(1, passAt(END));
        assertEquals(0, passAt(END.plus(Duration.ofDays(30))), "once");
        assertEquals(List.of(EventType.TRIAL_WILL_END, EventType.TRIAL_EXPIRED), queuedTypes());
    }

    @Test
    void theMessagesCarryTheSubscriptionAndTheirMoment() {
        trial("acme", "sub-1", START, END);
        passAt(END.plusSeconds(90));
        app.dispatcher.dispatchDue();

        List<String> bodies = app.sender.requests().stream()
                .map(r -> new String(r.body(), StandardCharsets.UTF_8)).toList();

        assertEquals(List.of(
                "{\"type\":\"trial.will_end\",\"timestamp\":\"2026-03-12T10:00:00Z\",\"data\":{\"account_id\":\"acme\","
                        + "\"subscription_id\":\"sub-1\",\"tier_id\":\"tier-pro\","
                        + "\"trial_ends_at\":\"2026-03-15T10:00:00Z\"}}",
                "{\"type\":\"trial.expired\",\"timestamp\":\"2026-03-15T10:00:00Z\",\"data\":{\"account_id\":\"acme\","
                        + "\"subscription_id\":\"sub-1\",\"tier_id\":\"tier-pro\","
                        + "\"trial_ends_at\":\"2026-03-15T10:00:00Z\"}}"), bodies);
    }

    @Test
    void aTrialShorterThanTheWindowWarnsAtCreation() {
        trial("acme", "sub-1", START, START.plus(Duration.ofDays(2)));

        assertEquals(1, passAt(START.plusSeconds(30)));
        assertEquals(List.of(EventType.TRIAL_WILL_END), queuedTypes());
    }

    @Test
    void anActivatedTrialSendsNothingAndIsNotLookedAtAgain() {
        Subscription s = trial("acme", "sub-1", START, END);
        subscriptions.save(new Subscription("sub-1", "acme", "tier-pro", START, END, START.plus(Duration.ofDays(1)),
                null, null, false));

        assertEquals(0, passAt(END.plus(Duration.ofDays(1))));
        assertEquals(List.of(), queuedTypes());
        assertEquals(List.of(), app.trials.pending(END.plus(Duration.ofDays(400)), Duration.ofDays(3), 10),
                "both events marked done for " + s.subscriptionId());
    }

    @Test
    void aTrialCanceledBeforeItEndedNeverExpires() {
        trial("acme", "sub-1", START, END);
        passAt(WARNING);
        subscriptions.save(new Subscription("sub-1", "acme", "tier-pro", START, END, null, null,
                WARNING.plusSeconds(3600), false));

        assertEquals(0, passAt(END.plusSeconds(60)));
        assertEquals(List.of(EventType.TRIAL_WILL_END), queuedTypes());
    }

    @Test
    void aPassAfterDowntimeCatchesUpOnEverythingThatCameDueOnceEach() {
        for (int i = 0; i < 250; i++) {
            trial("acct-" + i, "sub-1", START, END.plusSeconds(i));
        }
        trial("late", "sub-1", END.plus(Duration.ofDays(10)), END.plus(Duration.ofDays(30)));

        int queued = passAt(END.plus(Duration.ofDays(7)));

        assertEquals(500, queued, "both events of the 250 trials that ended, across pages");
        assertEquals(0, passAt(END.plus(Duration.ofDays(7)).plusSeconds(30)), "and only once");
        assertEquals(500, app.outbox.deliveries("ops", 1000).size(), "the trial still to come is not among them");
    }

    @Test
    void willEndIsQueuedBeforeExpiredWhenBothCameDueWhileDown() {
        trial("acme", "sub-1", START, END);

        assertEquals(2, passAt(END.plus(Duration.ofDays(1))));

        assertEquals(List.of(EventType.TRIAL_WILL_END, EventType.TRIAL_EXPIRED), queuedTypes());
    }

    @Test
    void aPassRepeatedAfterACrashBetweenQueuingAndMarkingQueuesNothingTwice() {
        trial("acme", "sub-1", START, END);
        AtomicBoolean crash = new AtomicBoolean(true);
        TrialSchedule crashingOnce = new TrialSchedule() {
            @Override
            public List<PendingTrial> pending(Instant now, Duration window, int limit) {
                return app.trials.pending(now, window, limit);
            }

            @Override
            public void markDone(String accountId, String subscriptionId, EventType type) {
                if (crash.getAndSet(false)) {
                    throw new IllegalStateException("killed between queuing and marking");
                }
                app.trials.markDone(accountId, subscriptionId, type);
            }
        };
        TrialAlerts crashing = new TrialAlerts(crashingOnce, app.outbox, app.settings.trialEvents(), clock);
        clock.set(END);

        assertThrows(IllegalStateException.class, crashing::emitDue);
        assertEquals(1, crashing.emitDue(), "the expiry is queued; the warning was queued by the first pass");

        assertEquals(List.of(EventType.TRIAL_WILL_END, EventType.TRIAL_EXPIRED), queuedTypes());
        assertEquals(0, crashing.emitDue());
    }

    @Test
    void twoReplicasPassingAtOnceQueueEachEventOnce() throws Exception {
        for (int i = 0; i < 120; i++) {
            trial("acct-" + i, "sub-1", START, END);
        }
        clock.set(END);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Integer>> passes = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                TrialAlerts replica = new TrialAlerts(app.trials, app.outbox, app.settings.trialEvents(), clock);
                passes.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return replica.emitDue();
                }));
            }
            int queued = 0;
            for (Future<Integer> pass : passes) {
                queued += pass.get(60, TimeUnit.SECONDS);
            }

            assertEquals(240, queued, "between them, each event queued once");
            assertEquals(240, app.outbox.deliveries("ops", 1000).size());
        } finally {
            pool.shutdownNow();
        }
    }
}

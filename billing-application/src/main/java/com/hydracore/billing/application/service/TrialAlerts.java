package com.hydracore.billing.application.service;

import com.hydracore.billing.application.port.in.EmitTrialAlerts;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.TrialSchedule;
import com.hydracore.billing.application.port.out.TrialSchedule.PendingTrial;
import com.hydracore.billing.domain.alert.TrialEvent;
import com.hydracore.billing.domain.alert.TrialEvents;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Queues {@code trial.will_end} and {@code trial.expired} (API §8): each pass asks the {@link TrialSchedule} which
 * subscriptions' events have come due, applies the domain's {@link TrialEvents} rule, queues what is due and marks
 * what is settled.
 *
 * <p>Once per subscription without any lock: an event's message id is derived from the subscription, so a pass run
 * twice (a crash between queuing and marking, two replicas at once) queues the same message, which the outbox keeps
 * once. A message's {@code timestamp} is the event's moment (when the warning window opened, when the trial ended),
 * so a message queued late, after downtime, says when it happened.
 */
public final class TrialAlerts implements EmitTrialAlerts {

    /** Subscriptions read per page. */
    static final int PAGE = 100;

    private final TrialSchedule schedule;
    private final Outbox outbox;
    private final TrialEvents rule;
    private final Clock clock;

    /** Wires the pass to its ports, with the trial events' rule (its warning window). */
    public TrialAlerts(TrialSchedule schedule, Outbox outbox, TrialEvents rule, Clock clock) {
        this.schedule = schedule;
        this.outbox = outbox;
        this.rule = rule;
        this.clock = clock;
    }

    @Override
    public int emitDue() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        int queued = 0;
        while (true) {
            List<PendingTrial> page = schedule.pending(now, rule.willEndWindow(), PAGE);
            boolean progress = false;
            for (PendingTrial pending : page) {
                Subscription subscription = pending.subscription();
                for (EventType type : TrialEvents.TYPES) {
                    if (!pending.unmarked().contains(type)) {
                        continue;
                    }
                    switch (rule.decide(subscription, type, now)) {
                        case EMIT -> {
                            Instant moment = rule.moment(subscription, type).orElseThrow();
                            if (outbox.enqueue(WebhookEvent.of(TrialEvent.of(type, subscription), moment), now)) {
                                queued++;
                            }
                            schedule.markDone(subscription.accountId(), subscription.subscriptionId(), type);
                            progress = true;
                        }
                        case SKIP -> {
                            schedule.markDone(subscription.accountId(), subscription.subscriptionId(), type);
                            progress = true;
                        }
                        case WAIT -> {
                            // Not due by this clock (the store judged by dates alone): the next pass looks again.
                        }
                        default -> throw new IllegalStateException();
                    }
                }
            }
            // A page that marked nothing would come back unchanged: stop rather than spin.
            if (page.size() < PAGE || !progress) {
                return queued;
            }
        }
    }
}

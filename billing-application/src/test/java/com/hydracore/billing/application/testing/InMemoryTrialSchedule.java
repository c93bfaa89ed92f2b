package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TrialSchedule;
import com.hydracore.billing.domain.alert.TrialEvents;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link TrialSchedule} in memory, over the subscriptions saved through {@link #subscriptions()} (a
 * {@link SubscriptionStore} that keeps them in the store it wraps and remembers which exist, since that port has no
 * way to list every account).
 */
public final class InMemoryTrialSchedule implements TrialSchedule {

    private record Key(String accountId, String subscriptionId) {
    }

    private final SubscriptionStore store;
    private final Set<Key> known = new LinkedHashSet<>();
    private final Map<Key, EnumSet<EventType>> done = new HashMap<>();
    private final SubscriptionStore tracking = new SubscriptionStore() {
        @Override
        public List<Subscription> forAccount(String accountId) {
            return store.forAccount(accountId);
        }

        @Override
        public Optional<Subscription> find(String accountId, String subscriptionId) {
            return store.find(accountId, subscriptionId);
        }

        @Override
        public void save(Subscription subscription) {
            synchronized (InMemoryTrialSchedule.this) {
                store.save(subscription);
                known.add(new Key(subscription.accountId(), subscription.subscriptionId()));
            }
        }
    };

    /** A schedule over a fresh {@link InMemorySubscriptionStore}. */
    public InMemoryTrialSchedule() {
        this(new InMemorySubscriptionStore());
    }

    /** A schedule over {@code store}: only subscriptions saved through {@link #subscriptions()} are seen. */
    public InMemoryTrialSchedule(SubscriptionStore store) {
        this.store = store;
    }

    /** The subscription store to save through, so this schedule sees every subscription. */
    public SubscriptionStore subscriptions() {
        return tracking;
    }

    @Override
    public synchronized List<PendingTrial> pending(Instant now, Duration willEndWindow, int limit) {
        List<PendingTrial> pending = new ArrayList<>();
        for (Key key : known) {
            Subscription s = store.find(key.accountId(), key.subscriptionId()).orElseThrow();
            if (!s.hadTrial()) {
                continue;
            }
            EnumSet<EventType> unmarked = EnumSet.copyOf(TrialEvents.TYPES);
            unmarked.removeAll(done.getOrDefault(key, EnumSet.noneOf(EventType.class)));
            boolean due = unmarked.stream().anyMatch(type -> !momentOf(s, type, willEndWindow).isAfter(now));
            if (due) {
                pending.add(new PendingTrial(s, unmarked));
            }
        }
        pending.sort(Comparator.comparing((PendingTrial p) -> p.subscription().trialEndsAt())
                .thenComparing(p -> p.subscription().accountId())
                .thenComparing(p -> p.subscription().subscriptionId()));
        return List.copyOf(pending.subList(0, Math.min(limit, pending.size())));
    }

    @Override
    public synchronized void markDone(String accountId, String subscriptionId, EventType type) {
        Key key = new Key(accountId, subscriptionId);
        if (known.contains(key)) {
            done.computeIfAbsent(key, k -> EnumSet.noneOf(EventType.class)).add(type);
        }
    }

    // By dates alone, as the port says (a zero window puts the warning at the trial's end).
    private static Instant momentOf(Subscription s, EventType type, Duration window) {
        if (type == EventType.TRIAL_EXPIRED) {
            return s.trialEndsAt();
        }
        Instant warning = s.trialEndsAt().minus(window);
        return warning.isBefore(s.startedAt()) ? s.startedAt() : warning;
    }
}

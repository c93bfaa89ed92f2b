package com.hydracore.billing.domain.subscription;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Picks, among an account's subscriptions, the one the billing page shows and the tiers the account holds. */
public final class SubscriptionSelection {

    private SubscriptionSelection() {
    }

    /**
     * The current subscription: the latest-started live one (trialing, active, past due), else the latest-started
     * of any status, else none. Ties on {@code startedAt} go to the later one in {@code subscriptions}.
     */
    public static Optional<Subscription> current(List<Subscription> subscriptions, Instant now) {
        Optional<Subscription> live = latest(subscriptions.stream().filter(s -> s.statusAt(now).isLive()).toList());
        return live.isPresent() ? live : latest(subscriptions);
    }

    /** Tier ids of every live subscription, oldest first, without repeats. */
    public static List<String> subscribedTierIds(List<Subscription> subscriptions, Instant now) {
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        subscriptions.stream()
                .filter(s -> s.statusAt(now).isLive())
                .sorted(Comparator.comparing(Subscription::startedAt))
                .forEach(s -> ids.add(s.tierId()));
        return List.copyOf(ids);
    }

    private static Optional<Subscription> latest(List<Subscription> candidates) {
        Subscription best = null;
        for (Subscription s : candidates) {
            if (best == null || !s.startedAt().isBefore(best.startedAt())) {
                best = s;
            }
        }
        return Optional.ofNullable(best);
    }
}

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.domain.subscription.Subscription;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link SubscriptionStore} in memory. */
public final class InMemorySubscriptionStore implements SubscriptionStore {

    private final Map<String, List<Subscription>> byAccount = new HashMap<>();

    @Override
    public synchronized List<Subscription> forAccount(String accountId) {
        List<Subscription> list = new ArrayList<>(byAccount.getOrDefault(accountId, List.of()));
        list.sort(Comparator.comparing(Subscription::startedAt)); // stable: ties keep the order first saved
        return List.copyOf(list);
    }

    @Override
    public synchronized Optional<Subscription> find(String accountId, String subscriptionId) {
        return byAccount.getOrDefault(accountId, List.of()).stream()
                .filter(s -> s.subscriptionId().equals(subscriptionId)).findFirst();
    }

    @Override
    public synchronized void save(Subscription subscription) {
        List<Subscription> list = byAccount.computeIfAbsent(subscription.accountId(), a -> new ArrayList<>());
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).subscriptionId().equals(subscription.subscriptionId())) {
                list.set(i, subscription);
                return;
            }
        }
        list.add(subscription);
    }
}

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link WebhookEndpoints} in memory. An {@link InMemoryOutbox} built on it shares its lock, so that fanning a
 * message out to the endpoints and deleting an endpoint with its deliveries are each one step.
 */
public final class InMemoryWebhookEndpoints implements WebhookEndpoints {

    final Object lock = new Object();
    private final TreeMap<String, WebhookEndpoint> byId = new TreeMap<>();
    private final List<Consumer<String>> onDelete = new ArrayList<>();

    @Override
    public void put(WebhookEndpoint endpoint) {
        synchronized (lock) {
            byId.put(endpoint.endpointId(), endpoint);
        }
    }

    @Override
    public Optional<WebhookEndpoint> get(String endpointId) {
        synchronized (lock) {
            return Optional.ofNullable(byId.get(endpointId));
        }
    }

    @Override
    public List<WebhookEndpoint> list() {
        synchronized (lock) {
            return List.copyOf(byId.values());
        }
    }

    @Override
    public boolean delete(String endpointId) {
        synchronized (lock) {
            boolean existed = byId.remove(endpointId) != null;
            if (existed) {
                onDelete.forEach(listener -> listener.accept(endpointId));
            }
            return existed;
        }
    }

    /** The endpoints as they are now, under the lock the caller holds. */
    List<WebhookEndpoint> snapshot() {
        return List.copyOf(byId.values());
    }

    /** Calls {@code listener} with the id of each endpoint deleted, under the lock. */
    void onDelete(Consumer<String> listener) {
        synchronized (lock) {
            onDelete.add(listener);
        }
    }
}

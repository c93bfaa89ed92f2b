package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Admin: register webhook endpoints, and see what was delivered to each. The secret is never answered back. */
public interface ManageWebhooks {

    /** Most deliveries the deliveries view lists. */
    int MAX_DELIVERIES = 100;

    /**
     * Inserts or replaces the endpoint; returns what is stored, without the secret.
     *
     * @throws com.hydracore.billing.domain.validation.InvalidInputException at {@code url} when its host is, or
     *     resolves to, an address the configured policy refuses (loopback, private, link-local... unless private
     *     targets are allowed)
     */
    WebhookView put(WebhookEndpoint endpoint);

    /**
     * One endpoint, without its secret.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException {@code Webhook not found}
     */
    WebhookView get(String endpointId);

    /** Every endpoint, ordered by id, without secrets. */
    List<WebhookView> list();

    /**
     * Removes the endpoint and its deliveries; pending messages are never sent to it.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException {@code Webhook not found}
     */
    void delete(String endpointId);

    /**
     * The endpoint's deliveries, newest first, at most {@value #MAX_DELIVERIES}.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException {@code Webhook not found}
     */
    List<Delivery> deliveries(String endpointId);

    /**
     * An endpoint as it is answered: everything but the secret.
     *
     * @param endpointId the id
     * @param url        the URL, as given
     * @param eventTypes the types it receives, in the contract's order
     * @param enabled    whether it receives messages
     */
    record WebhookView(String endpointId, String url, Set<EventType> eventTypes, boolean enabled) {

        /** Requires every field; freezes the types. */
        public WebhookView {
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(url, "url");
            eventTypes = eventTypes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(eventTypes));
        }

        /** The view of {@code endpoint}. */
        public static WebhookView of(WebhookEndpoint endpoint) {
            return new WebhookView(endpoint.endpointId(), endpoint.url(), endpoint.eventTypes(), endpoint.enabled());
        }
    }
}

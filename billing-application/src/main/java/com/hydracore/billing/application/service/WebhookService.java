package com.hydracore.billing.application.service;

import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.port.in.ManageWebhooks;
import com.hydracore.billing.application.port.out.HostResolver;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import com.hydracore.billing.domain.webhook.AddressRange;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** The webhook admin operations: endpoints kept after their target is checked, and the deliveries view. */
public final class WebhookService implements ManageWebhooks {

    static final String NOT_FOUND = "Webhook not found";

    private final WebhookEndpoints endpoints;
    private final Outbox outbox;
    private final HostResolver resolver;
    private final AddressPolicy policy;

    /** Wires the operations to their ports; {@code policy} judges every address an endpoint's host resolves to. */
    public WebhookService(WebhookEndpoints endpoints, Outbox outbox, HostResolver resolver, AddressPolicy policy) {
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public WebhookView put(WebhookEndpoint endpoint) {
        refuseForbiddenTarget(endpoint);
        endpoints.put(endpoint);
        return WebhookView.of(endpoint);
    }

    @Override
    public WebhookView get(String endpointId) {
        return WebhookView.of(existing(endpointId));
    }

    @Override
    public List<WebhookView> list() {
        return endpoints.list().stream().map(WebhookView::of).toList();
    }

    @Override
    public void delete(String endpointId) {
        if (!endpoints.delete(endpointId)) {
            throw new NotFoundException(NOT_FOUND);
        }
    }

    @Override
    public List<Delivery> deliveries(String endpointId) {
        existing(endpointId);
        return outbox.deliveries(endpointId, MAX_DELIVERIES);
    }

    private WebhookEndpoint existing(String endpointId) {
        return endpoints.get(endpointId).orElseThrow(() -> new NotFoundException(NOT_FOUND));
    }

    // Checked when saving so the admin learns at once; the sender checks the address again when it connects, since
    // what a name resolves to can change. A name that does not resolve now is accepted: DNS may not be set up yet,
    // or be failing for a moment, and sending will judge whatever it resolves to then.
    private void refuseForbiddenTarget(WebhookEndpoint endpoint) {
        List<InetAddress> addresses = resolver.resolve(endpoint.host());
        Optional<InetAddress> refused = policy.firstRefused(addresses);
        if (refused.isPresent()) {
            String range = AddressPolicy.rangeOf(refused.get()).map(AddressRange::label).orElse("refused");
            throw InvalidInputException.of(Violation.of("url", Violation.VALUE_ERROR,
                    "Value error, url's host is, or resolves to, a " + range
                            + " address; webhooks are sent to public addresses only", endpoint.url()));
        }
    }
}

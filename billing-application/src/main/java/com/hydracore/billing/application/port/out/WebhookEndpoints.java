package com.hydracore.billing.application.port.out;

import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import java.util.List;
import java.util.Optional;

/**
 * Where webhook endpoints are kept. Endpoint ids are global (not scoped to an account) and compared exactly.
 *
 * <p>Safe for concurrent use. Implementations are checked by
 * {@code com.hydracore.billing.application.contract.WebhookEndpointsContract} in this module's test-jar; an
 * implementation that shares its storage with an {@link Outbox} is also checked by {@code OutboxContract} (deleting
 * an endpoint forgets its deliveries).
 *
 * <p>A call that cannot reach the store throws
 * {@link com.hydracore.billing.application.error.StoreUnavailableException}, or carries it in its cause chain.
 */
public interface WebhookEndpoints {

    /** Inserts the endpoint, or replaces every field of the one with the same id (secret included). */
    void put(WebhookEndpoint endpoint);

    /** The endpoint with this id, if any. */
    Optional<WebhookEndpoint> get(String endpointId);

    /** Every endpoint, ordered by endpoint id in {@link String#compareTo} (binary) order. */
    List<WebhookEndpoint> list();

    /**
     * Removes the endpoint and, in the same step, every delivery to it (pending ones are never sent); returns whether
     * it existed. An endpoint put again later under the same id starts with no deliveries.
     */
    boolean delete(String endpointId);
}

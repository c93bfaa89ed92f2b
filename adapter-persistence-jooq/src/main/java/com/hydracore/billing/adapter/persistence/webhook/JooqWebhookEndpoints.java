package com.hydracore.billing.adapter.persistence.webhook;

import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_DELIVERY;
import static com.hydracore.billing.adapter.persistence.generated.Tables.WEBHOOK_ENDPOINT;

import com.hydracore.billing.adapter.persistence.generated.tables.records.WebhookEndpointRecord;
import com.hydracore.billing.adapter.persistence.sql.ConflictRetry;
import com.hydracore.billing.adapter.persistence.sql.Transactions;
import com.hydracore.billing.adapter.persistence.sql.Upserts;
import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * Webhook endpoints in {@code webhook_endpoint}: global, like the tier catalog (the operator's, not an account's).
 * Event types are one boolean column each, so the outbox's fan-out selects subscribers with a plain predicate.
 */
public final class JooqWebhookEndpoints implements WebhookEndpoints {

    /** What a save of a stored endpoint sets: every other column from EXCLUDED (see {@link Upserts}). */
    private static final Map<Field<?>, Field<?>> UPDATE = Upserts.everyColumnFromExcluded(WEBHOOK_ENDPOINT,
            List.of(WEBHOOK_ENDPOINT.ENDPOINT_ID));

    private final DSLContext dsl;

    /** The endpoints in {@code dsl}'s database. */
    public JooqWebhookEndpoints(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The column that says whether an endpoint receives {@code type}. */
    static Field<Boolean> receives(EventType type) {
        switch (type) {
            case USAGE_THRESHOLD_REACHED:
                return WEBHOOK_ENDPOINT.USAGE_THRESHOLD_REACHED;
            case TRIAL_WILL_END:
                return WEBHOOK_ENDPOINT.TRIAL_WILL_END;
            case TRIAL_EXPIRED:
                return WEBHOOK_ENDPOINT.TRIAL_EXPIRED;
            default:
                throw new IllegalArgumentException("no column for " + type);
        }
    }

    @Override
    public void put(WebhookEndpoint endpoint) {
        WebhookEndpointRecord r = dsl.newRecord(WEBHOOK_ENDPOINT);
        r.setEndpointId(endpoint.endpointId());
        r.setUrl(endpoint.url());
        r.setSecret(endpoint.secret().encoded());
        r.setUsageThresholdReached(endpoint.eventTypes().contains(EventType.USAGE_THRESHOLD_REACHED));
        r.setTrialWillEnd(endpoint.eventTypes().contains(EventType.TRIAL_WILL_END));
        r.setTrialExpired(endpoint.eventTypes().contains(EventType.TRIAL_EXPIRED));
        r.setEnabled(endpoint.enabled());
        ConflictRetry.run(() -> dsl.insertInto(WEBHOOK_ENDPOINT).set(r)
                .onConflict(WEBHOOK_ENDPOINT.ENDPOINT_ID).doUpdate().set(UPDATE).execute());
    }

    @Override
    public Optional<WebhookEndpoint> get(String endpointId) {
        return dsl.selectFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ENDPOINT_ID.eq(endpointId))
                .fetchOptional(JooqWebhookEndpoints::toEndpoint);
    }

    @Override
    public List<WebhookEndpoint> list() {
        // sorted here: the port orders by String#compareTo, a database by its collation
        return dsl.selectFrom(WEBHOOK_ENDPOINT).fetch(JooqWebhookEndpoints::toEndpoint).stream()
                .sorted(Comparator.comparing(WebhookEndpoint::endpointId)).toList();
    }

    /**
     * Removes the endpoint and, in the same transaction, its deliveries (there are no foreign keys in the schema).
     * The endpoint goes first: deleting its row waits for an enqueue that locked it (PostgreSQL, {@code FOR SHARE})
     * to commit its fan-out, and the next statement then sees and deletes those deliveries too, so none is left
     * behind for a deleted endpoint.
     */
    @Override
    public boolean delete(String endpointId) {
        return Transactions.result(dsl, tx -> {
            DSLContext t = tx.dsl();
            int removed = t.deleteFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ENDPOINT_ID.eq(endpointId)).execute();
            t.deleteFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId)).execute();
            return removed > 0;
        });
    }

    private static WebhookEndpoint toEndpoint(WebhookEndpointRecord r) {
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        for (EventType type : EventType.values()) {
            if (r.get(receives(type))) {
                types.add(type);
            }
        }
        return new WebhookEndpoint(r.getEndpointId(), r.getUrl(), WebhookSecret.parse(r.getSecret()), types,
                r.getEnabled());
    }
}

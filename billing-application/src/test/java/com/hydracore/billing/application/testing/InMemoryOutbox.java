package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.AttemptOutcome;
import com.hydracore.billing.application.port.out.ClaimedDelivery;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.DeliveryStatus;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Outbox} in memory, over the endpoints of an {@link InMemoryWebhookEndpoints} (it fans messages out to
 * them and forgets a deleted endpoint's deliveries). One lock, shared with the endpoints, makes every operation
 * atomic, which is what a database's transactions and {@code FOR UPDATE SKIP LOCKED} give the real store.
 */
public final class InMemoryOutbox implements Outbox {

    private final InMemoryWebhookEndpoints endpoints;
    private final Map<String, WebhookEvent> events = new HashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private long nextSequence;
    private long nextToken;

    /** A delivery as stored: the view's fields plus the claim. */
    private static final class Row {
        final long sequence;
        final WebhookEvent event;
        final String endpointId;
        final Instant createdAt;
        DeliveryStatus status = DeliveryStatus.PENDING;
        int attempts;
        Integer lastStatusCode;
        Instant lastAttemptAt;
        Instant nextAttemptAt;
        String claimToken;
        Instant leaseUntil;

        Row(long sequence, WebhookEvent event, String endpointId, Instant createdAt) {
            this.sequence = sequence;
            this.event = event;
            this.endpointId = endpointId;
            this.createdAt = createdAt;
            this.nextAttemptAt = createdAt;
        }

        Delivery view() {
            return new Delivery(event.messageId(), endpointId, event.type(), status, attempts, lastStatusCode,
                    lastAttemptAt, nextAttemptAt, createdAt);
        }
    }

    /** An outbox over {@code endpoints}. */
    public InMemoryOutbox(InMemoryWebhookEndpoints endpoints) {
        this.endpoints = endpoints;
        endpoints.onDelete(id -> rows.removeIf(row -> row.endpointId.equals(id)));
    }

    @Override
    public boolean enqueue(WebhookEvent event, Instant now) {
        Objects.requireNonNull(now, "now");
        synchronized (endpoints.lock) {
            if (events.putIfAbsent(event.messageId(), event) != null) {
                return false;
            }
            for (WebhookEndpoint endpoint : endpoints.snapshot()) {
                if (endpoint.receives(event.type())) {
                    rows.add(new Row(nextSequence++, event, endpoint.endpointId(), now));
                }
            }
            return true;
        }
    }

    @Override
    public List<ClaimedDelivery> claimDue(Instant now, Duration lease, int limit) {
        synchronized (endpoints.lock) {
            List<Row> due = rows.stream()
                    .filter(r -> r.status == DeliveryStatus.PENDING && !r.nextAttemptAt.isAfter(now))
                    .filter(r -> r.leaseUntil == null || !r.leaseUntil.isAfter(now))
                    .sorted(Comparator.comparing((Row r) -> r.nextAttemptAt).thenComparingLong(r -> r.sequence))
                    .limit(limit)
                    .toList();
            List<ClaimedDelivery> claimed = new ArrayList<>(due.size());
            for (Row row : due) {
                row.claimToken = "claim-" + nextToken++;
                row.leaseUntil = now.plus(lease);
                claimed.add(new ClaimedDelivery(row.event, row.endpointId, row.attempts, row.claimToken,
                        row.leaseUntil));
            }
            return claimed;
        }
    }

    @Override
    public boolean record(ClaimedDelivery claim, AttemptOutcome outcome) {
        synchronized (endpoints.lock) {
            Row row = rows.stream()
                    .filter(r -> r.event.messageId().equals(claim.messageId()))
                    .filter(r -> r.endpointId.equals(claim.endpointId()))
                    .findFirst().orElse(null);
            if (row == null || !claim.claimToken().equals(row.claimToken)) {
                return false;
            }
            row.claimToken = null;
            row.leaseUntil = null;
            row.status = outcome.status();
            row.nextAttemptAt = outcome.nextAttemptAt();
            if (outcome.attempted()) {
                row.attempts++;
                row.lastStatusCode = outcome.statusCode();
                row.lastAttemptAt = outcome.at();
            }
            return true;
        }
    }

    @Override
    public List<Delivery> deliveries(String endpointId, int limit) {
        synchronized (endpoints.lock) {
            return rows.stream()
                    .filter(r -> r.endpointId.equals(endpointId))
                    .sorted(Comparator.comparing((Row r) -> r.createdAt).thenComparingLong(r -> r.sequence)
                            .reversed())
                    .limit(limit)
                    .map(Row::view)
                    .toList();
        }
    }
}

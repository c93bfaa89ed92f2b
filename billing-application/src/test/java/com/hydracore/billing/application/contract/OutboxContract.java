package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.AttemptOutcome;
import com.hydracore.billing.application.port.out.ClaimedDelivery;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.DeliveryStatus;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.RetrySchedule;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link Outbox} must honour, together with the {@link WebhookEndpoints} over the same storage:
 * subclass it and implement {@link #newStores()}.
 *
 * <p>Isolation: ids start with a random UUID, but {@link Outbox#enqueue} fans out to every endpoint in the store and
 * {@link Outbox#claimDue} claims across the whole store, so before each case the kit deletes every endpoint the store
 * holds (which forgets their deliveries) and settles anything still pending (claims it at a far-future instant and
 * records it {@link AttemptOutcome#abandoned abandoned}). {@link #newStores()} may therefore return fresh stores or
 * the same shared ones every time — a test database, never one whose webhooks matter; cases of this class must not
 * run in parallel on one store.
 *
 * <p>Beyond the port's Javadoc: instants round-trip exactly to the millisecond (cases use {@code .123Z}); the body
 * round-trips exactly, any Unicode included; claims are exclusive under 8 threads claiming at once (with a database:
 * {@code SELECT … FOR UPDATE SKIP LOCKED}, or an equivalent atomic claim); deleting an endpoint forgets its
 * deliveries in the same step.
 */
public abstract class OutboxContract {

    /** The two ports over one storage. */
    public record Stores(WebhookEndpoints endpoints, Outbox outbox) {
    }

    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00.123Z");
    private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final WebhookSecret SECRET = WebhookSecret.ofKey(new byte[32]);
    private static final int THREADS = 8;

    private final ContractRun run = new ContractRun();
    private final String runId = run.prefix().replace("/", "").replace("-", "");

    /** The endpoint store under test, from {@link #newStores()}. */
    protected WebhookEndpoints endpoints;
    /** The outbox under test, from {@link #newStores()}. */
    protected Outbox outbox;

    /**
     * The stores under test, over one storage, called once before each case: fresh and empty, or shared by every
     * case; safe for use from several threads at once.
     */
    protected abstract Stores newStores();

    @BeforeEach
    void createStoresAndClearWhatOthersLeft() {
        Stores stores = newStores();
        endpoints = stores.endpoints();
        outbox = stores.outbox();
        endpoints.list().forEach(e -> endpoints.delete(e.endpointId()));
        List<ClaimedDelivery> leftOver;
        while (!(leftOver = outbox.claimDue(FAR_FUTURE, LEASE, 500)).isEmpty()) {
            leftOver.forEach(claim -> outbox.record(claim, AttemptOutcome.abandoned(FAR_FUTURE)));
        }
    }

    private String endpoint(String name, boolean enabled, EventType... types) {
        String id = run.global(name);
        endpoints.put(new WebhookEndpoint(id, "https://hooks.example.com/" + name, SECRET,
                types.length == 0 ? EventType.all() : EnumSet.of(types[0], types), enabled));
        return id;
    }

    private String endpoint(String name) {
        return endpoint(name, true);
    }

    private WebhookEvent event(String name, EventType type) {
        String body = "{\"type\":\"" + type.wireName() + "\",\"timestamp\":\"2026-03-10T12:00:00Z\",\"data\":{"
                + "\"account_id\":\"é✓𝄞 \\\"" + name + "\\\"\",\"n\":1}}";
        return new WebhookEvent("msg_" + runId + "_" + name, type, T0, body);
    }

    private WebhookEvent event(String name) {
        return event(name, EventType.TRIAL_EXPIRED);
    }

    private List<ClaimedDelivery> claimOurs(Instant now, int limit) {
        return outbox.claimDue(now, LEASE, limit).stream()
                .filter(c -> c.endpointId().startsWith(run.prefix())).toList();
    }

    private static Delivery only(List<Delivery> deliveries) {
        assertEquals(1, deliveries.size(), () -> "one delivery expected: " + deliveries);
        return deliveries.get(0);
    }

    @Test
    void anEventGoesPendingToEachEnabledEndpointSubscribedToItsType() {
        String all = endpoint("all");
        String trials = endpoint("trials", true, EventType.TRIAL_EXPIRED, EventType.TRIAL_WILL_END);
        String disabled = endpoint("disabled", false);
        String usage = endpoint("usage", true, EventType.USAGE_THRESHOLD_REACHED);
        WebhookEvent e = event("e1");

        assertTrue(outbox.enqueue(e, T0), "a new event is stored");

        Delivery delivery = only(outbox.deliveries(all, 100));
        assertEquals(new Delivery(e.messageId(), all, EventType.TRIAL_EXPIRED, DeliveryStatus.PENDING, 0, null,
                null, T0, T0), delivery, "a new delivery is pending, never attempted, due at once");
        assertEquals(1, outbox.deliveries(trials, 100).size(), "an endpoint subscribed to the type gets it");
        assertEquals(List.of(), outbox.deliveries(disabled, 100), "a disabled endpoint gets nothing");
        assertEquals(List.of(), outbox.deliveries(usage, 100), "an endpoint not subscribed to the type gets nothing");
    }

    @Test
    void anEventWhoseMessageIdIsStoredIsNotStoredAgain() {
        String ep = endpoint("ep");
        WebhookEvent first = event("e1");
        outbox.enqueue(first, T0);
        WebhookEvent sameId = new WebhookEvent(first.messageId(), EventType.TRIAL_EXPIRED, T0.plusSeconds(60),
                "{\"other\":true}");

        assertFalse(outbox.enqueue(sameId, T0.plusSeconds(60)), "a stored message id is refused");
        assertFalse(outbox.enqueue(first, T0.plusSeconds(61)), "however often it is enqueued");

        assertEquals(1, outbox.deliveries(ep, 100).size(), "nothing was added");
        List<ClaimedDelivery> claimed = claimOurs(T0.plusSeconds(120), 10);
        assertEquals(List.of(first), claimed.stream().map(ClaimedDelivery::event).toList(),
                "the first event stays exactly as it was");
    }

    @Test
    void anEventWithNoEndpointIsKeptSoALaterEndpointDoesNotMakeItNew() {
        WebhookEvent e = event("e1");

        assertTrue(outbox.enqueue(e, T0), "an event with no endpoint to go to is still stored");
        String later = endpoint("later");

        assertFalse(outbox.enqueue(e, T0.plusSeconds(5)), "it is not created again once an endpoint exists");
        assertEquals(List.of(), outbox.deliveries(later, 100), "an endpoint added later gets no earlier message");
    }

    @Test
    void dueDeliveriesAreClaimedOldestFirstWithTheEventExactlyAsStored() {
        String ep = endpoint("ep");
        WebhookEvent e1 = event("e1");
        WebhookEvent e2 = event("e2", EventType.TRIAL_WILL_END);
        WebhookEvent e3 = event("e3");
        outbox.enqueue(e2, T0.plusSeconds(1));
        outbox.enqueue(e1, T0);
        outbox.enqueue(e3, T0.plusSeconds(10));
        Instant now = T0.plusSeconds(5);

        List<ClaimedDelivery> claimed = claimOurs(now, 10);

        assertEquals(List.of(e1, e2), claimed.stream().map(ClaimedDelivery::event).toList(),
                "only due deliveries, oldest due first, each with its event exactly as enqueued");
        ClaimedDelivery first = claimed.get(0);
        assertEquals(ep, first.endpointId(), "the claim names its endpoint");
        assertEquals(0, first.attempts(), "no attempt was recorded yet");
        assertEquals(now.plus(LEASE), first.leaseUntil(), "the lease runs from now");
        assertNotEquals(first.claimToken(), claimed.get(1).claimToken(), "every claim has its own token");
    }

    @Test
    void deliveriesDueAtTheSameInstantAreClaimedInTheOrderTheyWereEnqueued() {
        endpoint("ep");
        List<WebhookEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(event("e" + i));
            outbox.enqueue(events.get(i), T0);
        }

        assertEquals(events, claimOurs(T0, 10).stream().map(ClaimedDelivery::event).toList(),
                "ties on the due instant keep the order of enqueuing");
    }

    @Test
    void aClaimTakesAtMostItsLimit() {
        endpoint("ep");
        for (int i = 0; i < 5; i++) {
            outbox.enqueue(event("e" + i), T0);
        }

        assertEquals(2, claimOurs(T0, 2).size(), "at most the limit");
        assertEquals(3, claimOurs(T0, 10).size(), "the rest, not those claimed already");
        assertEquals(0, claimOurs(T0, 10).size(), "nothing left");
    }

    @Test
    void aClaimedDeliveryIsNotClaimedAgainBeforeItsLeaseEnds() {
        endpoint("ep");
        outbox.enqueue(event("e1"), T0);
        ClaimedDelivery first = claimOurs(T0, 10).get(0);

        assertEquals(List.of(), claimOurs(T0.plus(LEASE).minusMillis(1), 10),
                "invisible to other claimers until the lease ends");

        List<ClaimedDelivery> again = claimOurs(T0.plus(LEASE), 10);
        assertEquals(1, again.size(), "claimed again once the lease has ended (its claimer is presumed dead)");
        ClaimedDelivery second = again.get(0);
        assertNotEquals(first.claimToken(), second.claimToken(), "the new claim has a new token");
        assertFalse(outbox.record(first, AttemptOutcome.delivered(200, T0.plusSeconds(70))),
                "the first claimer's outcome is refused once another claim took over");
        assertTrue(outbox.record(second, AttemptOutcome.delivered(200, T0.plusSeconds(71))),
                "the current claimer's outcome is recorded");
    }

    @Test
    void eightConcurrentClaimersNeverGetTheSameDelivery() throws Exception {
        List<String> eps = List.of(endpoint("a"), endpoint("b"), endpoint("c"));
        int events = 30;
        for (int i = 0; i < events; i++) {
            outbox.enqueue(event("e" + i), T0);
        }
        Instant now = T0.plusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<ClaimedDelivery> all = Collections.synchronizedList(new ArrayList<>());
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    List<ClaimedDelivery> mine;
                    while (!(mine = outbox.claimDue(now, LEASE, 3)).isEmpty()) {
                        all.addAll(mine);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Set<String> distinct = new HashSet<>();
        for (ClaimedDelivery claim : all) {
            assertTrue(distinct.add(claim.messageId() + " -> " + claim.endpointId()),
                    "no delivery is handed to two claimers: " + claim.messageId() + " -> " + claim.endpointId());
        }
        assertEquals(events * eps.size(), distinct.size(), "every due delivery was claimed by someone");
    }

    @Test
    void aDeliveredOutcomeIsFinal() {
        String ep = endpoint("ep");
        WebhookEvent e = event("e1");
        outbox.enqueue(e, T0);
        ClaimedDelivery claim = claimOurs(T0, 10).get(0);
        Instant at = T0.plusMillis(1_456);

        assertTrue(outbox.record(claim, AttemptOutcome.delivered(204, at)), "the claimer's outcome is recorded");

        assertEquals(new Delivery(e.messageId(), ep, EventType.TRIAL_EXPIRED, DeliveryStatus.DELIVERED, 1, 204, at,
                null, T0), only(outbox.deliveries(ep, 100)), "delivered: one attempt, its status and time");
        assertEquals(List.of(), claimOurs(T0.plus(Duration.ofDays(365)), 10), "a delivered message is never sent again");
    }

    @Test
    void aRetryCountsTheAttemptAndMakesTheDeliveryDueAtItsNextAttempt() {
        String ep = endpoint("ep");
        outbox.enqueue(event("e1"), T0);
        ClaimedDelivery claim = claimOurs(T0, 10).get(0);
        Instant at = T0.plusSeconds(2);
        Instant next = at.plusSeconds(30).plusMillis(333);

        assertTrue(outbox.record(claim, AttemptOutcome.retryAt(500, at, next)));

        Delivery pending = only(outbox.deliveries(ep, 100));
        assertEquals(DeliveryStatus.PENDING, pending.status(), "a retry stays pending");
        assertEquals(1, pending.attempts(), "the attempt counts");
        assertEquals(500, pending.lastStatusCode(), "with its status");
        assertEquals(at, pending.lastAttemptAt(), "and its time");
        assertEquals(next, pending.nextAttemptAt(), "the next attempt is exactly when it was asked for");
        assertEquals(List.of(), claimOurs(next.minusMillis(1), 10), "not due before its next attempt");
        List<ClaimedDelivery> again = claimOurs(next, 10);
        assertEquals(1, again.size(), "due at its next attempt");
        assertEquals(1, again.get(0).attempts(), "the claim carries the attempts made so far");
    }

    @Test
    void walkingTheScheduleEndsFailedAfterTheLastRetry() {
        String ep = endpoint("ep");
        outbox.enqueue(event("e1"), T0);
        RetrySchedule schedule = RetrySchedule.parse("5,30,120");
        Instant now = T0;
        List<Instant> dueTimes = new ArrayList<>();
        for (int attempt = 1; attempt <= schedule.maxAttempts(); attempt++) {
            List<ClaimedDelivery> claimed = claimOurs(now, 10);
            assertEquals(1, claimed.size(), "due for attempt " + attempt);
            ClaimedDelivery claim = claimed.get(0);
            assertEquals(attempt - 1, claim.attempts(), "attempts made before attempt " + attempt);
            Instant at = now.plusSeconds(1);
            Integer status = attempt == 2 ? null : 503; // the second gets no answer at all
            Optional<Instant> next = schedule.nextAttempt(claim.attempts() + 1, at);
            outbox.record(claim, next.map(n -> AttemptOutcome.retryAt(status, at, n))
                    .orElseGet(() -> AttemptOutcome.failed(status, at)));
            Delivery delivery = only(outbox.deliveries(ep, 100));
            assertEquals(attempt, delivery.attempts(), "every attempt counts");
            assertEquals(status, delivery.lastStatusCode(), "the last status, or none without an answer");
            if (next.isPresent()) {
                assertEquals(next.get(), delivery.nextAttemptAt(), "due again per the schedule");
                dueTimes.add(next.get());
                now = next.get();
            } else {
                assertEquals(DeliveryStatus.FAILED, delivery.status(), "failed after the last retry");
                assertEquals(null, delivery.nextAttemptAt(), "a failed delivery has no next attempt");
            }
        }
        assertEquals(List.of(T0.plusSeconds(6), T0.plusSeconds(37), T0.plusSeconds(158)), dueTimes,
                "5, 30 and 120 seconds after each failed attempt");
        assertEquals(List.of(), claimOurs(FAR_FUTURE.minusSeconds(1), 10), "a failed delivery is never sent again");
        assertEquals(4, only(outbox.deliveries(ep, 100)).attempts(), "four attempts in all");
    }

    @Test
    void anAbandonedDeliveryFailsWithoutCountingAnAttempt() {
        String ep = endpoint("ep");
        outbox.enqueue(event("e1"), T0);
        ClaimedDelivery claim = claimOurs(T0, 10).get(0);
        outbox.record(claim, AttemptOutcome.retryAt(503, T0.plusSeconds(1), T0.plusSeconds(6)));
        ClaimedDelivery again = claimOurs(T0.plusSeconds(6), 10).get(0);

        assertTrue(outbox.record(again, AttemptOutcome.abandoned(T0.plusSeconds(7))));

        Delivery failed = only(outbox.deliveries(ep, 100));
        assertEquals(DeliveryStatus.FAILED, failed.status(), "abandoned is failed");
        assertEquals(1, failed.attempts(), "without another attempt");
        assertEquals(503, failed.lastStatusCode(), "the last attempt's status stays");
        assertEquals(T0.plusSeconds(1), failed.lastAttemptAt(), "and its time");
    }

    @Test
    void anOutcomeIsRecordedOncePerClaim() {
        String ep = endpoint("ep");
        outbox.enqueue(event("e1"), T0);
        ClaimedDelivery claim = claimOurs(T0, 10).get(0);

        assertTrue(outbox.record(claim, AttemptOutcome.retryAt(500, T0.plusSeconds(1), T0.plusSeconds(6))));
        assertFalse(outbox.record(claim, AttemptOutcome.delivered(200, T0.plusSeconds(2))),
                "a claim whose outcome was recorded is spent");

        assertEquals(DeliveryStatus.PENDING, only(outbox.deliveries(ep, 100)).status(), "the second changed nothing");
        assertEquals(1, only(outbox.deliveries(ep, 100)).attempts());
    }

    @Test
    void anOutcomeAfterTheLeaseRanOutIsRecordedWhenNobodyClaimedSince() {
        String ep = endpoint("ep");
        outbox.enqueue(event("e1"), T0);
        ClaimedDelivery claim = claimOurs(T0, 10).get(0);

        assertTrue(outbox.record(claim, AttemptOutcome.delivered(200, T0.plus(LEASE).plusSeconds(30))),
                "a late outcome still counts while its claim is the current one");
        assertEquals(DeliveryStatus.DELIVERED, only(outbox.deliveries(ep, 100)).status());
    }

    @Test
    void deliveriesAreNewestFirstAndAtMostTheLimit() {
        String ep = endpoint("ep");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            WebhookEvent e = event("e" + i);
            ids.add(e.messageId());
            outbox.enqueue(e, T0.plusSeconds(i / 2)); // pairs share an instant: the later enqueued is newer
        }
        List<String> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);

        List<Delivery> view = outbox.deliveries(ep, 100);

        assertEquals(newestFirst.subList(0, 100), view.stream().map(Delivery::messageId).toList(),
                "newest first (ties: the later enqueued first), at most 100");
        assertEquals(newestFirst.subList(0, 3),
                outbox.deliveries(ep, 3).stream().map(Delivery::messageId).toList(), "any smaller limit holds too");
    }

    @Test
    void deliveriesAreThoseOfTheEndpointOnly() {
        String a = endpoint("a");
        String b = endpoint("b", true, EventType.TRIAL_WILL_END);
        outbox.enqueue(event("e1"), T0);
        outbox.enqueue(event("e2", EventType.TRIAL_WILL_END), T0.plusSeconds(1));

        assertEquals(2, outbox.deliveries(a, 100).size());
        assertEquals(List.of(event("e2", EventType.TRIAL_WILL_END).messageId()),
                outbox.deliveries(b, 100).stream().map(Delivery::messageId).toList(), "only its own deliveries");
        assertEquals(List.of(), outbox.deliveries(run.global("nobody"), 100), "an unknown endpoint has none");
    }

    @Test
    void deletingAnEndpointForgetsItsDeliveriesPendingOrClaimed() {
        String a = endpoint("a");
        String b = endpoint("b");
        WebhookEvent e1 = event("e1");
        outbox.enqueue(e1, T0);
        outbox.enqueue(event("e2"), T0.plusSeconds(1));
        ClaimedDelivery claimedForA = claimOurs(T0, 10).stream().filter(c -> c.endpointId().equals(a))
                .findFirst().orElseThrow();

        assertTrue(endpoints.delete(a));

        assertEquals(List.of(), outbox.deliveries(a, 100), "a deleted endpoint has no deliveries");
        assertFalse(outbox.record(claimedForA, AttemptOutcome.delivered(200, T0.plusSeconds(2))),
                "an outcome for a deleted endpoint's delivery is not recorded");
        assertTrue(claimOurs(FAR_FUTURE.minusSeconds(1), 100).stream().noneMatch(c -> c.endpointId().equals(a)),
                "nothing is ever sent to a deleted endpoint");
        assertEquals(2, outbox.deliveries(b, 100).size(), "other endpoints keep theirs");

        endpoint("a");
        assertEquals(List.of(), outbox.deliveries(a, 100), "an endpoint put again under the id starts afresh");
        assertFalse(outbox.enqueue(e1, T0.plusSeconds(3)), "and the event is still not created again");
    }
}

package com.hydracore.billing.application.contract;

import static com.hydracore.billing.application.contract.UsageFixtures.MARCH;
import static com.hydracore.billing.application.contract.UsageFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.application.port.out.AlertPlan.AccountAlerting;
import com.hydracore.billing.application.port.out.AttemptOutcome;
import com.hydracore.billing.application.port.out.ClaimedDelivery;
import com.hydracore.billing.application.port.out.Outbox;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.alert.ThresholdReached;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The usage alerts a {@link UsageLedger} with an outbox raises in its append ({@link UsageLedger#appendAll(List,
 * AlertPlan)}): subclass it and implement {@link #newStores()} with the ledger, endpoints and outbox of one storage.
 * The cases register one endpoint for {@code usage.threshold_reached} and read the queued messages back by claiming
 * them ({@link Outbox#claimDue}), so, as for {@link OutboxContract}, before each case every endpoint is deleted and
 * anything pending is settled: give it a test database, and do not run its cases in parallel with the outbox's.
 */
public abstract class UsageAlertsContract {

    /** The three ports over one storage. */
    public record Stores(UsageLedger ledger, WebhookEndpoints endpoints, Outbox outbox) {
    }

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(60);
    /** 1000 tokens, 100 API calls. */
    private static final PlanLimits LIMITS = new PlanLimits(1_000, 100, 10, 1, 25);
    private static final int THREADS = 8;

    private final ContractRun run = new ContractRun();

    /** The ledger under test, from {@link #newStores()}. */
    protected UsageLedger ledger;
    /** The endpoints of the ledger's storage. */
    protected WebhookEndpoints endpoints;
    /** The outbox of the ledger's storage. */
    protected Outbox outbox;

    /** The ports under test, over one storage, called once before each case; safe for use from several threads. */
    protected abstract Stores newStores();

    @BeforeEach
    void createStoresAndClearWhatOthersLeft() {
        Stores stores = newStores();
        ledger = stores.ledger();
        endpoints = stores.endpoints();
        outbox = stores.outbox();
        endpoints.list().forEach(e -> endpoints.delete(e.endpointId()));
        settle();
        endpoints.put(new WebhookEndpoint(run.global("alerts"), "https://hooks.example.com/alerts",
                WebhookSecret.ofKey(new byte[32]), EnumSet.of(EventType.USAGE_THRESHOLD_REACHED), true));
    }

    /** Claims (and abandons) every pending delivery: the messages queued since the last call, oldest first. */
    private List<WebhookEvent> settle() {
        List<WebhookEvent> events = new ArrayList<>();
        List<ClaimedDelivery> claimed;
        while (!(claimed = outbox.claimDue(FAR_FUTURE, LEASE, 500)).isEmpty()) {
            claimed.forEach(claim -> {
                events.add(claim.event());
                outbox.record(claim, AttemptOutcome.abandoned(FAR_FUTURE));
            });
        }
        return events;
    }

    private static AlertPlan plan(String... accounts) {
        Map<String, AccountAlerting> entries = new HashMap<>();
        for (String account : accounts) {
            entries.put(account, new AccountAlerting(MARCH, LIMITS, NOW));
        }
        return new AlertPlan(AlertThresholds.DEFAULT, entries);
    }

    private static UsageEvent tokens(String account, String id, long tokens) {
        return event(account, id).tokens(tokens).requests(0).build();
    }

    private static WebhookEvent expected(String account, QuotaMetric metric, int threshold, long used, long limit) {
        return WebhookEvent.of(new ThresholdReached(account, metric, threshold, used, limit, MARCH), NOW);
    }

    @Test
    void aBatchCrossingAThresholdQueuesItsMessageWithTheUsageAfterTheBatch() {
        String acme = run.account("acme");
        ledger.append(List.of(tokens(acme, "e1", 700)), plan(acme));
        assertEquals(List.of(), settle(), "70 % of the allowance reaches no threshold");

        ledger.append(List.of(tokens(acme, "e2", 150)), plan(acme));

        assertEquals(List.of(expected(acme, QuotaMetric.TOKENS, 80, 850, 1_000)), settle());
    }

    @Test
    void oneBatchCrossingBothThresholdsOfTwoMetricsQueuesEach() {
        String acme = run.account("acme");
        ledger.append(List.of(event(acme, "e1").tokens(600).requests(60).build(),
                event(acme, "e2").tokens(500).requests(25).build()), plan(acme));

        List<WebhookEvent> queued = settle();
        assertEquals(3, queued.size(), queued.toString());
        assertTrue(queued.containsAll(List.of(expected(acme, QuotaMetric.TOKENS, 80, 1_100, 1_000),
                expected(acme, QuotaMetric.TOKENS, 100, 1_100, 1_000),
                expected(acme, QuotaMetric.API_CALLS, 80, 85, 100))), queued.toString());
    }

    @Test
    void aThresholdIsReachedOncePerPeriodWhateverComesAfter() {
        String acme = run.account("acme");
        ledger.append(List.of(tokens(acme, "e1", 800)), plan(acme));
        assertEquals(1, settle().size());

        ledger.append(List.of(tokens(acme, "e2", 50)), plan(acme));
        ledger.append(List.of(tokens(acme, "e1", 800)), plan(acme)); // a retry: a duplicate adds nothing
        assertEquals(List.of(), settle());

        ledger.append(List.of(tokens(acme, "e3", 150)), plan(acme));
        assertEquals(List.of(expected(acme, QuotaMetric.TOKENS, 100, 1_000, 1_000)), settle());
    }

    @Test
    void distinctConversationsCrossTheirThresholdAndAConversationAlreadyCountedAddsNothing() {
        String acme = run.account("acme");
        List<UsageEvent> seven = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            seven.add(conversation(acme, "c" + i, "conv-" + i));
        }
        ledger.append(seven, plan(acme));
        assertEquals(List.of(), settle(), "7 of 10 conversations");

        // conv-0 again and conv-7: 8 distinct, whatever the batch's size
        ledger.append(List.of(conversation(acme, "d1", "conv-0"), conversation(acme, "d2", "conv-7")), plan(acme));
        assertEquals(List.of(expected(acme, QuotaMetric.CONVERSATIONS, 80, 8, 10)), settle());

        ledger.append(List.of(conversation(acme, "d3", "conv-1"), conversation(acme, "d4", "conv-2")), plan(acme));
        assertEquals(List.of(), settle(), "conversations already counted add nothing");
    }

    private static UsageEvent conversation(String account, String id, String conversationId) {
        return event(account, id).tokens(0).requests(0).conversation(conversationId).build();
    }

    @Test
    void onlyNewEventsDatedInTheCurrentPeriodCount() {
        String acme = run.account("acme");
        // February's usage is not March's: it neither alerts nor counts towards March
        ledger.append(List.of(event(acme, "feb").at("2026-02-27T10:00:00Z").tokens(5_000).requests(0).build()),
                plan(acme));
        assertEquals(List.of(), settle());

        ledger.append(List.of(tokens(acme, "mar", 790)), plan(acme));
        assertEquals(List.of(), settle(), "790 of 1000 in March");
    }

    @Test
    void anAccountWithoutAPlanEntryOrWithoutThresholdsRaisesNothing() {
        String acme = run.account("acme");
        String other = run.account("other");
        ledger.append(List.of(tokens(acme, "e1", 900)));
        ledger.appendAll(List.of(List.of(tokens(acme, "e2", 900))),
                new AlertPlan(new AlertThresholds(List.of()), plan(acme).accounts()));
        ledger.append(List.of(tokens(acme, "e3", 900)), plan(other));

        assertEquals(List.of(), settle());
    }

    @Test
    void batchesOfSeveralAccountsWrittenTogetherAlertEachAccount() {
        String a = run.account("a");
        String b = run.account("b");
        ledger.appendAll(List.of(List.of(tokens(a, "e1", 500), tokens(b, "e1", 100)),
                List.of(tokens(a, "e2", 400), tokens(b, "e2", 850))), plan(a, b));

        List<WebhookEvent> queued = settle();
        assertEquals(2, queued.size(), queued.toString());
        assertTrue(queued.containsAll(List.of(expected(a, QuotaMetric.TOKENS, 80, 900, 1_000),
                expected(b, QuotaMetric.TOKENS, 80, 950, 1_000))), queued.toString());
    }

    @Test
    void concurrentBatchesOfOneAccountNeitherMissNorDoubleACrossing() throws Exception {
        // 8 batches of 150 tokens on 8 different days (different rows), at once: together 1200 of 1000. Each batch
        // alone crosses nothing from 0, so a batch that did not see the others' usage would miss both crossings;
        // two that saw each other's would both find one.
        String acme = run.account("acme");
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> appends = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                UsageEvent e = event(acme, "e" + i).at("2026-03-0" + (i + 1) + "T10:00:00Z").tokens(150)
                        .requests(0).build();
                appends.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return ledger.append(List.of(e), plan(acme));
                }));
            }
            for (Future<?> f : appends) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<WebhookEvent> queued = settle();
        assertEquals(2, queued.size(), queued.toString());
        List<String> ids = queued.stream().map(WebhookEvent::messageId).sorted().toList();
        assertEquals(List.of(expected(acme, QuotaMetric.TOKENS, 80, 0, 1_000).messageId(),
                expected(acme, QuotaMetric.TOKENS, 100, 0, 1_000).messageId()).stream().sorted().toList(), ids);
        for (WebhookEvent e : queued) {
            // 80 % is found by the batch that makes 900 (6 × 150), 100 % by the one that makes 1050 (7 × 150)
            assertTrue(e.body().contains("\"used\":900") || e.body().contains("\"used\":1050"), e.body());
        }
    }

    @Test
    void aFailedAppendQueuesNoAlert() {
        String acme = run.account("acme");
        Optional<UsageLedger> failing = ledgerFailingOnWriteOf(ledger, "poison");
        assumeTrue(failing.isPresent(), "no failure seam for this ledger");

        assertThrows(RuntimeException.class, () -> failing.get().append(
                List.of(tokens(acme, "a", 900), tokens(acme, "poison", 10)), plan(acme)));

        assertEquals(List.of(), settle());
    }

    /**
     * A ledger over the same storage as {@code ledger} that fails once it has written (part of) the event
     * {@code eventId}, or empty when the implementation has no such seam (the case is then skipped).
     */
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.empty();
    }
}

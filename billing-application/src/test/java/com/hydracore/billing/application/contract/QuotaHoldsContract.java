package com.hydracore.billing.application.contract;

import static com.hydracore.billing.application.contract.UsageFixtures.MARCH;
import static com.hydracore.billing.application.contract.UsageFixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.application.port.out.QuotaHolds.Created;
import com.hydracore.billing.application.port.out.QuotaHolds.Existing;
import com.hydracore.billing.application.port.out.QuotaHolds.Outcome;
import com.hydracore.billing.application.port.out.QuotaHolds.Refused;
import com.hydracore.billing.application.port.out.QuotaHolds.Terms;
import com.hydracore.billing.application.port.out.QuotaHolds.Usage;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.QuotaMetric;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.quota.Reservation;
import com.hydracore.billing.domain.quota.ReservationRequest;
import com.hydracore.billing.domain.quota.ReservationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link QuotaHolds} must honour, together with the {@link UsageLedger} over the same storage
 * (what is used, and the settle step of its appends) and the {@link Inventory} (the active instances): subclass it
 * and implement {@link #newStores}.
 *
 * <p>Cases run on March 2026 at {@link #NOW}; account ids are unique per case ({@link ContractRun}), so the stores
 * may be shared. The ledger must settle by the clock handed to {@link #newStores}.
 */
public abstract class QuotaHoldsContract {

    /** The three ports over one storage: the inventory's instances count against {@code instances}. */
    public record Stores(QuotaHolds holds, UsageLedger ledger, Inventory inventory) {
    }

    /** The instant the cases hold at: inside {@link UsageFixtures#MARCH}. */
    protected static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    /** Tokens 1000, requests 100, conversations 2, instances 1. */
    private static final PlanLimits LIMITS = new PlanLimits(1000, 100, 2, 1, 25);

    private final ContractRun run = new ContractRun();
    private MutableClock clock;

    /** The holds under test, from {@link #newStores}. */
    protected QuotaHolds holds;
    /** The ledger over the same storage, from {@link #newStores}. */
    protected UsageLedger ledger;
    /** The inventory over the same storage, from {@link #newStores}. */
    protected Inventory inventory;

    /** The stores under test, the ledger settling by {@code clock}; called once before each case. */
    protected abstract Stores newStores(MutableClock clock);

    /** How many concurrent holds the concurrency case sends; at least 50. */
    protected int concurrentHolds() {
        return 60;
    }

    @BeforeEach
    void createStores() {
        clock = new MutableClock(NOW);
        Stores stores = newStores(clock);
        holds = stores.holds();
        ledger = stores.ledger();
        inventory = stores.inventory();
    }

    private static Terms terms(LimitPolicy policy) {
        return new Terms(MARCH, LIMITS, policy);
    }

    private static ReservationRequest request(String id, long tokens) {
        return ReservationRequest.of(id, tokens, null, null, null);
    }

    private static ReservationRequest request(String id, long tokens, String conversation, long ttl) {
        return ReservationRequest.of(id, tokens, null, conversation, ttl);
    }

    private Outcome hold(String account, ReservationRequest request, LimitPolicy policy) {
        return holds.hold(run.account(account), request, terms(policy), clock.instant());
    }

    private LiveHolds live(String account) {
        return holds.usage(run.account(account), MARCH, clock.instant()).live();
    }

    private QuotaUsage used(String account) {
        return holds.usage(run.account(account), MARCH, clock.instant()).used();
    }

    @Test
    void usageCountsThePeriodsTokensRequestsConversationsAndActiveInstancesOfTheAccountOnly() {
        String a = run.account("a");
        assertEquals(new Usage(QuotaUsage.NONE, LiveHolds.NONE), holds.usage(a, MARCH, clock.instant()),
                "nothing used, nothing held");
        ledger.append(List.of(
                event(a, "e1").tokens(100).requests(2).conversation("c1").build(),
                event(a, "e2").tokens(50).requests(1).conversation("c1").at("2026-03-01T00:00:00Z").build(),
                event(a, "e3").tokens(7).requests(1).conversation("c2").at("2026-03-31T23:59:59Z").build(),
                event(a, "e4").tokens(1).requests(0).build(),
                event(a, "before").tokens(1000).requests(10).conversation("c3")
                        .at("2026-02-28T23:59:59Z").build(),
                event(run.account("b"), "e1").tokens(9).conversation("c4").build()));
        inventory.saveInstance(new Instance(a, "i1", "one", InstanceStatus.ACTIVE));
        inventory.saveInstance(new Instance(a, "i2", "two", InstanceStatus.ACTIVE));
        inventory.saveInstance(new Instance(a, "i3", "three", InstanceStatus.STOPPED));
        inventory.saveInstance(new Instance(a, "i4", "four", InstanceStatus.DELETED));
        inventory.saveInstance(new Instance(run.account("b"), "i1", "b's", InstanceStatus.ACTIVE));
        assertEquals(new QuotaUsage(158, 4, 2, 2), used("a"),
                "March's events only (inst-1 was registered by no one: the ledger does not register instances)");
        assertEquals(new QuotaUsage(9, 1, 1, 1), used("b"));
    }

    @Test
    void usageCountsConversationsOfThePeriodOnlyOnceAnEventWasSeenPastItsEnd() {
        String a = run.account("a");
        ledger.append(List.of(event(a, "e1").conversation("c1").build(),
                event(a, "e2").conversation("c2").build()));
        assertEquals(2, used("a").conversations());
        // c1 seen again in April (an event ahead of the clock): the period's count is read another way, and is the same
        ledger.append(List.of(event(a, "e3").tokens(5).conversation("c1").at("2026-04-01T00:01:00Z").build(),
                event(a, "e4").conversation("c9").at("2026-04-01T00:02:00Z").build()));
        assertEquals(new QuotaUsage(20, 2, 2, 0), used("a"), "April's tokens, requests and c9 are not March's");
    }

    @Test
    void usageReservesWhatLiveHoldsAddAsLiveHoldsOfSays() {
        String a = run.account("a");
        ledger.append(List.of(event(a, "e1").conversation("used").build(),
                event(a, "e2").conversation("february").at("2026-02-20T10:00:00Z").build()));
        hold("a", request("r1", 100, "used", 60), LimitPolicy.SOFT);
        hold("a", request("r2", 200, "february", 60), LimitPolicy.SOFT);
        hold("a", request("r3", 300, "new", 60), LimitPolicy.SOFT);
        hold("a", request("r4", 400, "new", 60), LimitPolicy.SOFT);
        hold("a", request("r5", 500, "released", 60), LimitPolicy.SOFT);
        hold("a", request("r6", 600, "expiring", 5), LimitPolicy.SOFT);
        hold("a", request("r7", 700), LimitPolicy.SOFT);
        hold("a", request("r8", 800, "settled", 60), LimitPolicy.SOFT);
        hold("b", request("r1", 5, "other", 60), LimitPolicy.SOFT);
        holds.release(a, "r5", clock.instant());
        clock.advance(Duration.ofSeconds(5));
        ledger.append(List.of(event(a, "e3").tokens(1).requests(1).reservation("r8").build()));
        assertEquals(new LiveHolds(100 + 200 + 300 + 400 + 700, 5, 2), live("a"),
                "'used' is used, 'february' is not this period's, 'new' counts once; released, expired, settled do "
                        + "not count");
        List<Reservation> all = new ArrayList<>();
        for (String id : List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8")) {
            all.add(holds.find(a, id).orElseThrow());
        }
        assertEquals(LiveHolds.of(all, Set.of("used"), clock.instant()), live("a"), "the domain's reference");
        assertEquals(new QuotaUsage(11, 2, 1, 0), used("a"), "the settling event counts as used");
        assertEquals(new LiveHolds(5, 1, 1), live("b"));
    }

    @Test
    void aGrantedHoldIsStoredAsAskedAndCountsAsLive() {
        Outcome outcome = hold("a", request("r1", 300, "c1", 60), LimitPolicy.HARD);
        Reservation r = assertInstanceOf(Created.class, outcome).reservation();
        assertEquals(run.account("a"), r.accountId());
        assertEquals(300, r.tokens());
        assertEquals(1, r.requests());
        assertEquals("c1", r.conversationId());
        assertEquals(NOW, r.createdAt());
        assertEquals(NOW.plusSeconds(60), r.expiresAt());
        assertFalse(r.overLimit());
        assertEquals(Optional.of(r), holds.find(run.account("a"), "r1"));
        assertEquals(new LiveHolds(300, 1, 1), live("a"));
        assertEquals(LiveHolds.NONE, live("other"), "another account holds nothing");
        assertEquals(Optional.empty(), holds.find(run.account("other"), "r1"), "ids are per account");
    }

    @Test
    void theSameIdAgainAnswersTheStoredReservationAndHoldsNothingTwice() {
        Reservation first = assertInstanceOf(Created.class, hold("a", request("r1", 300), LimitPolicy.HARD))
                .reservation();
        clock.advance(Duration.ofSeconds(5));
        Outcome again = hold("a", request("r1", 999_999), LimitPolicy.HARD);
        assertEquals(first, assertInstanceOf(Existing.class, again).reservation(), "whatever the body says");
        assertEquals(new LiveHolds(300, 1, 0), live("a"));
    }

    @Test
    void aHardLimitRefusesAHoldThatWouldPassItAndHoldsNothing() {
        ledger.append(List.of(event(run.account("a"), "e1").tokens(900).build()));
        Outcome outcome = hold("a", request("r1", 101), LimitPolicy.HARD);
        assertEquals(new Refused(QuotaMetric.TOKENS, 100), outcome);
        assertEquals(Optional.empty(), holds.find(run.account("a"), "r1"));
        assertEquals(LiveHolds.NONE, live("a"));
        assertInstanceOf(Created.class, hold("a", request("r2", 100), LimitPolicy.HARD), "exactly the remaining fits");
        assertEquals(new Refused(QuotaMetric.TOKENS, 0), hold("a", request("r3", 1), LimitPolicy.HARD),
                "live holds count as reserved");
    }

    @Test
    void theFirstMetricInContractOrderIsNamed() {
        ledger.append(List.of(event(run.account("a"), "e1").tokens(1000).requests(100).build()));
        assertEquals(new Refused(QuotaMetric.TOKENS, 0), hold("a", request("r1", 1), LimitPolicy.HARD));
        assertEquals(new Refused(QuotaMetric.API_CALLS, 0), hold("a", request("r2", 0), LimitPolicy.HARD));
    }

    @Test
    void aSoftLimitHoldsPastItMarkedOverLimit() {
        Reservation r = assertInstanceOf(Created.class, hold("a", request("r1", 1001), LimitPolicy.SOFT))
                .reservation();
        assertTrue(r.overLimit());
        Reservation within = assertInstanceOf(Created.class, hold("b", request("r1", 10), LimitPolicy.SOFT))
                .reservation();
        assertFalse(within.overLimit());
    }

    @Test
    void aConversationCountsOnceWhileNewAndNotOnceUsed() {
        ledger.append(List.of(event(run.account("a"), "e1").conversation("used").build()));
        assertInstanceOf(Created.class, hold("a", request("r1", 1, "c1", 60), LimitPolicy.HARD));
        assertInstanceOf(Created.class, hold("a", request("r2", 1, "c1", 60), LimitPolicy.HARD));
        assertInstanceOf(Created.class, hold("a", request("r3", 1, "used", 60), LimitPolicy.HARD));
        assertEquals(new LiveHolds(3, 3, 1), live("a"), "c1 held twice counts once; 'used' is already used");
        assertEquals(new Refused(QuotaMetric.CONVERSATIONS, 0), hold("a", request("r4", 1, "c2", 60),
                LimitPolicy.HARD), "1 used + 1 held of 2");
        assertInstanceOf(Created.class, hold("a", request("r5", 1, "c1", 60), LimitPolicy.HARD),
                "a conversation already held adds nothing");
    }

    @Test
    void releaseEndsAHeldReservationOnceAndUnknownIsEmpty() {
        hold("a", request("r1", 300), LimitPolicy.HARD);
        clock.advance(Duration.ofSeconds(2));
        Reservation released = holds.release(run.account("a"), "r1", clock.instant()).orElseThrow();
        assertEquals(ReservationStatus.RELEASED, released.statusAt(clock.instant()));
        assertEquals(NOW.plusSeconds(2), released.releasedAt());
        assertEquals(LiveHolds.NONE, live("a"));
        clock.advance(Duration.ofSeconds(2));
        assertEquals(released, holds.release(run.account("a"), "r1", clock.instant()).orElseThrow(),
                "released again: unchanged");
        assertEquals(Optional.empty(), holds.release(run.account("a"), "nope", clock.instant()));
        assertEquals(Optional.of(released), holds.find(run.account("a"), "r1"));
    }

    @Test
    void aHoldExpiresByTheClockAndThenNeitherCountsNorReleases() {
        hold("a", request("r1", 1000, null, 10), LimitPolicy.HARD);
        clock.advance(Duration.ofSeconds(9));
        assertEquals(new LiveHolds(1000, 1, 0), live("a"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(LiveHolds.NONE, live("a"), "at expires_at it stops counting");
        assertInstanceOf(Created.class, hold("a", request("r2", 1000), LimitPolicy.HARD));
        Reservation r1 = holds.release(run.account("a"), "r1", clock.instant()).orElseThrow();
        assertEquals(ReservationStatus.EXPIRED, r1.statusAt(clock.instant()));
        assertEquals(null, r1.releasedAt());
    }

    @Test
    void anEventNamingALiveHoldSettlesItAndItsOwnUsageCounts() {
        hold("a", request("r1", 500, "c1", 60), LimitPolicy.HARD);
        clock.advance(Duration.ofSeconds(3));
        ledger.append(List.of(event(run.account("a"), "e1").tokens(200).conversation("c1").reservation("r1")
                .build()));
        Reservation settled = holds.find(run.account("a"), "r1").orElseThrow();
        assertEquals(ReservationStatus.SETTLED, settled.statusAt(clock.instant()));
        assertEquals(NOW.plusSeconds(3), settled.settledAt());
        assertEquals(LiveHolds.NONE, live("a"));
        assertEquals(new Refused(QuotaMetric.TOKENS, 800), hold("a", request("r2", 801), LimitPolicy.HARD),
                "the event's 200 count, not the 500 held");
    }

    @Test
    void aDuplicateEventSettlesNothingAndEndedHoldsStayAsTheyAre() {
        ledger.append(List.of(event(run.account("a"), "e1").build()));
        hold("a", request("r1", 5), LimitPolicy.HARD);
        ledger.append(List.of(event(run.account("a"), "e1").reservation("r1").build()));
        assertEquals(ReservationStatus.HELD, holds.find(run.account("a"), "r1").orElseThrow()
                .statusAt(clock.instant()), "a duplicate is not accepted, so it settles nothing");
        hold("a", request("r2", 5, null, 5), LimitPolicy.HARD);
        holds.release(run.account("a"), "r1", clock.instant());
        clock.advance(Duration.ofSeconds(5));
        ledger.append(List.of(event(run.account("a"), "e2").reservation("r1").build(),
                event(run.account("a"), "e3").reservation("r2").build(),
                event(run.account("a"), "e4").reservation("unknown").build()));
        assertEquals(ReservationStatus.RELEASED, holds.find(run.account("a"), "r1").orElseThrow()
                .statusAt(clock.instant()));
        assertEquals(ReservationStatus.EXPIRED, holds.find(run.account("a"), "r2").orElseThrow()
                .statusAt(clock.instant()));
        assertEquals(Optional.empty(), holds.find(run.account("a"), "unknown"));
    }

    @Test
    void anEventOfAnotherAccountSettlesNothing() {
        hold("a", request("r1", 5), LimitPolicy.HARD);
        ledger.append(List.of(event(run.account("b"), "e1").reservation("r1").build()));
        assertEquals(ReservationStatus.HELD, holds.find(run.account("a"), "r1").orElseThrow()
                .statusAt(clock.instant()));
    }

    /**
     * The guarantee (API §7): N concurrent holds of s against R remaining grant exactly min(N, ⌊R/s⌋), and the same
     * reservation id sent twice concurrently is held once.
     */
    @Test
    void concurrentHoldsGrantExactlyWhatRemains() throws Exception {
        int n = concurrentHolds();
        long s = 37;
        ledger.append(List.of(event(run.account("a"), "e1").tokens(1000 - 37 * 20 - 5).requests(0).build()));
        // R = 37 * 20 + 5: twenty fit, the rest are refused whoever asks first
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "r" + (i % (n - 5)); // five ids are sent twice
            calls.add(() -> hold("a", request(id, s), LimitPolicy.HARD));
        }
        List<Outcome> outcomes = runTogether(calls);
        long created = outcomes.stream().filter(o -> o instanceof Created).count();
        long refused = outcomes.stream().filter(o -> o instanceof Refused).count();
        assertEquals(20, created, "exactly ⌊R/s⌋ granted: " + outcomes);
        assertEquals(n - 20, refused + outcomes.stream().filter(o -> o instanceof Existing).count());
        assertEquals(new LiveHolds(20 * s, 20, 0), live("a"));
    }

    /** Runs every call at once (released together) and answers their outcomes, in order (also the ITs' tool). */
    public static <T> List<T> runTogether(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}

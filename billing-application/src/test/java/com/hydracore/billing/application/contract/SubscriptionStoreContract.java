package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.domain.subscription.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link SubscriptionStore} must honour: subclass it and implement {@link #newStore()}.
 *
 * <p>Isolation: every case uses account ids made unique by a random UUID, so {@link #newStore()} may return a fresh
 * empty store or one shared by every case.
 *
 * <p>Beyond the port's Javadoc: instants round-trip exactly to at least the millisecond (cases use {@code .123Z});
 * subscription ids are scoped to their account (two accounts may hold the same id); a replaced subscription keeps the
 * place it got when first saved among ties on {@code startedAt} (e.g. an insertion sequence the upsert never updates).
 */
public abstract class SubscriptionStoreContract {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

    private final ContractRun run = new ContractRun();

    /** The store under test, from {@link #newStore()}, once per case. */
    protected SubscriptionStore store;

    /** The store under test, called once before each case: fresh and empty, or shared by every case. */
    protected abstract SubscriptionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void everyFieldRoundTripsWhenSet() {
        String acme = run.account("acme");
        Subscription full = new Subscription("sub-1", acme, "tier-pro", T0, T0.plusSeconds(14 * 86_400L),
                Instant.parse("2026-03-05T08:00:00.456Z"), Instant.parse("2026-04-01T09:30:00.789Z"),
                Instant.parse("2026-05-01T00:00:00Z"), true);

        store.save(full);

        String rule = "every field round-trips, instants exactly to the millisecond at least";
        assertEquals(Optional.of(full), store.find(acme, "sub-1"), rule);
        assertEquals(List.of(full), store.forAccount(acme), rule);
    }

    @Test
    void absentInstantsRoundTripAsNull() {
        String acme = run.account("acme");
        Subscription bare = new Subscription("sub-1", acme, "tier-pro", T0, null, null, null, null, false);

        store.save(bare);

        String rule = "an instant that is not set round-trips as null";
        assertEquals(Optional.of(bare), store.find(acme, "sub-1"), rule);
    }

    @Test
    void eachInstantFieldIsKeptInItsOwnPlace() {
        String acme = run.account("acme");
        Subscription a = new Subscription("sub-a", acme, "tier-pro", T0, T0.plusMillis(1), null,
                T0.plusMillis(3), null, false);
        Subscription b = new Subscription("sub-b", acme, "tier-pro", T0, null, T0.plusMillis(2), null,
                T0.plusMillis(4), false);
        Subscription c = new Subscription("sub-c", acme, "tier-pro", T0, null, null, null, T0.plusSeconds(1), true);

        store.save(a);
        store.save(b);
        store.save(c);

        String rule = "each instant is kept in its own field, never swapped with another";
        assertEquals(Optional.of(a), store.find(acme, "sub-a"), rule);
        assertEquals(Optional.of(b), store.find(acme, "sub-b"), rule);
        assertEquals(Optional.of(c), store.find(acme, "sub-c"), rule);
    }

    @Test
    void longestIdsRoundTrip() {
        String account = run.ofLength(128);
        Subscription s = new Subscription("s".repeat(128), account, "t".repeat(127) + "✓", T0, null, null, null, null,
                false);

        store.save(s);

        String rule = "ids of 128 code points of any Unicode round-trip whole";
        assertEquals(List.of(s), store.forAccount(account), rule);
    }

    @Test
    void forAccountListsOldestFirstByStartedAt() {
        String acme = run.account("acme");
        Subscription third = subscription(acme, "sub-1", T0.plusSeconds(7200));
        Subscription first = subscription(acme, "sub-2", T0);
        Subscription second = subscription(acme, "sub-3", T0.plusMillis(1));
        store.save(third);
        store.save(first);
        store.save(second);

        String rule = "forAccount lists an account's subscriptions oldest first by startedAt";
        assertEquals(List.of(first, second, third), store.forAccount(acme), rule);
    }

    @Test
    void tiesOnStartedAtKeepTheOrderTheyWereFirstSavedIn() {
        String acme = run.account("acme");
        Subscription z = subscription(acme, "sub-z", T0);
        Subscription a = subscription(acme, "sub-a", T0);
        Subscription m = subscription(acme, "sub-m", T0);
        Subscription earlier = subscription(acme, "sub-0", T0.minusSeconds(1));
        store.save(z);
        store.save(a);
        store.save(m);
        store.save(earlier);
        Subscription zCanceled = new Subscription("sub-z", acme, "tier-pro", T0, null, null, null,
                T0.plusSeconds(60), false);

        store.save(zCanceled);

        String rule = "ties on startedAt keep the order in which the subscriptions were first saved, whatever is "

                + "saved later";
        assertEquals(List.of(earlier, zCanceled, a, m), store.forAccount(acme), rule);
    }

    @Test
    void savingASubscriptionAgainReplacesIt() {
        String acme = run.account("acme");
        Subscription trial = new Subscription("sub-1", acme, "tier-pro", T0, T0.plusSeconds(86_400), null, null,
                null, false);
        store.save(trial);
        Subscription activated = new Subscription("sub-1", acme, "tier-pro", T0, T0.plusSeconds(86_400),
                T0.plusSeconds(3600), null, Instant.parse("2026-04-01T00:00:00Z"), true);

        store.save(activated);

        String rule = "saving a subscription again replaces every field, never adds a second";
        assertEquals(Optional.of(activated), store.find(acme, "sub-1"), rule);
        assertEquals(List.of(activated), store.forAccount(acme), rule);
    }

    @Test
    void savingAgainClearsAnInstantThatIsNoLongerSet() {
        String acme = run.account("acme");
        store.save(new Subscription("sub-1", acme, "tier-pro", T0, null, T0.plusSeconds(60), T0.plusSeconds(120),
                T0.plusSeconds(180), true));
        Subscription reactivated = new Subscription("sub-1", acme, "tier-pro", T0, null, T0.plusSeconds(60), null,
                null, false);

        store.save(reactivated);

        String rule = "saving again replaces nulls too: an instant no longer set is cleared";
        assertEquals(Optional.of(reactivated), store.find(acme, "sub-1"), rule);
    }

    @Test
    void unknownSubscriptionsAndAccountsFindNothing() {
        String acme = run.account("acme");
        store.save(subscription(acme, "sub-1", T0));

        String rule = "an unknown subscription or account finds nothing; ids compare exactly, case included";
        assertEquals(Optional.empty(), store.find(acme, "sub-2"), rule);
        assertEquals(Optional.empty(), store.find(acme, "SUB-1"), rule);
        assertEquals(List.of(), store.forAccount(run.account("nobody")), rule);
    }

    @Test
    void anotherAccountsSubscriptionIsNeitherFoundNorListed() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        Subscription acmes = subscription(acme, "sub-1", T0);
        store.save(acmes);

        String rule = "subscriptions are scoped to their account: another account's is never found or listed";
        assertEquals(Optional.empty(), store.find(globex, "sub-1"), rule);
        assertEquals(List.of(), store.forAccount(globex), rule);
        assertEquals(List.of(), store.forAccount(run.account("ACME")), rule);
    }

    @Test
    void twoAccountsMayHoldTheSameSubscriptionIdIndependently() {
        String acme = run.account("acme");
        String globex = run.account("globex");
        Subscription acmes = new Subscription("sub-1", acme, "tier-pro", T0, null, null, null, null, false);
        Subscription globexs = new Subscription("sub-1", globex, "tier-team", T0.plusSeconds(5), T0.plusSeconds(10),
                null, null, null, false);

        store.save(acmes);
        store.save(globexs);

        String rule = "the key is (account_id, subscription_id): two accounts may hold the same id independently";
        assertEquals(Optional.of(acmes), store.find(acme, "sub-1"), rule);
        assertEquals(Optional.of(globexs), store.find(globex, "sub-1"), rule);
        assertEquals(List.of(acmes), store.forAccount(acme), rule);
        assertEquals(List.of(globexs), store.forAccount(globex), rule);
    }

    private static Subscription subscription(String accountId, String id, Instant startedAt) {
        return new Subscription(id, accountId, "tier-pro", startedAt, null, null, null, null, false);
    }
}

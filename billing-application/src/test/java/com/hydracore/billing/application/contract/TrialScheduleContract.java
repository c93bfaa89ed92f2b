package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TrialSchedule;
import com.hydracore.billing.application.port.out.TrialSchedule.PendingTrial;
import com.hydracore.billing.domain.alert.TrialEvents;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.webhook.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TrialSchedule} must honour, together with the {@link SubscriptionStore} over the same
 * storage: subclass it and implement {@link #newStores()}.
 *
 * <p>Isolation: account ids are made unique by a random UUID, and {@link TrialSchedule#pending} looks across every
 * account, so before each case the kit marks done every trial event still unmarked in the store (as a scheduler
 * pass far in the future would). {@link #newStores()} may return fresh stores or the same shared ones every time;
 * cases of this class must not run in parallel on one store.
 *
 * <p>Beyond the port's Javadoc: instants are compared exactly to the millisecond (cases use {@code .123Z}), so a
 * moment exactly at {@code now} is due; saving a subscription again keeps its marks.
 */
public abstract class TrialScheduleContract {

    /** The two ports over one storage. */
    public record Stores(SubscriptionStore subscriptions, TrialSchedule schedule) {
    }

    private static final Instant START = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final Instant END = START.plus(Duration.ofDays(14));
    private static final Duration WINDOW = Duration.ofDays(3);
    private static final Instant WARNING = END.minus(WINDOW);
    private static final Instant FAR_FUTURE = Instant.parse("2999-01-01T00:00:00Z");
    private static final Set<EventType> BOTH = EnumSet.of(EventType.TRIAL_WILL_END, EventType.TRIAL_EXPIRED);

    private final ContractRun run = new ContractRun();

    /** The subscription store over the schedule's storage, from {@link #newStores()}. */
    protected SubscriptionStore subscriptions;
    /** The schedule under test, from {@link #newStores()}. */
    protected TrialSchedule schedule;

    /** The stores under test, over one storage, called once before each case: fresh, or shared by every case. */
    protected abstract Stores newStores();

    @BeforeEach
    void createStoresAndMarkWhatOthersLeft() {
        Stores stores = newStores();
        subscriptions = stores.subscriptions();
        schedule = stores.schedule();
        List<PendingTrial> leftOver;
        while (!(leftOver = schedule.pending(FAR_FUTURE, WINDOW, 500)).isEmpty()) {
            for (PendingTrial p : leftOver) {
                for (EventType type : TrialEvents.TYPES) {
                    schedule.markDone(p.subscription().accountId(), p.subscription().subscriptionId(), type);
                }
            }
        }
    }

    private Subscription trial(String account, String id, Instant start, Instant end) {
        Subscription s = new Subscription(id, run.account(account), "tier-pro", start, end, null, null, null, false);
        subscriptions.save(s);
        return s;
    }

    private List<PendingTrial> ours(Instant now) {
        return schedule.pending(now, WINDOW, 1000).stream()
                .filter(p -> p.subscription().accountId().endsWith(run.account(""))).toList();
    }

    private List<String> idsPendingAt(Instant now) {
        return ours(now).stream().map(p -> p.subscription().subscriptionId()).toList();
    }

    @Test
    void aTrialIsPendingFromItsWarningOnWithBothEventsUnmarked() {
        Subscription s = trial("acme", "sub-1", START, END);

        assertEquals(List.of(), ours(WARNING.minusMillis(1)), "nothing is due before the warning's moment");
        assertEquals(List.of(new PendingTrial(s, BOTH)), ours(WARNING),
                "due exactly at trial_ends_at minus the window, with the subscription as stored");
    }

    @Test
    void aTrialShorterThanTheWindowIsPendingFromItsStart() {
        Subscription s = trial("acme", "sub-1", START, START.plus(Duration.ofDays(1)));

        assertEquals(List.of(), ours(START.minusMillis(1)), "not before the subscription started");
        assertEquals(List.of(s.subscriptionId()), idsPendingAt(START), "the warning's moment is the start");
    }

    @Test
    void subscriptionsWithoutTrialAreNeverPending() {
        Subscription paid = new Subscription("sub-1", run.account("acme"), "tier-pro", START, null, null, null, null,
                false);
        subscriptions.save(paid);

        assertEquals(List.of(), ours(FAR_FUTURE.minusSeconds(1)), "no trial, no trial events");
    }

    @Test
    void aMarkedEventIsNeverPendingAgainWhileTheOtherIs() {
        Subscription s = trial("acme", "sub-1", START, END);
        schedule.markDone(s.accountId(), s.subscriptionId(), EventType.TRIAL_WILL_END);

        assertEquals(List.of(), ours(END.minusMillis(1)), "the warning is marked and the expiry not yet due");
        assertEquals(List.of(new PendingTrial(s, EnumSet.of(EventType.TRIAL_EXPIRED))), ours(END),
                "the expiry is due at the trial's end, alone");

        schedule.markDone(s.accountId(), s.subscriptionId(), EventType.TRIAL_EXPIRED);
        assertEquals(List.of(), ours(FAR_FUTURE.minusSeconds(1)), "both marked: never pending again");
    }

    @Test
    void anExpiryCanBeMarkedBeforeItsMoment() {
        Subscription s = trial("acme", "sub-1", START, END);
        schedule.markDone(s.accountId(), s.subscriptionId(), EventType.TRIAL_EXPIRED);

        assertEquals(List.of(new PendingTrial(s, EnumSet.of(EventType.TRIAL_WILL_END))), ours(END),
                "only the unmarked event is listed");
    }

    @Test
    void markingIsIdempotentAndIgnoresUnknownSubscriptions() {
        Subscription s = trial("acme", "sub-1", START, END);

        schedule.markDone(s.accountId(), s.subscriptionId(), EventType.TRIAL_WILL_END);
        schedule.markDone(s.accountId(), s.subscriptionId(), EventType.TRIAL_WILL_END);
        schedule.markDone(run.account("nobody"), "sub-9", EventType.TRIAL_EXPIRED);

        assertEquals(List.of(new PendingTrial(s, EnumSet.of(EventType.TRIAL_EXPIRED))), ours(END));
    }

    @Test
    void savingTheSubscriptionAgainKeepsItsMarks() {
        Subscription s = trial("acme", "sub-1", START, END);
        schedule.markDone(s.accountId(), s.subscriptionId(), EventType.TRIAL_WILL_END);
        Subscription activated = new Subscription("sub-1", s.accountId(), "tier-pro", START, END,
                WARNING.plusSeconds(60), null, null, false);

        subscriptions.save(activated);

        assertEquals(List.of(new PendingTrial(activated, EnumSet.of(EventType.TRIAL_EXPIRED))), ours(END),
                "the mark survives the save, and the subscription is returned as saved now");
    }

    @Test
    void pendingTrialsOfEveryAccountComeByTrialEndThenAccountThenId() {
        trial("globex", "sub-2", START, END);
        trial("acme", "sub-9", START.plusSeconds(3600), END.plusSeconds(3600));
        trial("globex", "sub-1", START, END);
        trial("acme", "sub-3", START, END);

        assertEquals(List.of("sub-3", "sub-1", "sub-2", "sub-9"), idsPendingAt(FAR_FUTURE.minusSeconds(1)),
                "by trial_ends_at, then account id, then subscription id");
    }

    @Test
    void aPageHoldsAtMostTheLimit() {
        for (int i = 0; i < 5; i++) {
            trial("acme", "sub-" + i, START, END.plusMillis(i));
        }

        List<PendingTrial> page = schedule.pending(FAR_FUTURE.minusSeconds(1), WINDOW, 2);

        assertEquals(2, page.size(), "at most the limit");
        assertTrue(page.stream().allMatch(p -> p.subscription().accountId().equals(run.account("acme"))));
        assertEquals(List.of("sub-0", "sub-1"), page.stream().map(p -> p.subscription().subscriptionId()).toList(),
                "the first in order");
    }

    @Test
    void aZeroWindowPutsTheWarningAtTheTrialsEnd() {
        Subscription s = trial("acme", "sub-1", START, END);

        assertEquals(List.of(), schedule.pending(END.minusMillis(1), Duration.ZERO, 10).stream()
                .filter(p -> p.subscription().accountId().equals(s.accountId())).toList());
        assertEquals(1, schedule.pending(END, Duration.ZERO, 10).stream()
                .filter(p -> p.subscription().accountId().equals(s.accountId())).count());
    }
}

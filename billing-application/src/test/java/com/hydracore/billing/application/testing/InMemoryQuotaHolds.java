package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.QuotaHolds;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.quota.AccountQuotas;
import com.hydracore.billing.domain.quota.HoldDecision;
import com.hydracore.billing.domain.quota.LiveHolds;
import com.hydracore.billing.domain.quota.QuotaUsage;
import com.hydracore.billing.domain.quota.Reservation;
import com.hydracore.billing.domain.quota.ReservationRequest;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageTotals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link QuotaHolds} in memory over an {@link InMemoryUsageLedger} (and an {@link Inventory}, for the active
 * instances): every hold, release and settlement takes the ledger's lock, so a hold sees no append half done and
 * holds of one account are decided one after another; the ledger settles the holds its new events name ({@link InMemoryUsageLedger#onStored}) by {@code clock}.
 */
public final class InMemoryQuotaHolds implements QuotaHolds {

    private final InMemoryUsageLedger ledger;
    private final Inventory inventory;
    private final Clock clock;
    private final Map<String, Map<String, Reservation>> byAccount = new HashMap<>();

    /** Holds over {@code ledger}'s usage and {@code inventory}'s instances; settlements at {@code clock}'s now. */
    public InMemoryQuotaHolds(InMemoryUsageLedger ledger, Inventory inventory, Clock clock) {
        this.ledger = ledger;
        this.inventory = inventory;
        this.clock = clock;
        ledger.onStored(this::settle);
    }

    @Override
    public Outcome hold(String accountId, ReservationRequest request, Terms terms, Instant now) {
        synchronized (ledger.lock()) {
            Map<String, Reservation> account = byAccount.computeIfAbsent(accountId, a -> new HashMap<>());
            Reservation stored = account.get(request.reservationId());
            if (stored != null) {
                return new Existing(stored);
            }
            Set<String> conversations = ledger.conversations(accountId, terms.period());
            UsageTotals used = ledger.totals(accountId, terms.period());
            LiveHolds live = LiveHolds.of(account.values(), conversations, now);
            AccountQuotas quotas = AccountQuotas.of(terms.period(), terms.policy(), terms.limits(),
                    new QuotaUsage(used.tokens(), used.requests(), used.uniqueConversations(), 0), live);
            HoldDecision decision = quotas.decide(request.hold(LiveHolds.addsConversation(request.conversationId(),
                    account.values(), conversations, now)));
            if (decision instanceof HoldDecision.Refused refused) {
                return new Refused(refused.metric(), refused.remaining());
            }
            Reservation held = Reservation.held(accountId, request, now,
                    ((HoldDecision.Granted) decision).overLimit());
            account.put(held.reservationId(), held);
            return new Created(held);
        }
    }

    @Override
    public Optional<Reservation> find(String accountId, String reservationId) {
        synchronized (ledger.lock()) {
            return Optional.ofNullable(byAccount.getOrDefault(accountId, Map.of()).get(reservationId));
        }
    }

    @Override
    public Optional<Reservation> release(String accountId, String reservationId, Instant now) {
        synchronized (ledger.lock()) {
            Map<String, Reservation> account = byAccount.getOrDefault(accountId, Map.of());
            return Optional.ofNullable(account.computeIfPresent(reservationId, (id, r) -> r.release(now)));
        }
    }

    @Override
    public Usage usage(String accountId, BillingPeriod period, Instant now) {
        long activeInstances = inventory.summary(accountId).activeInstances();
        synchronized (ledger.lock()) {
            UsageTotals used = ledger.totals(accountId, period);
            Set<String> conversations = ledger.conversations(accountId, period);
            return new Usage(new QuotaUsage(used.tokens(), used.requests(), used.uniqueConversations(),
                    activeInstances), LiveHolds.of(new ArrayList<>(byAccount.getOrDefault(accountId, Map.of())
                    .values()), conversations, now));
        }
    }

    /** Called by the ledger, under its lock, with the events an append stored. */
    private void settle(List<UsageEvent> stored) {
        Instant now = clock.instant();
        for (UsageEvent e : stored) {
            if (e.reservationId() != null) {
                byAccount.getOrDefault(e.accountId(), new HashMap<>())
                        .computeIfPresent(e.reservationId(), (id, r) -> r.settle(now));
            }
        }
    }
}

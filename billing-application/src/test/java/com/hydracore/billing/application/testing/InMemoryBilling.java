package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.service.AdminService;
import com.hydracore.billing.application.service.BillingReadService;
import com.hydracore.billing.application.service.QuotaService;
import com.hydracore.billing.application.service.UsageRecorder;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole application on in-memory ports with a hand-set clock: for use-case tests and for adapter tests that need
 * real behaviour behind the ports.
 */
public final class InMemoryBilling {

    /** The catalog port. */
    public final InMemoryTierCatalog catalog = new InMemoryTierCatalog();
    /** The subscription port. */
    public final InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore();
    /** The ledger port. */
    public final InMemoryUsageLedger ledger = new InMemoryUsageLedger();
    /** The inventory port. */
    public final InMemoryInventory inventory = new InMemoryInventory();
    /** The clock every use case reads. */
    public final MutableClock clock;
    /** The four reads. */
    public final BillingReadService reads;
    /** Usage ingestion. */
    public final UsageRecorder recorder;
    /** Admin operations. */
    public final AdminService admin;
    /** Reservations, settled by the ledger's appends. */
    public final InMemoryQuotaHolds holds;
    /** The quota read and the reservations. */
    public final QuotaService quotas;

    private final AtomicLong nextId = new AtomicLong(1);

    /** The application at {@code clock}, with {@code settings}; subscription ids are {@code sub-1}, {@code sub-2}... */
    public InMemoryBilling(MutableClock clock, BillingSettings settings) {
        this.clock = clock;
        this.reads = new BillingReadService(catalog, subscriptions, ledger, inventory, settings, clock);
        this.recorder = new UsageRecorder(ledger, inventory, settings, clock);
        this.admin = new AdminService(catalog, subscriptions, inventory, () -> "sub-" + nextId.getAndIncrement(),
                clock);
        this.holds = new InMemoryQuotaHolds(ledger, inventory, clock);
        this.quotas = new QuotaService(catalog, subscriptions, holds, settings, clock);
    }

    /** The application at {@code clock} with the contract's default settings. */
    public InMemoryBilling(MutableClock clock) {
        this(clock, BillingSettings.DEFAULTS);
    }
}

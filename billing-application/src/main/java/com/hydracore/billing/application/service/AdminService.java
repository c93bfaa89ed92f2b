package com.hydracore.billing.application.service;

import com.hydracore.billing.application.error.ConflictException;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.port.in.ManageInventory;
import com.hydracore.billing.application.port.in.ManageSubscriptions;
import com.hydracore.billing.application.port.in.ManageTiers;
import com.hydracore.billing.application.port.out.IdGenerator;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.subscription.TransitionRefusedException;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.BiFunction;

/** The admin operations: catalog, subscriptions and inventory. */
public final class AdminService implements ManageTiers, ManageSubscriptions, ManageInventory {

    private final TierCatalog catalog;
    private final SubscriptionStore subscriptions;
    private final Inventory inventory;
    private final IdGenerator ids;
    private final Clock clock;

    /** Wires the admin operations to their ports. */
    public AdminService(TierCatalog catalog, SubscriptionStore subscriptions, Inventory inventory, IdGenerator ids,
                        Clock clock) {
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Tier put(Tier tier) {
        catalog.save(tier);
        return tier;
    }

    @Override
    public List<Tier> list() {
        return catalog.all();
    }

    @Override
    public SubscriptionView create(CreateSubscription command) {
        Checks checks = new Checks();
        checks.present("tier_id", command.tierId());
        checks.throwIfAny();
        Tier tier = catalog.find(command.tierId()).orElseThrow(() -> InvalidInputException.of(
                Violation.of("tier_id", Violation.VALUE_ERROR, "Unknown tier: " + command.tierId(), command.tierId())));
        Instant now = now();
        Subscription subscription = Subscription.start(ids.newId(), command.accountId(), tier,
                command.trialDays().orElse(tier.trialDays()), command.startedAt().orElse(now));
        subscriptions.save(subscription);
        return view(subscription, now);
    }

    @Override
    public SubscriptionView activate(String accountId, String subscriptionId) {
        return transition(accountId, subscriptionId, Subscription::activate);
    }

    @Override
    public SubscriptionView markPastDue(String accountId, String subscriptionId) {
        return transition(accountId, subscriptionId, Subscription::markPastDue);
    }

    @Override
    public SubscriptionView cancel(String accountId, String subscriptionId, boolean atPeriodEnd) {
        return transition(accountId, subscriptionId,
                (s, now) -> s.cancel(now, atPeriodEnd, s.periodAt(tierOf(s).billingCycle(), now)));
    }

    private SubscriptionView transition(String accountId, String subscriptionId,
                                        BiFunction<Subscription, Instant, Subscription> change) {
        Subscription current = subscriptions.find(accountId, subscriptionId)
                .orElseThrow(() -> new NotFoundException("Subscription not found"));
        // One instant per operation: the change and the status shown with it must agree.
        Instant now = now();
        Subscription changed;
        try {
            changed = change.apply(current, now);
        } catch (TransitionRefusedException e) {
            throw new ConflictException(e.getMessage(), e);
        }
        if (!changed.equals(current)) {
            subscriptions.save(changed);
        }
        return view(changed, now);
    }

    /**
     * Now, at the contract's second precision: an instant this service stores (start, activation, cancellation) is
     * then exactly what the API shows and what any store keeps, so status never depends on a sub-second the caller
     * cannot see.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private SubscriptionView view(Subscription subscription, Instant now) {
        return new SubscriptionView(subscription, subscription.statusAt(now),
                subscription.periodAt(tierOf(subscription).billingCycle(), now));
    }

    private Tier tierOf(Subscription subscription) {
        return catalog.find(subscription.tierId()).orElseThrow(() -> new IllegalStateException(
                "subscription " + subscription.subscriptionId() + " refers to unknown tier " + subscription.tierId()));
    }

    @Override
    public Instance putInstance(Instance instance) {
        inventory.saveInstance(instance);
        return instance;
    }

    @Override
    public WebhostNode putNode(WebhostNode node) {
        inventory.saveNode(node);
        return node;
    }

    @Override
    public void deleteNode(String accountId, String nodeId) {
        if (!inventory.deleteNode(accountId, nodeId)) {
            throw new NotFoundException("Webhost node not found");
        }
    }
}

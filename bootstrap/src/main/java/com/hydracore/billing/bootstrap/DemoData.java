package com.hydracore.billing.bootstrap;

import com.hydracore.billing.application.port.in.ManageInventory;
import com.hydracore.billing.application.port.in.ManageSubscriptions;
import com.hydracore.billing.application.port.in.ManageTiers;
import com.hydracore.billing.application.port.in.RecordUsage;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.period.PeriodCalendar;
import com.hydracore.billing.domain.usage.UsageEventDraft;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Seeds a demo account so the billing page shows something real: a catalog, a running trial, instances, webhost
 * nodes and 30 days of usage. Goes through the use cases, so it obeys every rule, and is idempotent: event ids are
 * deterministic and the subscription is only created when the account has none.
 */
public final class DemoData {

    /** The account the demo data belongs to. */
    public static final String ACCOUNT = "demo";
    /** Days of usage seeded, ending now. */
    public static final int DAYS = 30;

    private static final String[] INSTANCES = {"agent-support", "agent-sales", "agent-research"};

    private DemoData() {
    }

    /** The demo catalog: three tiers a platform might sell. */
    public static List<Tier> catalog() {
        return List.of(
                new Tier("tier_starter", "starter", "HydraCore Agents", "Starter", 900, BillingCycle.MONTHLY, 14,
                        new PlanLimits(200_000, 20_000, 2_000, 2, 25)),
                new Tier("tier_pro", "pro", "HydraCore Agents", "Pro", 2_900, BillingCycle.MONTHLY, 14,
                        new PlanLimits(2_000_000, 100_000, 10_000, 5, 50)),
                new Tier("tier_enterprise", "enterprise", "HydraCore Agents", "Enterprise", 290_000,
                        BillingCycle.YEARLY, 0, new PlanLimits(50_000_000, 5_000_000, 500_000, 50, 200)));
    }

    /** Seeds everything; safe to call on every start. */
    public static void seed(ManageTiers tiers, ManageSubscriptions subscriptions, SubscriptionStore store,
                            ManageInventory inventory, RecordUsage usage, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        catalog().forEach(tiers::put);
        if (store.forAccount(ACCOUNT).isEmpty()) {
            // Ten days into a fourteen-day trial: the page shows a running trial with four days left.
            subscriptions.create(new ManageSubscriptions.CreateSubscription(ACCOUNT, "tier_pro", OptionalInt.empty(),
                    Optional.of(now.minus(Duration.ofDays(10)))));
        }
        inventory.putInstance(new Instance(ACCOUNT, "agent-support", "Support assistant", InstanceStatus.ACTIVE));
        inventory.putInstance(new Instance(ACCOUNT, "agent-sales", "Sales concierge", InstanceStatus.ACTIVE));
        inventory.putInstance(new Instance(ACCOUNT, "agent-research", "Research crawler", InstanceStatus.STOPPED));
        inventory.putNode(new WebhostNode(ACCOUNT, "node-eu-1", 12));
        inventory.putNode(new WebhostNode(ACCOUNT, "node-us-1", 7));
        for (List<UsageEventDraft> batch : usage(now)) {
            usage.record(RecordUsage.RecordUsageCommand.of(batch));
        }
    }

    /** The models the demo's calls are served by; {@code null}: a call reported without one. */
    private static final String[] MODELS = {"gpt-4o", "claude-sonnet-4", null};

    private static List<List<UsageEventDraft>> usage(Instant now) {
        Random random = new Random(42); // fixed seed: the same events, with the same ids, on every start
        List<List<UsageEventDraft>> batches = new ArrayList<>();
        Instant firstDay = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(DAYS - 1L));
        for (int day = 0; day < DAYS; day++) {
            List<UsageEventDraft> batch = new ArrayList<>();
            for (int i = 0; i < INSTANCES.length; i++) {
                int events = 2 + random.nextInt(6);
                for (int n = 0; n < events; n++) {
                    Instant dayStart = firstDay.plus(Duration.ofDays(day));
                    Instant at = dayStart.plusSeconds(random.nextInt(86_400));
                    long tokens = 500 + random.nextInt(4_000) * (i + 1L);
                    String cost = String.format(Locale.ROOT, "0.%06d", tokens * 3);
                    if (!at.isAfter(now)) {
                        String eventId = "demo-" + PeriodCalendar.utcDate(dayStart) + "-" + INSTANCES[i] + "-" + n;
                        // a model and the token kinds, chosen without the random numbers so the totals stay as
                        // they were: input and output split the tokens, half the input cached every other call
                        String model = MODELS[(i + n) % MODELS.length];
                        long output = tokens / 5;
                        long input = tokens - output;
                        batch.add(new UsageEventDraft(ACCOUNT, eventId, INSTANCES[i], at, model == null ? tokens : null,
                                1L + random.nextInt(3), cost, "user-" + random.nextInt(25),
                                "conv-" + random.nextInt(200), model, model == null ? null : input,
                                model == null ? null : output, model == null ? null : (n % 2 == 0 ? input / 2 : 0L),
                                null, model == null ? null : output / 4, null, List.of()));
                    }
                }
            }
            if (!batch.isEmpty()) {
                batches.add(batch);
            }
        }
        return batches;
    }
}

package com.hydracore.billing.application.service;

import static com.hydracore.billing.application.service.Fixtures.ACME;
import static com.hydracore.billing.application.service.Fixtures.GLOBEX;
import static com.hydracore.billing.application.service.Fixtures.PRO;
import static com.hydracore.billing.application.service.Fixtures.batch;
import static com.hydracore.billing.application.service.Fixtures.draft;
import static com.hydracore.billing.application.service.Fixtures.subscribe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.port.out.AlertPlan;
import com.hydracore.billing.application.port.out.AlertPlan.AccountAlerting;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.testing.InMemoryBilling;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.alert.AlertThresholds;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the recorder hands the ledger for the usage alerts: each account's current period and limits, from its plan. */
class UsageRecorderAlertPlanTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryBilling app = new InMemoryBilling(clock);
    private final List<AlertPlan> plans = new ArrayList<>();
    private final UsageLedger recording = new UsageLedger() {
        @Override
        public List<AppendResult> appendAll(List<List<UsageEvent>> batches) {
            throw new AssertionError("the recorder appends with a plan");
        }

        @Override
        public List<AppendResult> appendAll(List<List<UsageEvent>> batches, AlertPlan alerts) {
            plans.add(alerts);
            return app.ledger.appendAll(batches, alerts);
        }
    };

    @Test
    void eachAccountOfTheBatchGetsItsPlansPeriodAndLimitsAndTheAppendsInstant() {
        app.admin.put(PRO);
        app.admin.create(subscribe(ACME, "pro", 0, "2026-02-15T00:00:00Z"));
        UsageRecorder recorder = new UsageRecorder(recording, app.inventory, BillingSettings.DEFAULTS, clock,
                AlertThresholds.DEFAULT, app.subscriptions, app.catalog);

        recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"),
                draft(GLOBEX, "e1", "inst-1", "2026-03-10T10:00:00Z")));

        assertEquals(1, plans.size());
        AlertPlan plan = plans.get(0);
        assertSame(AlertThresholds.DEFAULT, plan.thresholds());
        assertEquals(Map.of(
                // the subscription's own period (monthly from the 15th), not the calendar month
                ACME, new AccountAlerting(BillingPeriod.ofDays(LocalDate.parse("2026-02-15"),
                        LocalDate.parse("2026-03-15")), PRO.limits(), NOW),
                GLOBEX, new AccountAlerting(BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
                        LocalDate.parse("2026-04-01")), BillingSettings.DEFAULTS.defaultLimits(), NOW)),
                plan.accounts());
    }

    @Test
    void withoutThresholdsNoPlanIsResolved() {
        UsageRecorder recorder = new UsageRecorder(recording, app.inventory, BillingSettings.DEFAULTS, clock,
                new AlertThresholds(List.of()), null, null);

        recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z")));

        assertEquals(List.of(AlertPlan.NONE), plans);
    }
}

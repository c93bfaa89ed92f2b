package com.hydracore.billing.application.service;

import static com.hydracore.billing.application.service.Fixtures.ACME;
import static com.hydracore.billing.application.service.Fixtures.GLOBEX;
import static com.hydracore.billing.application.service.Fixtures.batch;
import static com.hydracore.billing.application.service.Fixtures.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.application.port.in.RecordUsage;
import com.hydracore.billing.application.port.in.RecordUsage.RecordUsageCommand;
import com.hydracore.billing.application.port.in.RecordUsage.Recorded;
import com.hydracore.billing.application.testing.InMemoryBilling;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.usage.EventWindow;
import com.hydracore.billing.domain.usage.InstanceBreakdown;
import com.hydracore.billing.domain.usage.UsageEventDraft;
import com.hydracore.billing.domain.usage.UsageTotals;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Recording a batch of usage: validation of the whole batch, all or nothing, idempotency, discovered instances. */
class UsageRecorderTest {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));
    private static final Comparator<List<Object>> PATH_ORDER = Comparator.comparing(Object::toString);

    private final MutableClock clock = MutableClock.at("2026-03-10T12:00:00Z");
    private final InMemoryBilling app = new InMemoryBilling(clock);

    @Test
    void aValidBatchIsStoredAndCountedWithRepeatsAsDuplicates() {
        Recorded first = app.recorder.record(batch(
                draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z", 100, 2, "0.25", "u1"),
                draft(ACME, "e2", "inst-1", "2026-03-10T10:05:00Z", 50, 1, "0.000001", "u2"),
                draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z", 100, 2, "0.25", "u1")));

        assertCounts(2, 1, first);
        assertEquals(new UsageTotals(150, 3, Money.parse("0.250001"), 2), app.ledger.totals(ACME, MARCH));
        Recorded retry = app.recorder.record(batch(
                draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z", 100, 2, "0.25", "u1"),
                draft(ACME, "e2", "inst-1", "2026-03-10T10:05:00Z", 50, 1, "0.000001", "u2")));
        assertCounts(0, 2, retry);
        assertEquals(150, app.ledger.totals(ACME, MARCH).tokens());
    }

    @Test
    void aRepeatedEventIdChangesNothingWhateverItsPayload() {
        app.recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z", 100, 1, "1", "u1")));

        Recorded result = app.recorder.record(batch(
                draft(ACME, "e1", "inst-1", "2026-03-09T10:00:00Z", 999, 9, "9", "u9")));

        assertCounts(0, 1, result);
        assertEquals(new UsageTotals(100, 1, Money.parse("1"), 1), app.ledger.totals(ACME, MARCH));
    }

    @Test
    void aDuplicateNamingAnotherInstanceRegistersNothing() {
        app.recorder.record(batch(draft(ACME, "e1", "inst-a", "2026-03-10T10:00:00Z")));

        app.recorder.record(batch(draft(ACME, "e1", "inst-b", "2026-03-10T10:00:00Z"),
                draft(ACME, "e2", "inst-c", "2026-03-10T10:00:00Z")));

        assertEquals(List.of(Instance.discovered(ACME, "inst-a"), Instance.discovered(ACME, "inst-c")),
                app.inventory.instances(ACME));
        assertEquals(2, app.reads.overview(ACME).inventory().activeInstances());
        assertEquals(List.of("inst-a", "inst-c"), app.reads.breakdown(ACME).byInstance().stream()
                .map(InstanceBreakdown::instanceId).sorted().toList());
    }

    @Test
    void aRetriedBatchRegistersAnInstanceTheFirstAttemptStoredUsageFor() {
        // As if the first attempt died between the ledger's append and the inventory's registration.
        app.ledger.append(List.of(draft(ACME, "e1", "inst-a", "2026-03-09T10:00:00Z").toEvent(clock.instant(),
                EventWindow.DEFAULT)));

        Recorded retry = app.recorder.record(batch(draft(ACME, "e1", "inst-a", "2026-03-09T10:00:00Z")));

        assertCounts(0, 1, retry);
        assertEquals(List.of(Instance.discovered(ACME, "inst-a")), app.inventory.instances(ACME));
    }

    @Test
    void requestsDefaultToOneAndCostToZero() {
        app.recorder.record(batch(new UsageEventDraft(ACME, "e1", "inst-1", Instant.parse("2026-03-10T10:00:00Z"),
                42L, null, null, null, null)));

        assertEquals(new UsageTotals(42, 1, Money.ZERO, 0), app.ledger.totals(ACME, MARCH));
    }

    @Test
    void oneBatchMayCarrySeveralAccountsAndEventIdsArePerAccount() {
        Recorded result = app.recorder.record(batch(
                draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"),
                draft(GLOBEX, "e1", "inst-1", "2026-03-10T10:00:00Z")));

        assertCounts(2, 0, result);
        assertEquals(10, app.ledger.totals(ACME, MARCH).tokens());
        assertEquals(10, app.ledger.totals(GLOBEX, MARCH).tokens());
        assertEquals(List.of(Instance.discovered(GLOBEX, "inst-1")), app.inventory.instances(GLOBEX));
    }

    @Test
    void aBatchHoldsOneToAThousandEvents() {
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> app.recorder.record(RecordUsageCommand.of(List.of())));
        assertEquals(List.of(List.of("events")), paths(empty));
        assertEquals(Violation.TOO_SHORT, empty.violations().get(0).type());

        InvalidInputException tooMany = assertThrows(InvalidInputException.class,
                () -> app.recorder.record(RecordUsageCommand.of(drafts(RecordUsage.MAX_BATCH + 1))));
        assertEquals(List.of(List.of("events")), paths(tooMany));
        assertEquals(Violation.TOO_LONG, tooMany.violations().get(0).type());
        assertEquals(UsageTotals.ZERO, app.ledger.totals(ACME, MARCH));

        assertCounts(RecordUsage.MAX_BATCH, 0, app.recorder.record(RecordUsageCommand.of(drafts(RecordUsage.MAX_BATCH))));
    }

    @Test
    void everyProblemOfEveryEventIsListedAtItsPath() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.recorder.record(batch(
                draft(ACME, "ok", "inst-1", "2026-03-10T10:00:00Z"),
                new UsageEventDraft(ACME, "e1", "inst-1", Instant.parse("2026-03-10T10:00:00Z"), null, -1L, null,
                        null, null),
                new UsageEventDraft(ACME, "x".repeat(129), "", Instant.parse("2026-03-10T12:05:01Z"), 1L, 1L,
                        "0.0000001", null, ""),
                new UsageEventDraft(null, "e3", "inst-1", null, 1L, 1L, "-1", "u1", null))));

        List<List<Object>> expected = List.of(
                path("events", 1, "tokens"), path("events", 1, "requests"),
                path("events", 2, "event_id"), path("events", 2, "instance_id"),
                path("events", 2, "occurred_at"), path("events", 2, "cost_usd"), path("events", 2, "conversation_id"),
                path("events", 3, "account_id"), path("events", 3, "occurred_at"), path("events", 3, "cost_usd"));
        assertEquals(expected.stream().sorted(PATH_ORDER).toList(), paths(e).stream().sorted(PATH_ORDER).toList());
        assertEquals(Violation.MISSING, type(e, List.of("events", 1, "tokens")));
        assertEquals(Violation.GREATER_THAN_EQUAL, type(e, List.of("events", 1, "requests")));
        assertEquals(Violation.STRING_TOO_LONG, type(e, List.of("events", 2, "event_id")));
        assertEquals(Violation.LESS_THAN_EQUAL, type(e, List.of("events", 2, "occurred_at")));
        assertEquals(Violation.DECIMAL_MAX_PLACES, type(e, List.of("events", 2, "cost_usd")));
        assertEquals(Violation.MISSING, type(e, List.of("events", 3, "account_id")));
    }

    @Test
    void nothingIsWrittenWhenAnyEventIsInvalid() {
        assertThrows(InvalidInputException.class, () -> app.recorder.record(batch(
                draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"),
                draft(GLOBEX, "e2", "inst-2", "2026-03-10T10:00:00Z"),
                new UsageEventDraft(ACME, "e3", "inst-3", Instant.parse("2026-03-10T10:00:00Z"), -5L, null, null,
                        null, null))));

        assertEquals(UsageTotals.ZERO, app.ledger.totals(ACME, MARCH));
        assertEquals(UsageTotals.ZERO, app.ledger.totals(GLOBEX, MARCH));
        assertEquals(List.of(), app.inventory.instances(ACME));
        assertEquals(List.of(), app.inventory.instances(GLOBEX));
        // the valid event of the refused batch was not kept
        assertCounts(1, 0, app.recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"))));
    }

    @Test
    void occurredAtMayLieFiveMinutesAheadAndThirtyFiveDaysBehind() {
        assertCounts(2, 0, app.recorder.record(batch(
                draft(ACME, "ahead", "inst-1", "2026-03-10T12:05:00Z"),
                draft(ACME, "behind", "inst-1", "2026-02-03T12:00:00Z"))));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.recorder.record(batch(
                draft(ACME, "too-far-ahead", "inst-1", "2026-03-10T12:05:01Z"),
                draft(ACME, "too-far-behind", "inst-1", "2026-02-03T11:59:59Z"))));

        assertEquals(List.of(List.of("events", 0, "occurred_at"), List.of("events", 1, "occurred_at")), paths(e));
    }

    @Test
    void aDecodingProblemIsReportedInsteadOfWhatItCaused() {
        RecordUsageCommand command = batch(
                draft(ACME, "e0", "inst-1", "2026-03-10T10:00:00Z"),
                new UsageEventDraft(ACME, "e1", "inst-1", Instant.parse("2026-03-10T10:00:00Z"), null, -1L, null,
                        null, null, List.of(new Violation(List.of("tokens"), Violation.INT_PARSING,
                        "Input should be a valid integer", "lots"))));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.recorder.record(command));

        assertEquals(List.of(List.of("events", 1, "tokens"), List.of("events", 1, "requests")), paths(e));
        assertEquals(Violation.INT_PARSING, type(e, List.of("events", 1, "tokens")));
        assertEquals(UsageTotals.ZERO, app.ledger.totals(ACME, MARCH));
    }

    @Test
    void problemsAreListedEventByEventWhicheverLayerFoundThem() {
        RecordUsageCommand command = batch(
                new UsageEventDraft(ACME, "e0", "inst-1", Instant.parse("2026-03-10T10:00:00Z"), -1L, null, null,
                        null, null),
                draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"),
                new UsageEventDraft(ACME, "e2", "inst-1", Instant.parse("2026-03-10T10:00:00Z"), null, -1L, null,
                        null, null, List.of(new Violation(List.of("tokens"), Violation.INT_PARSING,
                        "Input should be a valid integer", "lots"))));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.recorder.record(command));

        assertEquals(List.of(List.of("events", 0, "tokens"), List.of("events", 2, "tokens"),
                List.of("events", 2, "requests")), e.violations().stream().map(Violation::path).toList());
    }

    @Test
    void anEventThatCouldNotBeDecodedAtAllIsOneProblem() {
        RecordUsageCommand command = batch(draft(ACME, "e0", "inst-1", "2026-03-10T10:00:00Z"),
                UsageEventDraft.undecodable(new Violation(List.of(), Violation.MODEL_TYPE,
                        "Input should be a valid dictionary or object to extract fields from", "oops")));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.recorder.record(command));

        assertEquals(List.of(List.of("events", 1)), paths(e));
    }

    @Test
    void decodingProblemsAloneRefuseTheBatch() {
        RecordUsageCommand command = batch(new UsageEventDraft(ACME, "e0", "inst-1",
                Instant.parse("2026-03-10T10:00:00Z"), 1L, null, null, null, null,
                List.of(new Violation(List.of("end_user_id"), Violation.STRING_TYPE, "Input should be a valid string",
                        42))));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.recorder.record(command));

        assertEquals(List.of(List.of("events", 0, "end_user_id")), paths(e));
        assertEquals(UsageTotals.ZERO, app.ledger.totals(ACME, MARCH));
    }

    @Test
    void usageForAnUnknownInstanceRegistersItActiveNamedByItsId() {
        app.recorder.record(batch(draft(ACME, "e1", "inst-new", "2026-03-10T10:00:00Z"),
                draft(ACME, "e2", "inst-new", "2026-03-10T10:01:00Z")));

        assertEquals(List.of(new Instance(ACME, "inst-new", "inst-new", InstanceStatus.ACTIVE)),
                app.inventory.instances(ACME));
    }

    @Test
    void usageForAKnownInstanceLeavesItsNameAndStatusAlone() {
        Instance known = new Instance(ACME, "inst-1", "Support bot", InstanceStatus.STOPPED);
        app.admin.putInstance(known);

        app.recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z")));

        assertEquals(List.of(known), app.inventory.instances(ACME));
    }

    private static void assertCounts(int accepted, int duplicates, Recorded recorded) {
        assertEquals(new Recorded(accepted, duplicates), recorded);
    }

    private static List<Object> path(Object... parts) {
        return List.of(parts);
    }

    private static List<List<Object>> paths(InvalidInputException e) {
        return e.violations().stream().map(Violation::path).toList();
    }

    private static String type(InvalidInputException e, List<Object> path) {
        return e.violations().stream().collect(Collectors.toMap(Violation::path, Violation::type, (a, b) -> a))
                .get(path);
    }

    private static List<UsageEventDraft> drafts(int n) {
        List<UsageEventDraft> drafts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            drafts.add(draft(ACME, "e" + i, "inst-1", "2026-03-10T10:00:00Z"));
        }
        return drafts;
    }
}

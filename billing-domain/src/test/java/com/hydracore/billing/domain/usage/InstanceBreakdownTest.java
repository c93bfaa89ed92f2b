package com.hydracore.billing.domain.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.money.Money;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceBreakdownTest {

    private static Instance instance(String id, String name, InstanceStatus status) {
        return new Instance("acct-1", id, name, status);
    }

    private static InstanceUsage usage(String id, long tokens) {
        return new InstanceUsage(id, new UsageTotals(tokens, tokens / 10, Money.ofMicros(tokens), 1));
    }

    private static List<String> ids(List<InstanceBreakdown> rows) {
        return rows.stream().map(InstanceBreakdown::instanceId).toList();
    }

    @Test
    void activeInstancesAppearEvenWithoutUsageOthersOnlyWithUsage() {
        List<Instance> inventory = List.of(
                instance("active-idle", "Idle bot", InstanceStatus.ACTIVE),
                instance("stopped-idle", "Stopped bot", InstanceStatus.STOPPED),
                instance("deleted-idle", "Deleted bot", InstanceStatus.DELETED),
                instance("stopped-busy", "Stopped but used", InstanceStatus.STOPPED),
                instance("deleted-busy", "Deleted but used", InstanceStatus.DELETED));
        List<InstanceUsage> used = List.of(usage("stopped-busy", 10), usage("deleted-busy", 20));

        List<InstanceBreakdown> rows = InstanceBreakdown.rows(inventory, used, 30);

        assertEquals(List.of("deleted-busy", "stopped-busy", "active-idle"), ids(rows));
        InstanceBreakdown idle = rows.get(2);
        assertEquals("Idle bot", idle.instanceName());
        assertEquals(InstanceStatus.ACTIVE, idle.status());
        assertEquals(UsageTotals.ZERO, idle.totals());
        assertEquals(new BigDecimal("0.00"), idle.tokenSharePct());
        assertEquals(InstanceStatus.DELETED, rows.get(0).status());
        assertEquals("Deleted but used", rows.get(0).instanceName());
    }

    @Test
    void anInstanceTheInventoryDoesNotKnowIsActiveAndNamedByItsId() {
        List<InstanceBreakdown> rows = InstanceBreakdown.rows(List.of(), List.of(usage("ghost-7", 5)), 5);

        assertEquals(1, rows.size());
        assertEquals("ghost-7", rows.get(0).instanceName());
        assertEquals(InstanceStatus.ACTIVE, rows.get(0).status());
        assertEquals(new BigDecimal("100.00"), rows.get(0).tokenSharePct());
    }

    @Test
    void rowsAreSortedByTokensDescendingThenInstanceIdAscending() {
        List<Instance> inventory = List.of(
                instance("b", "B", InstanceStatus.ACTIVE),
                instance("a", "A", InstanceStatus.ACTIVE),
                instance("z", "Z", InstanceStatus.ACTIVE));
        List<InstanceUsage> used = List.of(usage("c", 50), usage("b", 50), usage("y", 900), usage("a", 50));

        List<InstanceBreakdown> rows = InstanceBreakdown.rows(inventory, used, 1050);

        assertEquals(List.of("y", "a", "b", "c", "z"), ids(rows));
    }

    @Test
    void eachRowShowsItsShareOfTheAccountsTokensRoundedHalfUp() {
        List<InstanceUsage> used = List.of(usage("one", 1), usage("two", 2));

        List<InstanceBreakdown> rows = InstanceBreakdown.rows(List.of(), used, 3);

        assertEquals(new BigDecimal("66.67"), rows.get(0).tokenSharePct());
        assertEquals(new BigDecimal("33.33"), rows.get(1).tokenSharePct());
    }

    @Test
    void sharesAreZeroWhenTheAccountUsedNoTokens() {
        List<InstanceBreakdown> rows = InstanceBreakdown.rows(List.of(instance("a", "A", InstanceStatus.ACTIVE)),
                List.of(new InstanceUsage("b", new UsageTotals(0, 4, Money.parse("0.50"), 2))), 0);

        assertEquals(List.of("a", "b"), ids(rows));
        rows.forEach(r -> assertEquals(new BigDecimal("0.00"), r.tokenSharePct()));
        assertEquals(4, rows.get(1).totals().requests());
    }

    @Test
    void anAccountWithNothingHasNoRows() {
        assertEquals(List.of(), InstanceBreakdown.rows(List.of(), List.of(), 0));
    }
}

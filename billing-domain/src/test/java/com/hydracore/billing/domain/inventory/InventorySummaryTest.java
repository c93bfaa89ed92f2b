package com.hydracore.billing.domain.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InventorySummaryTest {

    @Test
    void onlyActiveInstancesCountAndSitesAreSummedOverEveryNode() {
        List<Instance> instances = List.of(
                new Instance("acct-1", "a", "A", InstanceStatus.ACTIVE),
                new Instance("acct-1", "b", "B", InstanceStatus.ACTIVE),
                new Instance("acct-1", "c", "C", InstanceStatus.STOPPED),
                new Instance("acct-1", "d", "D", InstanceStatus.DELETED));
        List<WebhostNode> nodes = List.of(
                new WebhostNode("acct-1", "n1", 12),
                new WebhostNode("acct-1", "n2", 0),
                new WebhostNode("acct-1", "n3", 30));

        assertEquals(new InventorySummary(2, 3, 42), InventorySummary.of(instances, nodes));
    }

    @Test
    void anAccountWithNothingCountsZeros() {
        assertEquals(InventorySummary.EMPTY, InventorySummary.of(List.of(), List.of()));
        assertEquals(new InventorySummary(0, 0, 0), InventorySummary.EMPTY);
    }

    @Test
    void anInstanceFirstSeenInUsageIsActiveAndNamedByItsId() {
        assertEquals(new Instance("acct-1", "inst-9", "inst-9", InstanceStatus.ACTIVE),
                Instance.discovered("acct-1", "inst-9"));
    }

    @Test
    void instanceStatusesUseTheContractsNames() {
        assertEquals(Optional.of(InstanceStatus.STOPPED), InstanceStatus.fromWireName("stopped"));
        assertEquals("deleted", InstanceStatus.DELETED.wireName());
        assertEquals(Optional.empty(), InstanceStatus.fromWireName("ACTIVE"));
    }

    @Test
    void aNodeCannotHostANegativeNumberOfSites() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new WebhostNode("acct-1", "n1", -1));
        assertEquals(List.of("hosted_sites"), e.violations().get(0).path());
        assertEquals(Violation.GREATER_THAN_EQUAL, e.violations().get(0).type());
    }

    @Test
    void anInstanceReportsEveryInvalidFieldAtOnce() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new Instance("acct-1", "", "x".repeat(201), null));
        assertEquals(List.of(List.of("instance_id"), List.of("name"), List.of("status")),
                e.violations().stream().map(Violation::path).toList());
    }
}

package com.hydracore.billing.application.service;

import static com.hydracore.billing.application.service.Fixtures.ACME;
import static com.hydracore.billing.application.service.Fixtures.GLOBEX;
import static com.hydracore.billing.application.service.Fixtures.batch;
import static com.hydracore.billing.application.service.Fixtures.draft;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.port.out.AppendResult;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.validation.InvalidInputException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

/** How the recorder uses its two ports: the ledger first, the inventory only once the ledger has the batch. */
class UsageRecorderInteractionTest {

    private final UsageLedger ledger = mock(UsageLedger.class);
    private final Inventory inventory = mock(Inventory.class);
    private final UsageRecorder recorder = new UsageRecorder(ledger, inventory, BillingSettings.DEFAULTS,
            MutableClock.at("2026-03-10T12:00:00Z"));

    @Test
    void aLedgerFailureSurfacesUnchangedAndNoInstanceIsRegistered() {
        IllegalStateException failure = new IllegalStateException("database is down");
        when(ledger.append(anyList(), any())).thenThrow(failure);

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"))));

        assertSame(failure, thrown);
        verifyNoInteractions(inventory);
    }

    @Test
    void anInvalidBatchTouchesNeitherPort() {
        assertThrows(InvalidInputException.class, () -> recorder.record(batch(
                draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"),
                draft(ACME, "e2", "inst-1", "2020-01-01T00:00:00Z"))));

        verifyNoInteractions(ledger, inventory);
    }

    @Test
    void theInstancesTheLedgerNamesAreRegisteredInOneCallAfterTheAppend() {
        // The ledger names inst-3 (a duplicate's stored original), not the duplicate's own inst-9.
        when(ledger.append(anyList(), any())).thenReturn(new AppendResult(2, 1,
                Map.of(ACME, Set.of("inst-1", "inst-3"), GLOBEX, Set.of("inst-1"))));

        recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z"),
                draft(ACME, "e2", "inst-9", "2026-03-10T10:00:00Z"),
                draft(GLOBEX, "e1", "inst-1", "2026-03-10T10:00:00Z")));

        InOrder order = inOrder(ledger, inventory);
        order.verify(ledger).append(anyList(), any());
        order.verify(inventory).registerDiscovered(Map.of(ACME, Set.of("inst-1", "inst-3"), GLOBEX, Set.of("inst-1")));
        order.verifyNoMoreInteractions();
    }

    @Test
    void whenTheLedgerNamesNoInstanceTheInventoryIsNotAsked() {
        when(ledger.append(anyList(), any())).thenReturn(new AppendResult(0, 1, Map.of()));

        recorder.record(batch(draft(ACME, "e1", "inst-1", "2026-03-10T10:00:00Z")));

        verifyNoInteractions(inventory);
    }
}

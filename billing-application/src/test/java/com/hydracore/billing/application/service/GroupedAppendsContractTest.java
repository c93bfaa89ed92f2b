package com.hydracore.billing.application.service;

import com.hydracore.billing.application.contract.UsageLedgerContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.application.testing.InMemoryUsageLedger;
import java.util.Optional;

/** Grouping batches changes nothing a writer to the ledger can see: the whole ledger contract holds through it. */
class GroupedAppendsContractTest extends UsageLedgerContract {

    private InMemoryUsageLedger inner;

    @Override
    protected UsageLedger newLedger() {
        inner = new InMemoryUsageLedger();
        return new GroupedAppends(inner, 3000, 2);
    }

    @Override
    protected UsageSums sumsOf(UsageLedger ledger) {
        return inner;
    }

    @Override
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.of(new GroupedAppends(inner.failingOnWriteOf(eventId), 3000, 2));
    }
}

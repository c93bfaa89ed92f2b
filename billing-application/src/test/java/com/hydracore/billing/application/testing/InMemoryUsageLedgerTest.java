package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.UsageLedgerContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;
import java.util.Optional;

/** The in-memory ledger honours the ledger contract, failure seam included. */
class InMemoryUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected UsageLedger newLedger() {
        return new InMemoryUsageLedger();
    }

    @Override
    protected UsageSums sumsOf(UsageLedger ledger) {
        return (InMemoryUsageLedger) ledger;
    }

    @Override
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.of(((InMemoryUsageLedger) ledger).failingOnWriteOf(eventId));
    }
}

package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.UsageLedgerContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import java.util.Optional;

/** The in-memory ledger honours the ledger contract, failure seam included. */
class InMemoryUsageLedgerTest extends UsageLedgerContract {

    @Override
    protected UsageLedger newLedger() {
        return new InMemoryUsageLedger();
    }

    @Override
    protected Optional<UsageLedger> ledgerFailingOnWriteOf(UsageLedger ledger, String eventId) {
        return Optional.of(((InMemoryUsageLedger) ledger).failingOnWriteOf(eventId));
    }
}

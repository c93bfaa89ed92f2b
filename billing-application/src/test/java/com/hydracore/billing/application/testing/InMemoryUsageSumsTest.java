package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.UsageSumsContract;
import com.hydracore.billing.application.port.out.UsageLedger;
import com.hydracore.billing.application.port.out.UsageSums;

/** The in-memory ledger's sums honour the sums contract. */
class InMemoryUsageSumsTest extends UsageSumsContract {

    @Override
    protected UsageSums newSums() {
        return new InMemoryUsageLedger();
    }

    @Override
    protected UsageLedger ledgerOf(UsageSums sums) {
        return (InMemoryUsageLedger) sums;
    }
}

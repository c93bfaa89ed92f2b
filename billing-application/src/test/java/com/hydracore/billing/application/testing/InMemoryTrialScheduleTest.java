package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.contract.TrialScheduleContract;

/** The in-memory TrialSchedule honours the contract, over one store shared by every case. */
class InMemoryTrialScheduleTest extends TrialScheduleContract {

    private static final InMemoryTrialSchedule SCHEDULE = new InMemoryTrialSchedule();

    @Override
    protected Stores newStores() {
        return new Stores(SCHEDULE.subscriptions(), SCHEDULE);
    }
}

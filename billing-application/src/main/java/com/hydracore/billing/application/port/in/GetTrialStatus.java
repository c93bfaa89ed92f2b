package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.subscription.SubscriptionStatus;
import com.hydracore.billing.domain.subscription.Trial;

/** "Is my trial running?" — cheap: no usage is read. */
public interface GetTrialStatus {

    /** The trial status of {@code accountId} now. */
    TrialStatus trialStatus(String accountId);

    /**
     * The answer.
     *
     * @param planName   the current plan's name, or "No Plan"
     * @param status     the current subscription's status, or none
     * @param trial      trial end, days remaining, expiry
     * @param upgradeUrl where to send the user to upgrade
     */
    record TrialStatus(String planName, SubscriptionStatus status, Trial trial, String upgradeUrl) {
    }
}

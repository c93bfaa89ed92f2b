package com.hydracore.billing.application.port.in;

/**
 * "Queue the trial events that are due": one pass of the trial scheduler ({@code trial.will_end},
 * {@code trial.expired}), for a scheduler to call every {@code BILLING_SCHEDULER_SECONDS}. Catches up on everything
 * that came due while no pass ran; each event is created once per subscription, even with passes on several
 * replicas at once.
 */
public interface EmitTrialAlerts {

    /** Queues every trial event due now; returns how many new messages were queued. */
    int emitDue();
}

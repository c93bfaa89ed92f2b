package com.hydracore.billing.application.port.in;

import com.hydracore.billing.domain.quota.Reservation;
import com.hydracore.billing.domain.quota.ReservationRequest;
import com.hydracore.billing.domain.quota.ReservationStatus;

/** Reservations (API §7): hold quota before an LLM call, read the hold, release it. */
public interface HoldQuota {

    /**
     * Holds {@code request} on the account's quotas, or answers the reservation already stored under its id.
     *
     * @throws com.hydracore.billing.application.error.QuotaExceededException when the plan's policy is hard and the
     *     hold would pass a limit; nothing is held
     */
    Answer hold(String accountId, ReservationRequest request);

    /**
     * The reservation as it is now.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException "Reservation not found"
     */
    Answer find(String accountId, String reservationId);

    /**
     * Releases the reservation if it is still held, and answers it as it is then.
     *
     * @throws com.hydracore.billing.application.error.NotFoundException "Reservation not found"
     */
    Answer release(String accountId, String reservationId);

    /**
     * A reservation and its status now.
     *
     * @param reservation as stored
     * @param status      at the instant of the answer
     * @param created     whether this call held it (201) or found it (200)
     */
    record Answer(Reservation reservation, ReservationStatus status, boolean created) {
    }
}

package com.hydracore.billing.application.port.in;

/**
 * "Send what is due": one pass of the webhook dispatcher, for a scheduler to call every few seconds (the server's,
 * or an embedding service's own). Safe to run on several replicas at once: each message is sent by one at a time.
 */
public interface DispatchWebhooks {

    /**
     * Claims the deliveries due now and sends them, a bounded number at a time, until none is due or the pass has
     * sent its maximum; records each outcome. Never throws for a receiver's failure. A store outage ends the pass
     * early: while claiming or reading endpoints with
     * {@link com.hydracore.billing.application.error.StoreUnavailableException}, while recording by counting the
     * outcome {@code lost}. Either way the deliveries concerned are claimed again once their lease ends.
     */
    DispatchReport dispatchDue();

    /**
     * What one pass did.
     *
     * @param claimed   deliveries claimed
     * @param delivered answered 2xx
     * @param retrying  not delivered, to be tried again
     * @param failed    not delivered, with no attempt left, or abandoned because their endpoint was disabled
     * @param lost      not recorded: the claim had been taken over (its lease ran out), the store failed, or the
     *                  endpoint was deleted meanwhile; but for the last, the delivery will be sent again
     */
    record DispatchReport(int claimed, int delivered, int retrying, int failed, int lost) {

        /** A pass that found nothing due. */
        public static final DispatchReport NOTHING = new DispatchReport(0, 0, 0, 0, 0);

        /** The sum of two passes (or two rounds of one). */
        public DispatchReport plus(DispatchReport other) {
            return new DispatchReport(claimed + other.claimed, delivered + other.delivered,
                    retrying + other.retrying, failed + other.failed, lost + other.lost);
        }
    }
}

package com.hydracore.billing.domain.webhook;

/** Where the delivery of one message to one endpoint stands (API §8, the deliveries view). */
public enum DeliveryStatus {
    /** Not delivered yet: waiting for its first attempt or a retry. */
    PENDING("pending"),
    /** A 2xx answer was received; never sent again. */
    DELIVERED("delivered"),
    /** The retries are used up, or the endpoint was disabled before it was sent; never sent again. */
    FAILED("failed");

    private final String wireName;

    DeliveryStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name, e.g. {@code delivered}. */
    public String wireName() {
        return wireName;
    }

    /** Whether nothing will happen to the delivery any more. */
    public boolean isFinal() {
        return this != PENDING;
    }
}

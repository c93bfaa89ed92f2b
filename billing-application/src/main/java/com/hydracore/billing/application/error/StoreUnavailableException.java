package com.hydracore.billing.application.error;

import java.util.Optional;

/**
 * An outbound port could not reach its store: no connection within the time a request may wait, or the connection
 * broke under the call. Nothing of a write that fails with it was kept, so the caller may send it again later; the
 * HTTP adapter answers 503 with {@code Retry-After}. Port implementations throw it (or carry it in the cause chain)
 * instead of their own connection errors, so the application and the adapters can tell an outage from a bug.
 */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a one-line message for the operator's log and the store's own error as cause. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The first {@code StoreUnavailableException} in {@code failure}'s cause chain, {@code failure} included: where an
     * outage surfaces wrapped (e.g. rethrown by another thread's work), it is still recognised.
     */
    public static Optional<StoreUnavailableException> in(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 64; depth++, t = t.getCause()) {
            if (t instanceof StoreUnavailableException unavailable) {
                return Optional.of(unavailable);
            }
        }
        return Optional.empty();
    }
}

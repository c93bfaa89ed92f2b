package com.hydracore.billing.adapter.rest.http;

import java.util.Map;

/** An answer other than success, decided by the adapter: its status, the {@code detail} shown and extra headers. */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;

    /** An error answered as {@code {"detail": detail}} with {@code status}. */
    public ApiException(int status, String detail) {
        this(status, detail, Map.of());
    }

    /** The same, with response headers (e.g. {@code WWW-Authenticate}). */
    public ApiException(int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The message for the caller. */
    public String detail() {
        return getMessage();
    }

    /** Headers to add to the answer. */
    public Map<String, String> headers() {
        return headers;
    }
}

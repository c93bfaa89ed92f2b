package com.hydracore.billing.adapter.rest.edge;

import com.hydracore.billing.adapter.rest.http.RequestIds;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * The answers the edge gives itself, before (or instead of) the application: the same JSON shapes and
 * {@code X-Request-Id} as every other answer, written without Jersey so they cost nothing and never wait for a
 * worker.
 */
final class EdgeAnswers {

    static final String HEALTHY = "{\"status\":\"ok\"}";
    static final String BUSY = detail("Server busy");
    /** The {@code Retry-After} of a 503 "Server busy" (API §9). */
    static final int BUSY_RETRY_AFTER_SECONDS = 1;
    static final String REQUEST_TIMEOUT = detail("Request Timeout");
    static final String INTERNAL = detail("Internal Server Error");

    private EdgeAnswers() {
    }

    /** {@code {"detail": message}}, for messages of plain ASCII without quotes or backslashes (ours). */
    static String detail(String message) {
        return "{\"detail\":\"" + message + "\"}";
    }

    /** Answers {@code request} with {@code status} and {@code json}; {@code retryAfter} seconds when positive. */
    static void answer(Request request, Response response, int status, String json, int retryAfter)
            throws IOException {
        write(response, status, RequestIds.idFor(request.getHeader(RequestIds.HEADER)),
                retryAfter > 0 ? Map.of("Retry-After", Integer.toString(retryAfter)) : Map.of(),
                json.getBytes(StandardCharsets.US_ASCII));
    }

    /** Answers with {@code status}, the JSON {@code body}, {@code requestId} and {@code headers}. */
    static void write(Response response, int status, String requestId, Map<String, String> headers, byte[] body)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader(RequestIds.HEADER, requestId);
        headers.forEach(response::setHeader);
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    /**
     * A whole HTTP/1.1 answer that closes the connection, for a client whose request was never parsed (its headers
     * came too slowly or were too large), so no request id of its own can be echoed.
     */
    static byte[] closingAnswer(int status, String reason, String json) {
        return ("HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + json.length() + "\r\n"
                + RequestIds.HEADER + ": " + UUID.randomUUID() + "\r\n"
                + "Connection: close\r\n\r\n" + json).getBytes(StandardCharsets.US_ASCII);
    }
}

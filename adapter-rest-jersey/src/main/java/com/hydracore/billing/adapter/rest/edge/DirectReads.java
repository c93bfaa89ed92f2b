package com.hydracore.billing.adapter.rest.edge;

import java.util.Map;
import java.util.Objects;

/**
 * GETs the edge answers on a worker without going through Jersey: reads a page or a router makes on every load, for
 * which Jersey's routing, injection and filters cost several times the read itself. An implementation answers only
 * what it answers exactly as the application would; for everything else it declines, and the application answers.
 *
 * <p>Handed to {@link HttpEdge} as the application's property {@value #PROPERTY}.
 */
public interface DirectReads {

    /** The {@link org.glassfish.jersey.server.ResourceConfig} property holding the application's direct reads. */
    String PROPERTY = "com.hydracore.billing.edge.directReads";

    /** None: the application answers every request (an application without the property). */
    DirectReads NONE = new DirectReads() {
        @Override
        public boolean covers(String path) {
            return false;
        }

        @Override
        public Answer answer(String path, String authorization, String requestId) {
            return null;
        }
    };

    /** Whether a GET of {@code path} without a query may be one of these reads. Runs on a worker. */
    boolean covers(String path);

    /**
     * The answer to a GET of {@code path} (one {@link #covers} accepted) without a query or body, or {@code null} to
     * leave the request to the application.
     *
     * @param authorization the request's {@code Authorization} header, or {@code null}
     * @param requestId     the id the answer carries, already in the logging context
     */
    Answer answer(String path, String authorization, String requestId);

    /**
     * A JSON answer: its status, headers besides {@code Content-Type}, {@code Content-Length} and
     * {@code X-Request-Id}, and body.
     */
    record Answer(int status, Map<String, String> headers, byte[] json) {

        /** Freezes the headers. */
        public Answer {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(json, "json");
        }
    }
}

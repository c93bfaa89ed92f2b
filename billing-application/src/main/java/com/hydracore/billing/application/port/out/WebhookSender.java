package com.hydracore.billing.application.port.out;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sends one webhook request over HTTP and says what came back. The dispatcher builds the request (headers,
 * signature); an implementation only carries it.
 *
 * <p>What every implementation must do, because the request's target is chosen by an admin, not by us:
 * <ul>
 *   <li>resolve the host and refuse, before connecting, any address the configured
 *       {@link com.hydracore.billing.domain.webhook.AddressPolicy} refuses — and connect to the very address it
 *       checked, so that DNS answering differently between the check and the connection changes nothing;</li>
 *   <li>never follow a redirect: a 3xx is an answer like any other non-2xx (and is retried);</li>
 *   <li>read at most a small, fixed part of the response body (the status is all that matters), then close;</li>
 *   <li>give up after {@link WebhookRequest#timeout()} in all (connecting, sending, waiting for the status);</li>
 *   <li>never throw for anything the network or the receiver does: answer {@link SendResult#failed} instead.</li>
 * </ul>
 * Safe for concurrent use: the dispatcher sends several requests at once.
 */
@FunctionalInterface
public interface WebhookSender {

    /** POSTs {@code request} and answers the status code, or why there was none. */
    SendResult send(WebhookRequest request);

    /**
     * One POST.
     *
     * @param url     where to
     * @param headers the headers, in order (the Standard Webhooks ones and {@code content-type})
     * @param body    the exact bytes to send
     * @param timeout how long the whole exchange may take
     */
    record WebhookRequest(URI url, Map<String, String> headers, byte[] body, Duration timeout) {

        /** Copies the headers (keeping their order) and the body. */
        public WebhookRequest {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(timeout, "timeout");
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            body = body.clone();
        }

        /** A copy of the body. */
        @Override
        public byte[] body() {
            return body.clone();
        }

        /** Compares the body by content. */
        @Override
        public boolean equals(Object other) {
            return other instanceof WebhookRequest that && url.equals(that.url) && headers.equals(that.headers)
                    && Arrays.equals(body, that.body) && timeout.equals(that.timeout);
        }

        @Override
        public int hashCode() {
            return Objects.hash(url, headers, Arrays.hashCode(body), timeout);
        }

        @Override
        public String toString() {
            return "WebhookRequest[" + url + ", " + body.length + " bytes]";
        }
    }

    /**
     * What a send came to: the receiver's HTTP status, or the reason there was none.
     *
     * @param statusCode the status answered, or {@code null} when there was no answer
     * @param failure    why there was no answer (timeout, refused address, connection error...), for the log;
     *                   {@code null} when there was one
     */
    record SendResult(Integer statusCode, String failure) {

        /** Exactly one of the two is set. */
        public SendResult {
            if ((statusCode == null) == (failure == null)) {
                throw new IllegalArgumentException("a send is answered with a status or fails with a reason");
            }
            if (statusCode != null && (statusCode < 100 || statusCode > 599)) {
                throw new IllegalArgumentException("an HTTP status is 100-599, not " + statusCode);
            }
        }

        /** The receiver answered {@code statusCode}. */
        public static SendResult answered(int statusCode) {
            return new SendResult(statusCode, null);
        }

        /** No answer, because of {@code reason}. */
        public static SendResult failed(String reason) {
            return new SendResult(null, Objects.requireNonNull(reason, "reason"));
        }

        /** Whether the receiver took the message: any 2xx. */
        public boolean isSuccess() {
            return statusCode != null && statusCode / 100 == 2;
        }
    }
}

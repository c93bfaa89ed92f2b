package com.hydracore.billing.bootstrap.webhook;

import com.hydracore.billing.application.port.out.HostResolver;
import com.hydracore.billing.application.port.out.WebhookSender;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@link WebhookSender} over the JDK's {@link HttpClient}: HTTP/1.1, no redirects (a 3xx is an answer), one timeout
 * over connecting and waiting for the status, at most {@value #MAX_BODY_READ} bytes of the answer read.
 *
 * <p>The host is resolved and every address judged by the {@link AddressPolicy} before sending; any refused address
 * refuses the send. Java 17's client resolves the name again itself and has no resolver hook, so a name whose DNS
 * answer changes between the check and the connection (rebinding) is not fully covered: a plain-socket sender that
 * connects to the checked address closes that gap (docs/webhooks.md, "HTTP sender").
 */
public final class HttpWebhookSender implements WebhookSender {

    /** Most bytes of a response body read before the connection is dropped. */
    public static final int MAX_BODY_READ = 4096;

    private final HttpClient client;
    private final HostResolver resolver;
    private final AddressPolicy policy;

    /** Sends with its own client, judging what {@code resolver} answers by {@code policy}. */
    public HttpWebhookSender(HostResolver resolver, AddressPolicy policy, Duration connectTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public SendResult send(WebhookRequest request) {
        try {
            String host = request.url().getHost();
            if (host == null) {
                return SendResult.failed("no host in the URL");
            }
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            List<InetAddress> addresses = resolver.resolve(bare);
            if (addresses.isEmpty()) {
                return SendResult.failed("the host does not resolve");
            }
            Optional<InetAddress> refused = policy.firstRefused(addresses);
            if (refused.isPresent()) {
                // the range, never the address (the admin chose the name; the answer may be internal)
                return SendResult.failed("refused target address ("
                        + AddressPolicy.rangeOf(refused.get()).map(Object::toString).orElse("not permitted") + ")");
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(request.url())
                    .timeout(request.timeout())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
            request.headers().forEach(builder::header);
            HttpResponse<InputStream> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                body.readNBytes(MAX_BODY_READ); // a little, so a keep-alive connection may be reused; then dropped
            } catch (IOException ignored) {
                // the status is all that matters
            }
            int status = response.statusCode();
            return status >= 100 && status <= 599 ? SendResult.answered(status)
                    : SendResult.failed("invalid HTTP status " + status);
        } catch (HttpTimeoutException e) {
            return SendResult.failed("timed out after " + request.timeout().toSeconds() + " s");
        } catch (IOException | RuntimeException e) {
            return SendResult.failed(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendResult.failed("interrupted");
        }
    }
}

package com.hydracore.billing.adapter.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hydracore.billing.adapter.rest.edge.EdgeLimits;
import com.hydracore.billing.adapter.rest.edge.HttpEdge;
import com.hydracore.billing.application.testing.InMemoryBilling;
import com.hydracore.billing.application.testing.InMemoryWebhooks;
import com.hydracore.billing.application.testing.MutableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A real Grizzly server on a free port over the in-memory application, a plain HTTP/1.1 client and a token minter
 * sharing a secret made up for this run.
 */
final class TestApi implements AutoCloseable {

    static final String START = "2026-11-24T09:30:00Z";
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    final MutableClock clock = MutableClock.at(START);
    final InMemoryBilling app = new InMemoryBilling(clock);
    final InMemoryWebhooks hooks = new InMemoryWebhooks(clock);
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final String secret = randomSecret();
    final TokenMinter minter = new TokenMinter(secret, clock);
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final HttpEdge server;
    final URI base;

    private TestApi(UnaryOperator<AuthSettings> auth, UnaryOperator<UseCases> useCases, ReadinessProbe readiness) {
        UseCases real = new UseCases(app.reads, app.reads, app.reads, app.reads, app.recorder, app.admin, app.admin,
                app.admin, hooks.webhooks, app.reads, app.quotas, app.quotas);
        AuthSettings settings = auth.apply(AuthSettings.hmac(secret));
        server = HttpEdge.start(URI.create("http://127.0.0.1:0/"),
                RestApi.resourceConfig(useCases.apply(real), settings, readiness, registry, clock),
                EdgeLimits.DEFAULTS.withWorkers(8));
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    /** HS256 with this run's secret, the in-memory application, always ready. */
    static TestApi start() {
        return new TestApi(a -> a, u -> u, () -> true);
    }

    /** With other auth settings, given the HS256 settings of this run's secret. */
    static TestApi withAuth(UnaryOperator<AuthSettings> auth) {
        return new TestApi(auth, u -> u, () -> true);
    }

    /** With some use cases replaced, and a readiness probe. */
    static TestApi start(UnaryOperator<UseCases> useCases, ReadinessProbe readiness) {
        return new TestApi(a -> a, useCases, readiness);
    }

    static String randomSecret() {
        byte[] bytes = new byte[36];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String userToken(String account) {
        return minter.mint(account, Set.of(), Duration.ofHours(1));
    }

    String writerToken() {
        return minter.mint("router", Set.of("usage:write"), Duration.ofHours(1));
    }

    String adminToken() {
        return minter.mint("ops", Set.of("billing:admin"), Duration.ofHours(1));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    }

    HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder request = request(path).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpResponse<String> post(String path, String token, String json) {
        return withBody("POST", path, token, json);
    }

    HttpResponse<String> put(String path, String token, String json) {
        return withBody("PUT", path, token, json);
    }

    HttpResponse<String> delete(String path, String token) {
        return send(request(path).DELETE().header("Authorization", "Bearer " + token));
    }

    private HttpResponse<String> withBody(String method, String path, String token, String json) {
        HttpRequest.Builder request = request(path)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

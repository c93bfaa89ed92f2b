package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.http.ErrorMappers;
import com.hydracore.billing.adapter.rest.http.Observability;
import com.hydracore.billing.application.error.StoreUnavailableException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Everything around the endpoints: request ids, 404/405/500 bodies, health and readiness, metrics, the OpenAPI
 * document, the billing page's files and the access log.
 */
class OperationsHttpTest {

    private static final AtomicBoolean READY = new AtomicBoolean(true);
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(useCases -> new UseCases(account -> {
            if (account.equals("boom")) {
                throw new IllegalStateException("ERROR: relation \"ledger\" does not exist; SELECT * FROM ledger");
            }
            if (account.equals("db-down")) {
                throw new StoreUnavailableException("cannot reach PostgreSQL jdbc:postgresql://db/billing: FATAL: "
                        + "database \"billing\" is not currently accepting connections", new IllegalStateException());
            }
            if (account.equals("db-down-wrapped")) {
                throw new IllegalStateException("rethrown by a library",
                        new StoreUnavailableException("cannot reach the database", null));
            }
            return useCases.overview().overview(account);
        }, useCases.trialStatus(), useCases.usage(), useCases.chart(), useCases.recordUsage(), useCases.tiers(),
                useCases.subscriptions(), useCases.inventory()), () -> {
                    if (!READY.get()) {
                        throw new IllegalStateException("connection refused");
                    }
                    return true;
                });
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theCallersRequestIdIsEchoedOnEveryAnswer() {
        for (String path : List.of("/healthz", "/v1/billing", "/nowhere")) {
            HttpResponse<String> response = api.send(api.request(path).header("X-Request-Id", "trace-42.a:b"));
            assertEquals("trace-42.a:b", response.headers().firstValue("X-Request-Id").orElseThrow(), path);
        }
    }

    @Test
    void aMissingOrInsaneRequestIdIsReplacedByAFreshOne() {
        String generated = api.get("/healthz", null).headers().firstValue("X-Request-Id").orElseThrow();
        String insteadOfLong = api.send(api.request("/healthz").header("X-Request-Id", "x".repeat(200)))
                .headers().firstValue("X-Request-Id").orElseThrow();
        String insteadOfSpaces = api.send(api.request("/healthz").header("X-Request-Id", "a b"))
                .headers().firstValue("X-Request-Id").orElseThrow();

        for (String id : List.of(generated, insteadOfLong, insteadOfSpaces)) {
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        }
        assertFalse(generated.equals(insteadOfLong));
    }

    @Test
    void aWrongMethodIs405WithAllow() {
        HttpResponse<String> response = api.send(api.request("/v1/billing")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()));

        assertEquals(405, response.statusCode());
        assertEquals("{\"detail\":\"Method Not Allowed\"}", response.body());
        assertTrue(response.headers().firstValue("Allow").orElseThrow().contains("GET"));
    }

    @Test
    void anUnexpectedFailureIs500WithoutAnyDetailAndIsLoggedWithTheRequestId() {
        try (LogCapture log = LogCapture.of(ErrorMappers.class.getName())) {
            HttpResponse<String> response = api.send(api.request("/v1/billing")
                    .header("Authorization", "Bearer " + api.userToken("boom")).header("X-Request-Id", "req-500"));

            assertEquals(500, response.statusCode());
            assertEquals("{\"detail\":\"Internal Server Error\"}", response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            ILoggingEvent logged = log.await(message -> message.contains("req-500"));
            assertTrue(logged.getThrowableProxy().getMessage().contains("relation"), "the cause is logged");
        }
    }

    @Test
    void aDatabaseOutageIs503WithRetryAfterAndOneWarningLineWithoutStackTrace() {
        for (String account : List.of("db-down", "db-down-wrapped")) {
            try (LogCapture log = LogCapture.of(ErrorMappers.class.getName())) {
                HttpResponse<String> response = api.send(api.request("/v1/billing")
                        .header("Authorization", "Bearer " + api.userToken(account))
                        .header("X-Request-Id", "req-" + account));

                assertEquals(503, response.statusCode(), account);
                assertEquals("{\"detail\":\"Database unavailable\"}", response.body());
                assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
                assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
                ILoggingEvent logged = log.await(message -> message.contains("req-" + account));
                assertEquals(Level.WARN, logged.getLevel());
                assertNull(logged.getThrowableProxy(), "no stack trace");
                assertTrue(logged.getFormattedMessage().contains("cannot reach"), logged.getFormattedMessage());
                assertEquals(1, log.messages().stream().filter(m -> m.contains("req-" + account)).count(),
                        "logged once");
            }
        }
    }

    @Test
    void healthIsAlwaysUpAndReadinessFollowsTheProbe() {
        assertEquals("{\"status\":\"ok\"}", api.get("/healthz", null).body());
        assertEquals(200, api.get("/readyz", null).statusCode());
        READY.set(false);
        try {
            HttpResponse<String> notReady = api.get("/readyz", null);
            assertEquals(503, notReady.statusCode());
            assertTrue(TestApi.json(notReady).get("detail").isTextual());
            assertEquals(200, api.get("/healthz", null).statusCode());
        } finally {
            READY.set(true);
        }
    }

    @Test
    void metricsCountRequestsPerRouteTemplateAndStatusWithALatencyHistogram() {
        try (LogCapture access = LogCapture.of(Observability.ACCESS_LOGGER)) {
            api.send(api.request("/v1/billing").header("Authorization", "Bearer " + api.userToken("metrics"))
                    .header("X-Request-Id", "m-a"));
            api.send(api.request("/v1/admin/tiers/m-1").header("Authorization", "Bearer " + api.adminToken())
                    .header("X-Request-Id", "m-b").header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(BillingReadsHttpTest.tier("m-1", "M", 1, 0))));
            api.send(api.request("/v1/billing").header("X-Request-Id", "m-c"));
            for (String id : List.of("m-a", "m-b", "m-c")) {
                access.await(line -> line.contains("request_id=" + id + " "));
            }
        }

        HttpResponse<String> response = api.get("/metrics", null);

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        String metrics = response.body();
        assertTrue(metrics.contains(
                "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/billing\",status=\"200\"}"), metrics);
        assertTrue(metrics.contains(
                "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/billing\",status=\"401\"}"), metrics);
        assertTrue(metrics.contains(
                "http_server_requests_seconds_count{method=\"PUT\",route=\"/v1/admin/tiers/{tier_id}\",status=\"200\"}"),
                metrics);
        assertTrue(metrics.contains("http_server_requests_seconds_bucket{method=\"GET\",route=\"/v1/billing\","
                + "status=\"200\",le=\"0.1\"}"), metrics);
        assertFalse(metrics.contains("m-1\""), "ids never become labels");
    }

    @Test
    void requestsOfOneMethodRouteAndStatusCountInOneSeriesAndAnotherStatusInAnother() {
        try (TestApi own = TestApi.start(); LogCapture access = LogCapture.of(Observability.ACCESS_LOGGER)) {
            String token = own.userToken("series");
            for (String id : List.of("s-1", "s-2")) {
                own.send(own.request("/v1/billing/trial-status").header("Authorization", "Bearer " + token)
                        .header("X-Request-Id", id));
            }
            own.send(own.request("/v1/billing/trial-status").header("X-Request-Id", "s-3"));
            for (String id : List.of("s-1", "s-2", "s-3")) {
                access.await(line -> line.contains("request_id=" + id + " "));
            }

            assertEquals(2, own.registry.get(Observability.REQUEST_METRIC).tags("method", "GET",
                    "route", "/v1/billing/trial-status", "status", "200").timer().count());
            assertEquals(1, own.registry.get(Observability.REQUEST_METRIC).tags("method", "GET",
                    "route", "/v1/billing/trial-status", "status", "401").timer().count());
            assertEquals(2, own.registry.get(Observability.REQUEST_METRIC).timers().size());
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointSchemaErrorAndTheBearerScheme() {
        HttpResponse<String> response = api.get("/openapi.json", null);

        assertEquals(200, response.statusCode());
        JsonNode doc = TestApi.json(response);
        assertTrue(doc.get("openapi").asText().startsWith("3."));
        JsonNode paths = doc.get("paths");
        for (String path : List.of("/v1/billing", "/v1/billing/trial-status", "/v1/billing/usage",
                "/v1/billing/usage/chart", "/v1/usage/events", "/v1/admin/tiers", "/v1/admin/tiers/{tier_id}",
                "/v1/admin/accounts/{account_id}/subscriptions",
                "/v1/admin/accounts/{account_id}/subscriptions/{subscription_id}/activate",
                "/v1/admin/accounts/{account_id}/subscriptions/{subscription_id}/past-due",
                "/v1/admin/accounts/{account_id}/subscriptions/{subscription_id}/cancel",
                "/v1/admin/accounts/{account_id}/instances/{instance_id}",
                "/v1/admin/accounts/{account_id}/webhost-nodes/{node_id}", "/healthz", "/readyz", "/metrics",
                "/billing")) {
            assertTrue(paths.has(path), path);
        }
        assertTrue(paths.get("/v1/admin/accounts/{account_id}/webhost-nodes/{node_id}").has("delete"));
        JsonNode schemas = doc.get("components").get("schemas");
        assertEquals(List.of(
                "api_call_limit", "billing_cycle", "conversation_limit", "current_period_end", "current_period_start",
                "instance_limit", "max_sites_per_node", "plan_name", "price_cents", "product_name", "status", "tier_id",
                "tier_slug", "token_allowance", "trial_days_remaining", "trial_ends_at"),
                fieldNames(schemas.get("Plan").get("properties")));
        assertEquals("string", schemas.get("UsageSummary").get("properties").get("total_cost_usd").get("type").asText());
        assertTrue(schemas.has("UsageEventBatch") && schemas.has("UsageEvent") && schemas.has("Tier")
                && schemas.has("CreateSubscription") && schemas.has("Subscription"), schemas.toString());
        assertEquals(List.of("detail"), fieldNames(schemas.get("HTTPError").get("properties")));
        assertEquals(List.of("detail"), fieldNames(schemas.get("HTTPValidationError").get("properties")));
        assertEquals(List.of("input", "loc", "msg", "type"),
                fieldNames(schemas.get("ValidationError").get("properties")));
        JsonNode ingest = paths.get("/v1/usage/events").get("post");
        assertEquals("#/components/schemas/UsageEventBatch",
                ingest.get("requestBody").get("content").get("application/json").get("schema").get("$ref").asText());
        assertTrue(ingest.get("responses").has("422") && ingest.get("responses").has("413"));
        assertEquals("[{\"bearerAuth\":[\"usage:write\"]}]", ingest.get("security").toString());
        JsonNode bearer = doc.get("components").get("securitySchemes").get("bearerAuth");
        assertEquals("http", bearer.get("type").asText());
        assertEquals("bearer", bearer.get("scheme").asText());
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        return names;
    }

    @Test
    void theBillingPageAndItsAssetsAreServedFromTheClasspath() {
        HttpResponse<String> page = api.get("/billing", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(page.body().contains("<title>"));

        HttpResponse<String> css = api.get("/billing/assets/test-only.css", null);
        assertEquals(200, css.statusCode());
        assertEquals("text/css;charset=utf-8", css.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("text/javascript;charset=utf-8",
                api.get("/billing/assets/test-only.js", null).headers().firstValue("Content-Type").orElseThrow());

        HttpResponse<String> chart = api.get("/billing/assets/chart.umd.js", null);
        assertEquals(200, chart.statusCode());
        assertEquals("text/javascript;charset=utf-8", chart.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(chart.body().contains("Chart") && chart.body().length() > 100_000, "Chart.js from the WebJar");
    }

    @Test
    void onlyFilesOfTheBillingPageFolderCanBeReached() {
        for (String path : List.of("/billing/assets/..%2F..%2Flogback-test.xml", "/billing/assets/%2E%2E",
                "/billing/assets/logback-test.xml", "/billing/assets/..%2Fseed%2Fget-billing.json",
                "/billing/assets/.hidden", "/billing/assets/missing.js",
                "/billing/assets/META-INF%2FMANIFEST.MF")) {
            HttpResponse<String> response = api.get(path, null);
            assertEquals(404, response.statusCode(), path);
            assertEquals("{\"detail\":\"Not Found\"}", response.body(), path);
        }
    }

    @Test
    void aClientAskingToUpgradeToH2cStillGetsTheContentType() throws IOException, InterruptedException {
        HttpClient defaultClient = HttpClient.newHttpClient(); // prefers HTTP/2, so sends "Upgrade: h2c"

        HttpResponse<String> response = defaultClient.send(HttpRequest.newBuilder(api.base.resolve("/v1/billing"))
                .header("Authorization", "Bearer " + api.userToken("h2c")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void theAcceptHeaderDoesNotChangeTheAnswer() {
        HttpResponse<String> response = api.send(api.request("/v1/billing/trial-status")
                .header("Authorization", "Bearer " + api.userToken("accept")).header("Accept", "text/html"));

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void everyRequestWritesOneAccessLogLineWithoutTheToken() {
        try (LogCapture log = LogCapture.of(Observability.ACCESS_LOGGER)) {
            String token = api.userToken("logged");
            api.send(api.request("/v1/billing/usage/chart?days=3").header("Authorization", "Bearer " + token)
                    .header("X-Request-Id", "log-1"));
            api.send(api.request("/readyz").header("X-Request-Id", "log-2"));

            String line = log.await(l -> l.contains("request_id=log-1")).getFormattedMessage();
            log.await(l -> l.contains("request_id=log-2"));
            assertEquals(1, log.messages().stream().filter(l -> l.contains("request_id=log-1")).count());
            assertTrue(line.matches("method=GET route=/v1/billing/usage/chart status=200 duration_ms=[0-9.]+ "
                    + "request_id=log-1 account_id=logged"), line);
            assertFalse(line.contains(token.substring(0, 20)));
        }
    }

}

package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.hydracore.billing.adapter.rest.auth.BearerAuthFeature;
import com.hydracore.billing.adapter.rest.auth.TokenVerifier;
import com.hydracore.billing.adapter.rest.billing.BillingResource;
import com.hydracore.billing.adapter.rest.billing.UsageExportResource;
import com.hydracore.billing.adapter.rest.edge.DirectReads;
import com.hydracore.billing.adapter.rest.http.Observability;
import com.hydracore.billing.adapter.rest.quota.QuotaResource;
import com.hydracore.billing.application.error.StoreUnavailableException;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reads the edge answers without Jersey ({@link DirectResourceReads}) answer exactly as Jersey does: the same
 * request with a query string (which the edge never answers itself) goes through Jersey, and both answers must agree
 * on status, body and every header but the request id.
 */
class DirectReadsHttpTest {

    private static final List<String> READS =
            List.of("/v1/billing", "/v1/billing/usage", "/v1/billing/trial-status", "/v1/billing/quota");

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(useCases -> new UseCases(account -> {
            if (account.equals("db-down")) {
                throw new StoreUnavailableException("cannot reach the database", null);
            }
            if (account.equals("boom")) {
                throw new IllegalStateException("a bug");
            }
            return useCases.overview().overview(account);
        }, useCases.trialStatus(), useCases.usage(), useCases.chart(), useCases.recordUsage(), useCases.tiers(),
                useCases.subscriptions(), useCases.inventory(), useCases.webhooks(), useCases.export(),
                useCases.quota(), useCases.holds()), () -> true);
        String admin = api.adminToken();
        api.put("/v1/admin/tiers/pro", admin, BillingReadsHttpTest.tier("pro", "Pro", 2900, 14));
        api.post("/v1/admin/accounts/acme/subscriptions", admin, "{\"tier_id\":\"pro\"}");
        api.post("/v1/usage/events", api.writerToken(), UsageIngestionHttpTest.batch(
                UsageIngestionHttpTest.event("acme", "e-1", "\"cost_usd\":\"0.0150\"", "\"end_user_id\":\"u-1\""),
                UsageIngestionHttpTest.event("acme", "e-2", "\"instance_id\":\"other\"", "\"model\":\"gpt-4o\"",
                        "\"tokens\":<absent>", "\"input_tokens\":900", "\"output_tokens\":120")));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theDirectReadsAreTheParameterlessAuthenticatedJsonGets() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        BearerAuthFeature auth = new BearerAuthFeature(new TokenVerifier(AuthSettings.hmac(TestApi.randomSecret()),
                Clock.systemUTC()));
        List<Object> resources = List.of(new BillingResource(api.app.reads, api.app.reads, api.app.reads,
                api.app.reads), new QuotaResource(api.app.quotas), new UsageExportResource(api.app.reads));

        DirectResourceReads reads = DirectResourceReads.of(auth, new Observability(registry), resources);

        // The chart takes query parameters and the export streams: both stay Jersey's.
        assertEquals(READS.stream().sorted().toList(), reads.paths());
        ResourceConfig config = RestApi.resourceConfig(new UseCases(api.app.reads, api.app.reads, api.app.reads,
                api.app.reads, api.app.recorder, api.app.admin, api.app.admin, api.app.admin), AuthSettings.hmac(
                        TestApi.randomSecret()), () -> true, registry, Clock.systemUTC());
        DirectResourceReads configured = (DirectResourceReads) config.getProperty(DirectReads.PROPERTY);
        assertEquals(List.of("/v1/billing", "/v1/billing/trial-status", "/v1/billing/usage"), configured.paths(),
                "without the quota port, no quota read");
    }

    @Test
    void anAcceptedTokenGetsTheAnswerJerseyGives() {
        String token = api.userToken("acme");
        for (String path : READS) {
            HttpResponse<String> direct = api.get(path, token);

            assertEquals(200, direct.statusCode(), path);
            assertSame(path, direct, api.get(path + "?via=jersey", token));
        }
    }

    @Test
    void anAnswerThatChangedIsWrittenAfreshNotAsTheLastOne() {
        String token = api.userToken("changing");
        long before = TestApi.json(api.get("/v1/billing/usage", token)).get("total_tokens").asLong();

        api.post("/v1/usage/events", api.writerToken(), UsageIngestionHttpTest.batch(
                UsageIngestionHttpTest.event("changing", "c-1", "\"tokens\":250")));
        HttpResponse<String> after = api.get("/v1/billing/usage", token);

        assertEquals(before + 250, TestApi.json(after).get("total_tokens").asLong());
        assertSame("after a change", after, api.get("/v1/billing/usage?via=jersey", token));
        assertEquals(after.body(), api.get("/v1/billing/usage", token).body(), "unchanged: the same answer");
    }

    @Test
    void refusedTokensGetTheAnswersJerseyGives() {
        String expired = new TokenMinter(api.secret, Clock.fixed(Instant.parse(TestApi.START).minus(Duration.ofHours(2)),
                ZoneOffset.UTC)).mint("acme", Set.of(), Duration.ofHours(1));
        String otherSecret = new TokenMinter(TestApi.randomSecret(), api.clock).mint("acme", Set.of(),
                Duration.ofHours(1));
        for (String path : READS) {
            for (String authorization : new String[] {null, "Basic abc", "Bearer x.y.z",
                    "Bearer " + expired, "Bearer " + otherSecret}) {
                HttpResponse<String> direct = get(path, authorization);

                assertEquals(401, direct.statusCode(), path + " " + authorization);
                assertNotNull(direct.headers().firstValue("WWW-Authenticate").orElse(null));
                assertSame(path + " " + authorization, direct, get(path + "?via=jersey", authorization));
            }
        }
    }

    @Test
    void aDatabaseOutageAndABugGetTheAnswersJerseyGives() {
        HttpResponse<String> outage = api.get("/v1/billing", api.userToken("db-down"));
        HttpResponse<String> bug = api.get("/v1/billing", api.userToken("boom"));

        assertEquals(503, outage.statusCode());
        assertEquals("{\"detail\":\"Database unavailable\"}", outage.body());
        assertEquals("2", outage.headers().firstValue("Retry-After").orElseThrow());
        assertSame("outage", outage, api.get("/v1/billing?via=jersey", api.userToken("db-down")));
        assertEquals(500, bug.statusCode());
        assertSame("bug", bug, api.get("/v1/billing?via=jersey", api.userToken("boom")));
    }

    @Test
    void theRequestIdOfferedIsTheOneAnswered() {
        HttpResponse<String> response = api.send(api.request("/v1/billing/quota")
                .header("Authorization", "Bearer " + api.userToken("acme")).header("X-Request-Id", "direct-7"));

        assertEquals("direct-7", response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    private static HttpResponse<String> get(String path, String authorization) {
        var request = api.request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return api.send(request);
    }

    private static void assertSame(String what, HttpResponse<String> direct, HttpResponse<String> jersey) {
        assertEquals(jersey.statusCode(), direct.statusCode(), what);
        assertEquals(jersey.body(), direct.body(), what);
        assertEquals(headersBut(jersey), headersBut(direct), what);
    }

    private static Map<String, List<String>> headersBut(HttpResponse<String> response) {
        Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
        headers.remove("x-request-id");
        return headers;
    }
}

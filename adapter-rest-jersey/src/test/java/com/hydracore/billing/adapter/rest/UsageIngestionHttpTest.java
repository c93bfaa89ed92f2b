package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/usage/events} over HTTP: lax decoding, every 422 type, size and media-type limits. */
class UsageIngestionHttpTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /** A valid event of {@code account} with {@code overrides} replacing or adding raw JSON fields. */
    static String event(String account, String eventId, String... overrides) {
        StringBuilder json = new StringBuilder("{");
        List<String> fields = new ArrayList<>(List.of(
                "\"event_id\":\"" + eventId + "\"",
                "\"account_id\":\"" + account + "\"",
                "\"instance_id\":\"bot\"",
                "\"occurred_at\":\"2026-11-24T09:00:00Z\"",
                "\"tokens\":100"));
        for (String override : overrides) {
            String name = override.substring(0, override.indexOf(':'));
            fields.removeIf(f -> f.startsWith(name + ":"));
            if (!override.endsWith(":<absent>")) {
                fields.add(override);
            }
        }
        json.append(String.join(",", fields)).append('}');
        return json.toString();
    }

    static String batch(String... events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static HttpResponse<String> ingest(String body) {
        return api.post("/v1/usage/events", api.writerToken(), body);
    }

    /** The only problem of a 422, as {@code type loc input}. */
    private static String onlyProblem(HttpResponse<String> response) {
        assertEquals(422, response.statusCode(), response.body());
        JsonNode detail = TestApi.json(response).get("detail");
        assertEquals(1, detail.size(), response.body());
        return describe(detail.get(0));
    }

    private static String describe(JsonNode problem) {
        assertTrue(problem.get("msg").isTextual() && !problem.get("msg").asText().isEmpty());
        return problem.get("type").asText() + " " + problem.get("loc") + " " + problem.get("input");
    }

    private static long tokensOf(String account) {
        return TestApi.json(api.get("/v1/billing", api.userToken(account))).get("usage").get("total_tokens").asLong();
    }

    @Test
    void acceptsLaxIntegersCostAsStringOrNumberAndAnyOffset() {
        HttpResponse<String> response = ingest(batch(
                event("lax", "a", "\"tokens\":\"12\"", "\"requests\":3.0", "\"cost_usd\":0.25"),
                event("lax", "b", "\"tokens\":12.0", "\"cost_usd\":\"0.000001\"",
                        "\"occurred_at\":\"2026-11-24T10:00:00+02:00\""),
                event("lax", "c", "\"requests\":\"7\"", "\"cost_usd\":3", "\"end_user_id\":null")));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"accepted\":3,\"duplicates\":0}", response.body());
        JsonNode usage = TestApi.json(api.get("/v1/billing", api.userToken("lax"))).get("usage");
        assertEquals(124, usage.get("total_tokens").asLong());
        assertEquals(11, usage.get("total_requests").asLong(), "requests 3 + default 1 + 7");
        assertEquals("3.250001", usage.get("total_cost_usd").asText());
    }

    @Test
    void repeatsInsideOneBatchAndAcrossBatchesAreCountedAsDuplicates() {
        assertEquals("{\"accepted\":1,\"duplicates\":1}",
                ingest(batch(event("dup", "x"), event("dup", "x", "\"tokens\":5"))).body());
        assertEquals("{\"accepted\":1,\"duplicates\":1}",
                ingest(batch(event("dup", "x", "\"tokens\":7"), event("dup", "y"))).body());
        assertEquals(200, tokensOf("dup"), "the first occurrence wins, forever");
    }

    @Test
    void eachDecodingProblemIsReportedWithPydanticsTypeAndABodyLocation() {
        String at = "[\"body\",\"events\",0,";
        assertEquals("missing " + at + "\"tokens\"] {\"event_id\":\"p\",\"account_id\":\"bad\",\"instance_id\":\"bot\","
                + "\"occurred_at\":\"2026-11-24T09:00:00Z\"}", onlyProblem(ingest(batch(event("bad", "p",
                "\"tokens\":<absent>")))));
        assertEquals("int_parsing " + at + "\"tokens\"] \"lots\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"tokens\":\"lots\"")))));
        assertEquals("int_from_float " + at + "\"tokens\"] 1.5",
                onlyProblem(ingest(batch(event("bad", "p", "\"tokens\":1.5")))));
        assertEquals("int_type " + at + "\"requests\"] true",
                onlyProblem(ingest(batch(event("bad", "p", "\"requests\":true")))));
        assertEquals("string_type " + at + "\"event_id\"] 42",
                onlyProblem(ingest(batch(event("bad", "p", "\"event_id\":42")))));
        assertEquals("datetime_parsing " + at + "\"occurred_at\"] \"yesterday\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"occurred_at\":\"yesterday\"")))));
        assertEquals("timezone_aware " + at + "\"occurred_at\"] \"2026-11-24T09:00:00\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"occurred_at\":\"2026-11-24T09:00:00\"")))));
        assertEquals("datetime_type " + at + "\"occurred_at\"] 1764000000",
                onlyProblem(ingest(batch(event("bad", "p", "\"occurred_at\":1764000000")))));
        assertEquals("decimal_parsing " + at + "\"cost_usd\"] \"abc\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"cost_usd\":\"abc\"")))));
        assertEquals("decimal_parsing " + at + "\"cost_usd\"] 0.001",
                onlyProblem(ingest(batch(event("bad", "p", "\"cost_usd\":1e-3")))));
        assertEquals("decimal_max_places " + at + "\"cost_usd\"] \"0.1234567\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"cost_usd\":\"0.1234567\"")))));
        assertEquals("decimal_type " + at + "\"cost_usd\"] [1]",
                onlyProblem(ingest(batch(event("bad", "p", "\"cost_usd\":[1]")))));
    }

    @Test
    void eachRuleProblemIsReportedWithPydanticsType() {
        String at = "[\"body\",\"events\",0,";
        assertEquals("greater_than_equal " + at + "\"tokens\"] -1",
                onlyProblem(ingest(batch(event("bad", "p", "\"tokens\":-1")))));
        assertEquals("less_than_equal " + at + "\"requests\"] 1000000000001",
                onlyProblem(ingest(batch(event("bad", "p", "\"requests\":1000000000001")))));
        assertEquals("less_than_equal " + at + "\"tokens\"] 99999999999999999999999",
                onlyProblem(ingest(batch(event("bad", "p", "\"tokens\":99999999999999999999999")))));
        assertEquals("less_than_equal " + at + "\"tokens\"] 1E+999999999",
                onlyProblem(ingest(batch(event("bad", "p", "\"tokens\":1E+999999999")))));
        assertEquals("decimal_parsing " + at + "\"cost_usd\"] 1E+999999999",
                onlyProblem(ingest(batch(event("bad", "p", "\"cost_usd\":1e999999999")))));
        assertEquals("greater_than_equal " + at + "\"cost_usd\"] \"-0.01\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"cost_usd\":\"-0.01\"")))));
        assertEquals("less_than_equal " + at + "\"cost_usd\"] \"1000000.01\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"cost_usd\":\"1000000.01\"")))));
        assertEquals("less_than_equal " + at + "\"occurred_at\"] \"2026-11-24T09:36:00Z\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"occurred_at\":\"2026-11-24T09:36:00Z\"")))));
        assertEquals("greater_than_equal " + at + "\"occurred_at\"] \"2026-10-20T09:29:59Z\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"occurred_at\":\"2026-10-20T09:29:59Z\"")))));
        assertEquals("string_too_short " + at + "\"event_id\"] \"\"",
                onlyProblem(ingest(batch(event("bad", "", "\"event_id\":\"\"")))));
        String long129 = "x".repeat(129);
        assertEquals("string_too_long " + at + "\"instance_id\"] \"" + long129 + "\"",
                onlyProblem(ingest(batch(event("bad", "p", "\"instance_id\":\"" + long129 + "\"")))));
    }

    @Test
    void theBatchShapeIsChecked() {
        assertEquals("too_short [\"body\",\"events\"] []", onlyProblem(ingest("{\"events\":[]}")));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(event("big", "e" + i));
        }
        assertEquals("too_long [\"body\",\"events\"] null", onlyProblem(ingest(batch(many.toArray(String[]::new)))));
        assertEquals("missing [\"body\",\"events\"] null", onlyProblem(ingest("{\"evnts\":[]}")));
        assertEquals("list_type [\"body\",\"events\"] \"x\"", onlyProblem(ingest("{\"events\":\"x\"}")));
        assertEquals("model_attributes_type [\"body\"] []", onlyProblem(ingest("[]")));
        assertEquals("model_attributes_type [\"body\",\"events\",0] 7", onlyProblem(ingest("{\"events\":[7]}")));
        assertEquals("missing [\"body\"] null", onlyProblem(ingest("")));
        assertEquals("json_invalid [\"body\",1] {}", onlyProblem(ingest("{,")));
        assertEquals("json_invalid [\"body\",14] {}", onlyProblem(ingest("{\"events\":[]} trailing")));
    }

    @Test
    void aBatchWithSeveralBadEventsListsEveryProblemOnceAndStoresNothing() {
        HttpResponse<String> response = ingest(batch(
                event("all-or-nothing", "fine"),
                event("all-or-nothing", "two", "\"tokens\":\"many\"", "\"cost_usd\":\"1.1234567\""),
                event("all-or-nothing", "three", "\"instance_id\":<absent>", "\"occurred_at\":\"soon\"",
                        "\"requests\":-4")));

        assertEquals(422, response.statusCode());
        List<String> problems = new ArrayList<>();
        TestApi.json(response).get("detail").forEach(p -> problems.add(p.get("type").asText() + " " + p.get("loc")));
        problems.sort(String::compareTo);
        assertEquals(List.of(
                "datetime_parsing [\"body\",\"events\",2,\"occurred_at\"]",
                "decimal_max_places [\"body\",\"events\",1,\"cost_usd\"]",
                "greater_than_equal [\"body\",\"events\",2,\"requests\"]",
                "int_parsing [\"body\",\"events\",1,\"tokens\"]",
                "missing [\"body\",\"events\",2,\"instance_id\"]"), problems);
        assertEquals(0, tokensOf("all-or-nothing"));
    }

    @Test
    void aBodyOverTwoMebibytesIs413WhetherItsLengthIsDeclaredOrNot() {
        String padding = "x".repeat(2 * 1024 * 1024);
        String tooBig = "{\"events\":[" + event("huge", "h", "\"pad\":\"" + padding + "\"") + "]}";

        HttpResponse<String> declared = ingest(tooBig);
        HttpResponse<String> chunked = api.send(api.request("/v1/usage/events")
                .header("Authorization", "Bearer " + api.writerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(tooBig.getBytes(StandardCharsets.UTF_8)))));

        for (HttpResponse<String> response : List.of(declared, chunked)) {
            assertEquals(413, response.statusCode());
            assertTrue(TestApi.json(response).get("detail").asText().contains("2 MiB"), response.body());
        }
        assertEquals(0, tokensOf("huge"));
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String padding = "x".repeat(2 * 1024 * 1024 - 300);
        String body = "{\"events\":[" + event("near-limit", "n", "\"pad\":\"" + padding + "\"") + "]}";
        assertTrue(body.length() <= 2 * 1024 * 1024);

        HttpResponse<String> chunked = api.send(api.request("/v1/usage/events")
                .header("Authorization", "Bearer " + api.writerToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))));

        assertEquals(200, chunked.statusCode(), chunked.body());
        assertEquals(100, tokensOf("near-limit"));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        HttpResponse<String> response = api.send(api.request("/v1/usage/events")
                .header("Authorization", "Bearer " + api.writerToken())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(batch(event("media", "m")))));

        assertEquals(415, response.statusCode());
        assertEquals("{\"detail\":\"Unsupported Media Type\"}", response.body());
    }

    @Test
    void ingestionNeedsTheUsageWriteScope() {
        String body = batch(event("scoped", "s"));
        HttpResponse<String> anonymous = api.post("/v1/usage/events", null, body);
        HttpResponse<String> user = api.post("/v1/usage/events", api.userToken("scoped"), body);
        HttpResponse<String> admin = api.post("/v1/usage/events", api.adminToken(), body);

        assertEquals(401, anonymous.statusCode());
        assertEquals(403, user.statusCode());
        assertEquals("{\"detail\":\"Missing scope: usage:write\"}", user.body());
        assertEquals(403, admin.statusCode());
        assertEquals(0, tokensOf("scoped"));
    }

    @Test
    void ingestionCountersAppearInMetrics() {
        ingest(batch(event("metered", "m1"), event("metered", "m2"), event("metered", "m1")));

        String metrics = api.get("/metrics", null).body();

        assertTrue(metrics.matches("(?s).*\\nbilling_usage_events_ingested_total [1-9][0-9]*\\.0\\n.*"), metrics);
        assertTrue(metrics.matches("(?s).*\\nbilling_usage_events_duplicates_total [1-9][0-9]*\\.0\\n.*"), metrics);
    }
}

package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The four reads over HTTP: the seed's exact field sets and JSON types, and usage flowing into every read. */
class BillingReadsHttpTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        String admin = api.adminToken();
        assertEquals(200, api.put("/v1/admin/tiers/pro", admin, tier("pro", "Pro", 2900, 0)).statusCode());
        assertEquals(200, api.put("/v1/admin/tiers/trial", admin, tier("trial", "Starter", 1500, 14)).statusCode());
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    static String tier(String id, String planName, long priceCents, int trialDays) {
        return "{\"tier_slug\":\"" + id + "\",\"product_name\":\"HydraCore Agents\",\"plan_name\":\"" + planName
                + "\",\"price_cents\":" + priceCents + ",\"billing_cycle\":\"monthly\",\"trial_days\":" + trialDays
                + ",\"token_allowance\":200000,\"api_call_limit\":50000,\"conversation_limit\":5000,"
                + "\"instance_limit\":3,\"max_sites_per_node\":40}";
    }

    private static JsonNode seed(String name) {
        try (InputStream in = BillingReadsHttpTest.class.getResourceAsStream("/seed/" + name)) {
            return TestApi.JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Field name → JSON type, recursively ("plan.tier_id" → "string"); {@code null} counts as the seed's type. */
    private static Map<String, String> shape(JsonNode node, String prefix, Map<String, String> into, JsonNode seed) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = prefix + field.getKey();
            JsonNode seedValue = seed == null ? null : seed.get(field.getKey());
            JsonNode value = field.getValue();
            if (value.isObject()) {
                into.put(name, "object");
                shape(value, name + ".", into, seedValue);
            } else {
                into.put(name, value.isNull() && seedValue != null ? seedValue.getNodeType().name()
                        : value.getNodeType().name());
            }
        }
        return into;
    }

    private static Map<String, String> shape(JsonNode node, JsonNode seed) {
        return shape(node, "", new TreeMap<>(), seed);
    }

    @Test
    void overviewOfAnAccountWithoutPlanHasExactlyTheSeedFieldsWithNullsWhereTheContractSays() {
        HttpResponse<String> response = api.get("/v1/billing", api.userToken("golden-none"));

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonNode body = TestApi.json(response);
        JsonNode seed = seed("get-billing.json");
        assertEquals(shape(seed, null), shape(body, seed));
        JsonNode plan = body.get("plan");
        assertEquals("No Plan", plan.get("plan_name").asText());
        assertEquals("none", plan.get("status").asText());
        for (String nullable : List.of("tier_id", "tier_slug", "product_name", "billing_cycle", "trial_ends_at")) {
            assertTrue(plan.get(nullable).isNull(), nullable);
        }
        assertEquals(0, plan.get("price_cents").asLong());
        assertEquals("2026-11-01T00:00:00Z", plan.get("current_period_start").asText());
        assertEquals("2026-12-01T00:00:00Z", plan.get("current_period_end").asText());
        assertEquals(100000, body.get("usage").get("token_allowance").asLong());
        assertEquals(1, body.get("usage").get("instance_limit").asLong());
        assertEquals("0.00", body.get("usage").get("platform_cost_usd").asText());
        assertEquals("0.00", body.get("usage").get("total_cost_usd").asText());
    }

    @Test
    void overviewOfATrialingAccountHasTheSeedFieldsAndJsonTypesWithNoNulls() {
        api.post("/v1/admin/accounts/golden-trial/subscriptions", api.adminToken(), "{\"tier_id\":\"trial\"}");

        JsonNode body = TestApi.json(api.get("/v1/billing", api.userToken("golden-trial")));

        JsonNode seed = seed("get-billing.json");
        assertEquals(shape(seed, null), shape(body, null));
        JsonNode plan = body.get("plan");
        assertEquals("trialing", plan.get("status").asText());
        assertEquals(14, plan.get("trial_days_remaining").asLong());
        assertEquals("2026-12-08T09:30:00Z", plan.get("trial_ends_at").asText());
        assertEquals("[\"trial\"]", body.get("subscribed_tier_ids").toString());
        assertEquals(3, body.get("usage").get("instance_limit").asLong(), "usage repeats the plan's limits");
        assertEquals("0.00", body.get("usage").get("platform_cost_usd").asText(), "nothing charged while trialing");
    }

    @Test
    void trialStatusUsageAndChartHaveTheSeedFieldsAndJsonTypes() {
        String token = api.userToken("golden-other");
        JsonNode trial = TestApi.json(api.get("/v1/billing/trial-status", token));
        JsonNode usage = TestApi.json(api.get("/v1/billing/usage", token));
        JsonNode chart = TestApi.json(api.get("/v1/billing/usage/chart", token));

        JsonNode trialSeed = seed("get-trial-status.json");
        assertEquals(shape(trialSeed, null), shape(trial, trialSeed));
        assertEquals("/billing", trial.get("upgrade_url").asText());
        assertEquals(false, trial.get("trial_expired").asBoolean());
        JsonNode usageSeed = seed("get-usage.json");
        // the seed's fields, and by_model and unique_conversations, which API.md §5 adds
        Map<String, String> usageFields = new TreeMap<>(shape(usageSeed, null));
        usageFields.put("by_model", "ARRAY");
        usageFields.put("unique_conversations", "NUMBER");
        assertEquals(usageFields, shape(usage, usageSeed));
        JsonNode chartSeed = seed("get-usage-chart.json");
        assertEquals(List.of("period_label", "points"), names(chart));
        assertEquals(names(chartSeed.get("points").get(0)), names(chart.get("points").get(0)));
        assertEquals(shape(chartSeed.get("points").get(0), null), shape(chart.get("points").get(0), null));
        assertEquals(30, chart.get("points").size());
        assertEquals("Last 30 days", chart.get("period_label").asText());
        assertEquals("2026-10-26", chart.get("points").get(0).get("date").asText());
        assertEquals("2026-11-24", chart.get("points").get(29).get("date").asText());
        assertEquals("0.00", chart.get("points").get(29).get("cost_usd").asText());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        return names;
    }

    @Test
    void ingestedUsageShowsUpInAllFourReadsWithExactMoney() {
        String admin = api.adminToken();
        assertEquals(201, api.post("/v1/admin/accounts/flow/subscriptions", admin,
                "{\"tier_id\":\"pro\",\"started_at\":\"2026-11-01T00:00:00Z\"}").statusCode());
        String batch = "{\"events\":["
                + event("e1", "inst-a", "2026-11-24T08:00:00Z", "1000", "2", "\"0.0015\"", "u1") + ","
                + event("e2", "inst-b", "2026-11-23T12:00:00+02:00", "3000", null, "0.25", "u2") + ","
                + event("e3", "inst-a", "2026-11-20T23:59:59Z", "\"500\"", "1", "\"1.000001\"", "u1") + "]}";
        HttpResponse<String> first = api.post("/v1/usage/events", api.writerToken(), batch);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals("{\"accepted\":3,\"duplicates\":0}", first.body());
        HttpResponse<String> again = api.post("/v1/usage/events", api.writerToken(),
                "{\"events\":[" + event("e1", "inst-z", "2026-11-24T09:00:00Z", "999999", "1", "\"9.99\"", "u9") + "]}");
        assertEquals("{\"accepted\":0,\"duplicates\":1}", again.body(), "a repeated event_id changes nothing");

        String user = api.userToken("flow");
        JsonNode overview = TestApi.json(api.get("/v1/billing", user));
        JsonNode usage = overview.get("usage");
        assertEquals(4500, usage.get("total_tokens").asLong());
        assertEquals(4, usage.get("total_requests").asLong());
        assertEquals(2, usage.get("unique_end_users").asLong());
        assertEquals(2, usage.get("active_instances").asLong());
        assertEquals("29.00", usage.get("platform_cost_usd").asText());
        assertEquals("30.251501", usage.get("total_cost_usd").asText());
        assertEquals("active", overview.get("plan").get("status").asText());
        assertEquals("Pro", overview.get("plan").get("plan_name").asText());

        JsonNode breakdown = TestApi.json(api.get("/v1/billing/usage", user));
        assertEquals("2026-11-01T00:00:00Z", breakdown.get("period_start").asText());
        assertEquals("2026-12-01T00:00:00Z", breakdown.get("period_end").asText());
        assertEquals(200000, breakdown.get("token_allowance_monthly").asLong());
        assertEquals("2.25", breakdown.get("token_usage_pct").decimalValue().toPlainString());
        assertTrue(breakdown.get("token_usage_pct").isNumber());
        assertEquals("30.251501", breakdown.get("total_cost_usd").asText());
        JsonNode rows = breakdown.get("by_instance");
        assertEquals(2, rows.size());
        assertEquals("inst-b", rows.get(0).get("instance_id").asText(), "most tokens first");
        assertEquals("0.25", rows.get(0).get("cost_usd").asText());
        assertEquals(66.67, rows.get(0).get("token_share_pct").asDouble());
        assertEquals("inst-a", rows.get(1).get("instance_id").asText());
        assertEquals("inst-a", rows.get(1).get("instance_name").asText());
        assertEquals("active", rows.get(1).get("status").asText());
        assertEquals(1500, rows.get(1).get("total_tokens").asLong());
        assertEquals(3, rows.get(1).get("total_requests").asLong());
        assertEquals("1.001501", rows.get(1).get("cost_usd").asText());
        assertEquals(1, rows.get(1).get("unique_end_users").asLong());
        assertEquals(33.33, rows.get(1).get("token_share_pct").asDouble());

        JsonNode chart = TestApi.json(api.get("/v1/billing/usage/chart?days=7", user));
        assertEquals("Last 7 days", chart.get("period_label").asText());
        JsonNode points = chart.get("points");
        assertEquals(7, points.size());
        assertEquals("2026-11-18", points.get(0).get("date").asText());
        assertEquals("{\"cost_usd\":\"1.000001\",\"date\":\"2026-11-20\",\"requests\":1,\"tokens\":500}",
                points.get(2).toString());
        assertEquals("{\"cost_usd\":\"0.25\",\"date\":\"2026-11-23\",\"requests\":1,\"tokens\":3000}",
                points.get(5).toString());
        assertEquals("{\"cost_usd\":\"0.0015\",\"date\":\"2026-11-24\",\"requests\":2,\"tokens\":1000}",
                points.get(6).toString());
        JsonNode onlyA = TestApi.json(api.get("/v1/billing/usage/chart?days=7&instance_id=inst-a", user));
        assertEquals(0, onlyA.get("points").get(5).get("tokens").asLong(), "inst-b's day is empty for inst-a");

        JsonNode trial = TestApi.json(api.get("/v1/billing/trial-status", user));
        assertEquals("{\"plan_name\":\"Pro\",\"status\":\"active\",\"trial_days_remaining\":0,\"trial_ends_at\":null,"
                + "\"trial_expired\":false,\"upgrade_url\":\"/billing\"}", trial.toString());
    }

    static String event(String id, String instance, String occurredAt, String tokens, String requests, String cost,
                        String endUser) {
        return "{\"event_id\":\"" + id + "\",\"account_id\":\"flow\",\"instance_id\":\"" + instance
                + "\",\"occurred_at\":\"" + occurredAt + "\",\"tokens\":" + tokens
                + (requests == null ? "" : ",\"requests\":" + requests) + ",\"cost_usd\":" + cost
                + ",\"end_user_id\":\"" + endUser + "\",\"unknown_field\":true}";
    }

    @Test
    void chartDaysMustBeAnIntegerFromOneTo365() {
        String token = api.userToken("chart-days");
        assertProblem(api.get("/v1/billing/usage/chart?days=abc", token), "int_parsing", "\"abc\"");
        assertProblem(api.get("/v1/billing/usage/chart?days=2.5", token), "int_parsing", "\"2.5\"");
        assertProblem(api.get("/v1/billing/usage/chart?days=", token), "int_parsing", "\"\"");
        assertProblem(api.get("/v1/billing/usage/chart?days=0", token), "greater_than_equal", "\"0\"");
        assertProblem(api.get("/v1/billing/usage/chart?days=366", token), "less_than_equal", "\"366\"");
        assertProblem(api.get("/v1/billing/usage/chart?days=99999999999999999999", token), "less_than_equal",
                "\"99999999999999999999\"");
        JsonNode oneDay = TestApi.json(api.get("/v1/billing/usage/chart?days=1", token));
        assertEquals("Last 1 day", oneDay.get("period_label").asText());
        assertEquals(1, oneDay.get("points").size());
        assertEquals(365, TestApi.json(api.get("/v1/billing/usage/chart?days=365", token)).get("points").size());
    }

    private static void assertProblem(HttpResponse<String> response, String type, String input) {
        assertEquals(422, response.statusCode(), response.body());
        JsonNode problem = TestApi.json(response).get("detail").get(0);
        assertEquals(type, problem.get("type").asText(), response.body());
        assertEquals("[\"query\",\"days\"]", problem.get("loc").toString());
        assertEquals(input, problem.get("input").toString());
        assertTrue(problem.get("msg").isTextual());
    }

    @Test
    void chartOfAnInstanceTheCallerDoesNotOwnIs404WithoutAHintItExists() {
        api.put("/v1/admin/accounts/owner/instances/secret-bot", api.adminToken(),
                "{\"name\":\"Secret\",\"status\":\"active\"}");

        HttpResponse<String> theirs = api.get("/v1/billing/usage/chart?instance_id=secret-bot",
                api.userToken("intruder"));
        HttpResponse<String> nobodys = api.get("/v1/billing/usage/chart?instance_id=no-such-bot",
                api.userToken("intruder"));
        HttpResponse<String> own = api.get("/v1/billing/usage/chart?instance_id=secret-bot", api.userToken("owner"));

        assertEquals(404, theirs.statusCode());
        assertEquals("{\"detail\":\"Instance not found\"}", theirs.body());
        assertEquals(nobodys.body(), theirs.body());
        assertEquals(200, own.statusCode());
    }

    @Test
    void aTrialThatRanOutReadsExpiredWithNoDaysLeft() {
        try (TestApi own = TestApi.start()) {
            own.put("/v1/admin/tiers/trial", own.adminToken(), tier("trial", "Starter", 1500, 14));
            own.post("/v1/admin/accounts/late/subscriptions", own.adminToken(), "{\"tier_id\":\"trial\"}");
            own.clock.advance(Duration.ofDays(13).plusHours(19));
            JsonNode running = TestApi.json(own.get("/v1/billing/trial-status", own.userToken("late")));
            assertEquals(1, running.get("trial_days_remaining").asLong(), "five hours left reads one day");
            assertEquals("trialing", running.get("status").asText());

            own.clock.advance(Duration.ofHours(6));
            JsonNode over = TestApi.json(own.get("/v1/billing/trial-status", own.userToken("late")));

            assertEquals("expired", over.get("status").asText());
            assertEquals(0, over.get("trial_days_remaining").asLong());
            assertEquals(true, over.get("trial_expired").asBoolean());
            assertEquals("2026-12-08T09:30:00Z", over.get("trial_ends_at").asText());
        }
    }
}

package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin endpoints over HTTP: tiers, the subscription lifecycle, instances and webhost nodes. */
class AdminHttpTest {

    private static TestApi api;
    private static String admin;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        admin = api.adminToken();
        api.put("/v1/admin/tiers/basic", admin, BillingReadsHttpTest.tier("basic", "Basic", 900, 7));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static List<String> problems(HttpResponse<String> response) {
        assertEquals(422, response.statusCode(), response.body());
        List<String> problems = new ArrayList<>();
        TestApi.json(response).get("detail").forEach(p -> problems.add(p.get("type").asText() + " " + p.get("loc")));
        return problems;
    }

    @Test
    void aTierIsStoredAndListed() {
        HttpResponse<String> put = api.put("/v1/admin/tiers/team", admin,
                "{\"tier_id\":\"team\"," + BillingReadsHttpTest.tier("team", "Team", 4900, 0).substring(1));

        assertEquals(200, put.statusCode(), put.body());
        assertEquals("{\"tier_id\":\"team\",\"tier_slug\":\"team\",\"product_name\":\"HydraCore Agents\","
                + "\"plan_name\":\"Team\",\"price_cents\":4900,\"billing_cycle\":\"monthly\",\"trial_days\":0,"
                + "\"token_allowance\":200000,\"api_call_limit\":50000,\"conversation_limit\":5000,"
                + "\"instance_limit\":3,\"max_sites_per_node\":40,\"limit_policy\":\"soft\"}", put.body(),
                "limit_policy defaults to soft and is always answered");
        JsonNode list = TestApi.json(api.get("/v1/admin/tiers", admin));
        List<String> ids = new ArrayList<>();
        list.get("tiers").forEach(t -> ids.add(t.get("tier_id").asText()));
        assertTrue(ids.contains("team") && ids.contains("basic"), list.toString());
    }

    @Test
    void aTierBodyIsValidatedFieldByFieldAndEveryProblemListed() {
        HttpResponse<String> response = api.put("/v1/admin/tiers/broken", admin,
                "{\"tier_id\":\"other\",\"tier_slug\":\"b\",\"plan_name\":\"\",\"price_cents\":-1,"
                        + "\"billing_cycle\":\"weekly\",\"trial_days\":\"ten\",\"token_allowance\":1,"
                        + "\"api_call_limit\":1,\"conversation_limit\":1,\"instance_limit\":1}");

        List<String> problems = problems(response);
        problems.sort(String::compareTo);
        assertEquals(List.of(
                "enum [\"body\",\"billing_cycle\"]",
                "greater_than_equal [\"body\",\"price_cents\"]",
                "int_parsing [\"body\",\"trial_days\"]",
                "missing [\"body\",\"max_sites_per_node\"]",
                "missing [\"body\",\"product_name\"]",
                "string_too_short [\"body\",\"plan_name\"]",
                "value_error [\"body\",\"tier_id\"]"), problems);
        assertEquals("Input should be 'monthly' or 'yearly'",
                TestApi.json(response).findValues("msg").stream().map(JsonNode::asText)
                        .filter(m -> m.contains("monthly")).findFirst().orElseThrow());
        assertFalse(api.get("/v1/admin/tiers", admin).body().contains("broken"), "nothing stored");
    }

    @Test
    void aTooLongPathIdIsA422AtThePath() {
        List<String> problems = problems(api.put("/v1/admin/tiers/" + "t".repeat(129), admin,
                BillingReadsHttpTest.tier("x", "X", 1, 0)));

        assertEquals(List.of("string_too_long [\"path\",\"tier_id\"]"), problems);
    }

    @Test
    void adminNeedsTheAdminScope() {
        assertEquals(401, api.get("/v1/admin/tiers", null).statusCode());
        HttpResponse<String> user = api.get("/v1/admin/tiers", api.userToken("someone"));
        assertEquals(403, user.statusCode());
        assertEquals("{\"detail\":\"Missing scope: billing:admin\"}", user.body());
        assertEquals(403, api.put("/v1/admin/accounts/a/webhost-nodes/n", api.writerToken(),
                "{\"hosted_sites\":1}").statusCode());
    }

    @Test
    void aSubscriptionGoesThroughItsLifecycle() {
        String base = "/v1/admin/accounts/life/subscriptions";
        HttpResponse<String> created = api.post(base, admin, "{\"tier_id\":\"basic\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode subscription = TestApi.json(created);
        assertEquals("{\"subscription_id\":\"" + subscription.get("subscription_id").asText() + "\","
                + "\"account_id\":\"life\",\"tier_id\":\"basic\",\"status\":\"trialing\","
                + "\"started_at\":\"2026-11-24T09:30:00Z\",\"trial_ends_at\":\"2026-12-01T09:30:00Z\","
                + "\"activated_at\":null,\"canceled_at\":null,\"cancel_at_period_end\":false,"
                + "\"current_period_start\":\"2026-11-24T00:00:00Z\",\"current_period_end\":\"2026-12-24T00:00:00Z\"}",
                created.body());
        String one = base + "/" + subscription.get("subscription_id").asText();

        HttpResponse<String> activated = api.post(one + "/activate", admin, null);
        assertEquals(200, activated.statusCode(), activated.body());
        assertEquals("active", TestApi.json(activated).get("status").asText());
        assertEquals("2026-11-24T09:30:00Z", TestApi.json(activated).get("activated_at").asText());
        assertEquals("active", TestApi.json(api.post(one + "/activate", admin, null)).get("status").asText(),
                "activating an active subscription is a no-op");

        assertEquals("past_due", TestApi.json(api.post(one + "/past-due", admin, null)).get("status").asText());
        HttpResponse<String> pastDueAgain = api.post(one + "/past-due", admin, null);
        assertEquals(409, pastDueAgain.statusCode());
        assertTrue(TestApi.json(pastDueAgain).get("detail").asText().contains("past_due"), pastDueAgain.body());
        assertEquals("active", TestApi.json(api.post(one + "/activate", admin, null)).get("status").asText());

        JsonNode atEnd = TestApi.json(api.post(one + "/cancel", admin, "{\"at_period_end\":true}"));
        assertEquals("active", atEnd.get("status").asText(), "still active until the period ends");
        assertEquals(true, atEnd.get("cancel_at_period_end").asBoolean());
        assertEquals("2026-12-24T00:00:00Z", atEnd.get("canceled_at").asText());

        JsonNode now = TestApi.json(api.post(one + "/cancel", admin, null));
        assertEquals("canceled", now.get("status").asText());
        assertEquals("2026-11-24T09:30:00Z", now.get("canceled_at").asText());
        HttpResponse<String> again = api.post(one + "/cancel", admin, "{\"at_period_end\":false}");
        assertEquals(409, again.statusCode());
        assertTrue(TestApi.json(again).get("detail").asText().contains("already canceled"), again.body());
        assertEquals(409, api.post(one + "/activate", admin, null).statusCode());
    }

    @Test
    void subscriptionRequestsAreValidated() {
        String base = "/v1/admin/accounts/checked/subscriptions";
        assertEquals(List.of("value_error [\"body\",\"tier_id\"]"),
                problems(api.post(base, admin, "{\"tier_id\":\"nope\"}")));
        assertEquals(List.of("missing [\"body\",\"tier_id\"]"), problems(api.post(base, admin, "{}")));
        assertEquals(List.of("greater_than_equal [\"body\",\"trial_days\"]", "timezone_aware [\"body\",\"started_at\"]"),
                problems(api.post(base, admin,
                        "{\"tier_id\":\"basic\",\"trial_days\":-1,\"started_at\":\"2026-11-01T00:00:00\"}")));
        String id = TestApi.json(api.post(base, admin, "{\"tier_id\":\"basic\",\"trial_days\":0}"))
                .get("subscription_id").asText();
        assertEquals(List.of("bool_parsing [\"body\",\"at_period_end\"]"),
                problems(api.post(base + "/" + id + "/cancel", admin, "{\"at_period_end\":\"maybe\"}")));
    }

    @Test
    void anUnknownOrAnotherAccountsSubscriptionIs404() {
        String id = TestApi.json(api.post("/v1/admin/accounts/mine/subscriptions", admin, "{\"tier_id\":\"basic\"}"))
                .get("subscription_id").asText();

        HttpResponse<String> unknown = api.post("/v1/admin/accounts/mine/subscriptions/nope/activate", admin, null);
        HttpResponse<String> elsewhere = api.post("/v1/admin/accounts/yours/subscriptions/" + id + "/cancel", admin,
                null);

        assertEquals(404, unknown.statusCode());
        assertEquals("{\"detail\":\"Subscription not found\"}", unknown.body());
        assertEquals(404, elsewhere.statusCode());
    }

    @Test
    void instancesAndWebhostNodesFeedTheOverview() {
        String account = "/v1/admin/accounts/inventory";
        HttpResponse<String> instance = api.put(account + "/instances/bot-1", admin,
                "{\"name\":\"Support bot\",\"status\":\"active\"}");
        assertEquals(200, instance.statusCode(), instance.body());
        assertEquals("{\"account_id\":\"inventory\",\"instance_id\":\"bot-1\",\"name\":\"Support bot\","
                + "\"status\":\"active\"}", instance.body());
        api.put(account + "/instances/bot-2", admin, "{\"name\":\"Old bot\",\"status\":\"stopped\"}");
        HttpResponse<String> node = api.put(account + "/webhost-nodes/node-1", admin, "{\"hosted_sites\":12}");
        assertEquals("{\"account_id\":\"inventory\",\"node_id\":\"node-1\",\"hosted_sites\":12}", node.body());
        api.put(account + "/webhost-nodes/node-2", admin, "{\"hosted_sites\":\"5\"}");

        JsonNode usage = TestApi.json(api.get("/v1/billing", api.userToken("inventory"))).get("usage");
        assertEquals(1, usage.get("active_instances").asLong());
        assertEquals(2, usage.get("webhost_nodes").asLong());
        assertEquals(17, usage.get("total_hosted_sites").asLong());
        JsonNode rows = TestApi.json(api.get("/v1/billing/usage", api.userToken("inventory"))).get("by_instance");
        assertEquals(1, rows.size(), "only active instances or instances with usage");
        assertEquals("Support bot", rows.get(0).get("instance_name").asText());

        HttpResponse<String> deleted = api.delete(account + "/webhost-nodes/node-2", admin);
        assertEquals(204, deleted.statusCode());
        assertEquals("", deleted.body());
        HttpResponse<String> deletedAgain = api.delete(account + "/webhost-nodes/node-2", admin);
        assertEquals(404, deletedAgain.statusCode());
        assertEquals("{\"detail\":\"Webhost node not found\"}", deletedAgain.body());
        assertEquals(12, TestApi.json(api.get("/v1/billing", api.userToken("inventory"))).get("usage")
                .get("total_hosted_sites").asLong());
    }

    @Test
    void inventoryBodiesAreValidated() {
        String account = "/v1/admin/accounts/inv-checked";
        assertEquals(List.of("enum [\"body\",\"status\"]", "missing [\"body\",\"name\"]"),
                sorted(problems(api.put(account + "/instances/bot", admin, "{\"status\":\"gone\"}"))));
        assertEquals(List.of("string_too_long [\"body\",\"name\"]"),
                problems(api.put(account + "/instances/bot", admin,
                        "{\"name\":\"" + "n".repeat(201) + "\",\"status\":\"active\"}")));
        assertEquals(List.of("int_parsing [\"body\",\"hosted_sites\"]"),
                problems(api.put(account + "/webhost-nodes/n", admin, "{\"hosted_sites\":\"x\"}")));
        assertEquals(List.of("greater_than_equal [\"body\",\"hosted_sites\"]"),
                problems(api.put(account + "/webhost-nodes/n", admin, "{\"hosted_sites\":-1}")));
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(String::compareTo);
        return copy;
    }
}

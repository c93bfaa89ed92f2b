package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** API §7 over HTTP on the in-memory application: the quota read, reservations, 402/404/403/422, settlement. */
class QuotaHttpTest {

    private final TestApi api = TestApi.start();
    private final String admin = api.adminToken();
    private final String writer = api.writerToken();

    @AfterEach
    void close() {
        api.close();
    }

    /** A tier of 1000 tokens, 10 calls, 2 conversations, 1 instance, with {@code policy} (null: not sent). */
    private void plan(String account, String policy) {
        String body = "{\"tier_slug\":\"q\",\"product_name\":\"Agents\",\"plan_name\":\"Quota\",\"price_cents\":0,"
                + "\"billing_cycle\":\"monthly\",\"trial_days\":0,\"token_allowance\":1000,\"api_call_limit\":10,"
                + "\"conversation_limit\":2,\"instance_limit\":1,\"max_sites_per_node\":5"
                + (policy == null ? "" : ",\"limit_policy\":\"" + policy + "\"") + "}";
        HttpResponse<String> put = api.put("/v1/admin/tiers/q-" + account, admin, body);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(policy == null ? "soft" : policy, TestApi.json(put).get("limit_policy").asText());
        assertEquals(201, api.post("/v1/admin/accounts/" + account + "/subscriptions", admin,
                "{\"tier_id\":\"q-" + account + "\"}").statusCode());
    }

    private HttpResponse<String> hold(String account, String body) {
        return api.post("/v1/quota/accounts/" + account + "/reservations", writer, body);
    }

    private JsonNode quota(String account) {
        HttpResponse<String> r = api.get("/v1/billing/quota", api.userToken(account));
        assertEquals(200, r.statusCode(), r.body());
        return TestApi.json(r);
    }

    private void usage(String account, String event) {
        HttpResponse<String> r = api.post("/v1/usage/events", writer, "{\"events\":[{\"account_id\":\"" + account
                + "\",\"instance_id\":\"i1\",\"occurred_at\":\"" + api.clock.instant() + "\"," + event + "}]}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void theQuotaReadHasTheContractsShapeAndOrder() {
        JsonNode q = quota("nobody");
        assertEquals(List.of("period_start", "period_end", "limit_policy", "quotas"), names(q));
        assertEquals("soft", q.get("limit_policy").asText(), "soft with no plan");
        assertEquals("2026-11-01T00:00:00Z", q.get("period_start").asText());
        assertEquals("2026-12-01T00:00:00Z", q.get("period_end").asText());
        List<String> metrics = new ArrayList<>();
        q.get("quotas").forEach(item -> metrics.add(item.get("metric").asText()));
        assertEquals(List.of("tokens", "api_calls", "conversations", "instances"), metrics);
        assertTrue(api.get("/v1/billing/quota", api.userToken("nobody")).body().contains("{\"metric\":\"tokens\","
                + "\"used\":0,\"reserved\":0,\"limit\":100000,\"remaining\":100000,\"used_pct\":0"),
                "the default limits with no plan");
    }

    @Test
    void holdsCountAsReservedUsageAsUsedAndAnEventSettlesItsHold() {
        plan("acme", "hard");
        usage("acme", "\"event_id\":\"e0\",\"tokens\":100,\"conversation_id\":\"c0\"");
        HttpResponse<String> created = hold("acme",
                "{\"reservation_id\":\"r1\",\"tokens\":400,\"conversation_id\":\"c1\",\"ttl_seconds\":60}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("{\"reservation_id\":\"r1\",\"account_id\":\"acme\",\"status\":\"held\",\"tokens\":400,"
                + "\"requests\":1,\"conversation_id\":\"c1\",\"expires_at\":\"2026-11-24T09:31:00Z\","
                + "\"over_limit\":false}", created.body());
        String raw = api.get("/v1/billing/quota", api.userToken("acme")).body();
        assertTrue(raw.contains("{\"metric\":\"tokens\",\"used\":100,\"reserved\":400,\"limit\":1000,"
                + "\"remaining\":500,\"used_pct\":10.00}"), raw);
        assertTrue(raw.contains("{\"metric\":\"api_calls\",\"used\":1,\"reserved\":1,\"limit\":10,"
                + "\"remaining\":8,\"used_pct\":10.00}"), raw);
        assertTrue(raw.contains("{\"metric\":\"conversations\",\"used\":1,\"reserved\":1,\"limit\":2,"
                + "\"remaining\":0,\"used_pct\":50.00}"), "c0 used, c1 held: " + raw);
        JsonNode q = quota("acme");
        assertEquals("hard", q.get("limit_policy").asText());
        assertEquals(1, q.get("quotas").get(3).get("used").asLong(), "i1 registered active by its usage");
        assertEquals(0, q.get("quotas").get(3).get("reserved").asLong());

        usage("acme", "\"event_id\":\"e1\",\"tokens\":50,\"conversation_id\":\"c1\",\"reservation_id\":\"r1\"");
        HttpResponse<String> settled = api.get("/v1/quota/accounts/acme/reservations/r1", writer);
        assertEquals(200, settled.statusCode());
        assertEquals("settled", TestApi.json(settled).get("status").asText());
        q = quota("acme");
        assertEquals(150, q.get("quotas").get(0).get("used").asLong());
        assertEquals(0, q.get("quotas").get(0).get("reserved").asLong());
        assertEquals(2, q.get("quotas").get(2).get("used").asLong());
        assertEquals(2, TestApi.json(api.get("/v1/billing/usage", api.userToken("acme")))
                .get("unique_conversations").asLong());
    }

    @Test
    void aHardLimitAnswers402WithTheFirstMetricAndHoldsNothing() {
        plan("acme", "hard");
        assertEquals(201, hold("acme", "{\"reservation_id\":\"r1\",\"tokens\":900}").statusCode());
        HttpResponse<String> refused = hold("acme", "{\"reservation_id\":\"r2\",\"tokens\":101,\"requests\":50}");
        assertEquals(402, refused.statusCode());
        assertEquals("{\"detail\":\"Quota exceeded\",\"metric\":\"tokens\",\"remaining\":100}", refused.body());
        assertEquals(404, api.get("/v1/quota/accounts/acme/reservations/r2", writer).statusCode(), "nothing held");
        HttpResponse<String> calls = hold("acme", "{\"reservation_id\":\"r3\",\"tokens\":0,\"requests\":10}");
        assertEquals("{\"detail\":\"Quota exceeded\",\"metric\":\"api_calls\",\"remaining\":9}", calls.body());
    }

    @Test
    void aSoftLimitHoldsPastItMarkedOverLimit() {
        plan("acme", null);
        HttpResponse<String> over = hold("acme", "{\"reservation_id\":\"r1\",\"tokens\":5000}");
        assertEquals(201, over.statusCode());
        assertEquals(true, TestApi.json(over).get("over_limit").asBoolean());
        JsonNode tokens = quota("acme").get("quotas").get(0);
        assertEquals(5000, tokens.get("reserved").asLong());
        assertEquals(0, tokens.get("remaining").asLong());
    }

    @Test
    void theSameIdAgainIs200WithTheStoredReservation() {
        HttpResponse<String> first = hold("acme", "{\"reservation_id\":\"r1\",\"tokens\":10}");
        api.clock.advance(Duration.ofSeconds(3));
        HttpResponse<String> again = hold("acme", "{\"reservation_id\":\"r1\",\"tokens\":99999,\"ttl_seconds\":9}");
        assertEquals(200, again.statusCode());
        assertEquals(first.body(), again.body(), "as stored, whatever the body says");
        assertEquals(10, quota("acme").get("quotas").get(0).get("reserved").asLong(), "held once");
    }

    @Test
    void releaseAndExpiryEndAHoldAndUnknownIs404() {
        hold("acme", "{\"reservation_id\":\"r1\",\"tokens\":10,\"ttl_seconds\":5}");
        hold("acme", "{\"reservation_id\":\"r2\",\"tokens\":10}");
        HttpResponse<String> released = api.post("/v1/quota/accounts/acme/reservations/r2/release", writer, "");
        assertEquals(200, released.statusCode(), released.body());
        assertEquals("released", TestApi.json(released).get("status").asText());
        assertEquals(released.body(), api.post("/v1/quota/accounts/acme/reservations/r2/release", writer, "")
                .body(), "released again: unchanged");
        api.clock.advance(Duration.ofSeconds(5));
        assertEquals("expired", TestApi.json(api.get("/v1/quota/accounts/acme/reservations/r1", writer))
                .get("status").asText());
        assertEquals("expired", TestApi.json(api.post("/v1/quota/accounts/acme/reservations/r1/release", writer,
                "")).get("status").asText(), "an expired hold is not released");
        assertEquals(0, quota("acme").get("quotas").get(0).get("reserved").asLong());
        for (HttpResponse<String> missing : List.of(api.get("/v1/quota/accounts/acme/reservations/nope", writer),
                api.post("/v1/quota/accounts/acme/reservations/nope/release", writer, ""),
                api.get("/v1/quota/accounts/other/reservations/r1", writer))) {
            assertEquals(404, missing.statusCode());
            assertEquals("{\"detail\":\"Reservation not found\"}", missing.body());
        }
    }

    @Test
    void holdingQuotaNeedsUsageWrite() {
        String user = api.userToken("acme");
        assertEquals(403, api.post("/v1/quota/accounts/acme/reservations", user,
                "{\"reservation_id\":\"r1\",\"tokens\":1}").statusCode(), "a user token cannot hold quota");
        assertEquals(403, api.get("/v1/quota/accounts/acme/reservations/r1", user).statusCode());
        assertEquals(403, api.post("/v1/quota/accounts/acme/reservations/r1/release", user, "").statusCode());
        assertEquals(403, api.post("/v1/quota/accounts/acme/reservations", admin,
                "{\"reservation_id\":\"r1\",\"tokens\":1}").statusCode(), "nor an admin token");
        assertEquals(401, api.post("/v1/quota/accounts/acme/reservations", null,
                "{\"reservation_id\":\"r1\",\"tokens\":1}").statusCode());
        assertEquals(401, api.get("/v1/billing/quota", null).statusCode());
    }

    @Test
    void everyProblemOfTheBodyIsA422AtItsLocationAndHoldsNothing() {
        HttpResponse<String> bad = hold("acme", "{\"reservation_id\":\"\",\"tokens\":-1,\"requests\":\"x\","
                + "\"conversation_id\":\"" + "c".repeat(129) + "\",\"ttl_seconds\":86401}");
        assertEquals(422, bad.statusCode());
        Set<String> locs = new TreeSet<>();
        TestApi.json(bad).get("detail").forEach(p -> locs.add(p.get("loc").toString()));
        assertEquals(new TreeSet<>(List.of("[\"body\",\"reservation_id\"]", "[\"body\",\"tokens\"]",
                "[\"body\",\"requests\"]", "[\"body\",\"conversation_id\"]", "[\"body\",\"ttl_seconds\"]")), locs,
                "each problem once, at its field");
        HttpResponse<String> missing = hold("acme", "{\"reservation_id\":\"r1\"}");
        assertEquals(422, missing.statusCode());
        assertEquals("missing", TestApi.json(missing).get("detail").get(0).get("type").asText());
        assertEquals("[\"body\",\"tokens\"]", TestApi.json(missing).get("detail").get(0).get("loc").toString());
        assertEquals(404, api.get("/v1/quota/accounts/acme/reservations/r1", writer).statusCode());
        assertEquals(0, quota("acme").get("quotas").get(0).get("reserved").asLong());

        HttpResponse<String> event = api.post("/v1/usage/events", writer, "{\"events\":[{\"account_id\":\"acme\","
                + "\"event_id\":\"e1\",\"instance_id\":\"i1\",\"occurred_at\":\"2026-11-24T09:00:00Z\",\"tokens\":1,"
                + "\"reservation_id\":\"" + "r".repeat(129) + "\"}]}");
        assertEquals(422, event.statusCode());
        assertEquals("[\"body\",\"events\",0,\"reservation_id\"]",
                TestApi.json(event).get("detail").get(0).get("loc").toString());
        HttpResponse<String> policy = api.put("/v1/admin/tiers/t", admin, BillingReadsHttpTest.tier("t", "T", 0, 0)
                .replace("}", ",\"limit_policy\":\"strict\"}"));
        assertEquals(422, policy.statusCode());
        assertEquals("[\"body\",\"limit_policy\"]", TestApi.json(policy).get("detail").get(0).get("loc").toString());
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

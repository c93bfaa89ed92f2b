package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The webhook admin endpoints over HTTP (API §8), on the in-memory webhooks. */
class WebhooksHttpTest {

    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

    private static TestApi api;
    private static String admin;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        admin = api.adminToken();
        api.hooks.resolver.map("hooks.example.com", "93.184.216.34");
        api.hooks.resolver.map("internal.example.com", "10.0.0.7");
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static String body(String url, String extra) {
        return "{\"url\":\"" + url + "\",\"secret\":\"" + SECRET + "\"" + extra + "}";
    }

    private static List<String> problems(HttpResponse<String> response) {
        assertEquals(422, response.statusCode(), response.body());
        List<String> problems = new ArrayList<>();
        TestApi.json(response).get("detail").forEach(p -> problems.add(p.get("type").asText() + " " + p.get("loc")));
        problems.sort(String::compareTo);
        return problems;
    }

    @Test
    void anEndpointIsStoredAnsweredWithoutItsSecretAndListed() {
        HttpResponse<String> put = api.put("/v1/admin/webhooks/ops", admin,
                body("https://hooks.example.com/in", ",\"event_types\":[\"trial.expired\",\"usage.threshold_reached\","
                        + "\"trial.expired\"]"));

        assertEquals(200, put.statusCode(), put.body());
        assertEquals("{\"endpoint_id\":\"ops\",\"url\":\"https://hooks.example.com/in\",\"event_types\":"
                + "[\"usage.threshold_reached\",\"trial.expired\"],\"enabled\":true}", put.body());
        HttpResponse<String> get = api.get("/v1/admin/webhooks/ops", admin);
        assertEquals(put.body(), get.body());
        HttpResponse<String> list = api.get("/v1/admin/webhooks", admin);
        assertTrue(list.body().startsWith("{\"webhooks\":[") && list.body().contains(put.body()), list.body());
        assertFalse(list.body().contains("whsec_"), list.body());
    }

    @Test
    void defaultsAreEveryTypeAndEnabled() {
        HttpResponse<String> put = api.put("/v1/admin/webhooks/all", admin,
                body("http://hooks.example.com", ",\"enabled\":false"));

        assertEquals("{\"endpoint_id\":\"all\",\"url\":\"http://hooks.example.com\",\"event_types\":"
                + "[\"usage.threshold_reached\",\"trial.will_end\",\"trial.expired\"],\"enabled\":false}", put.body());
    }

    @Test
    void everyProblemOfTheBodyIsListedUnderBodyAndTheSecretNeverEchoed() {
        HttpResponse<String> response = api.put("/v1/admin/webhooks/bad", admin,
                "{\"url\":\"ftp://x\",\"secret\":\"whsec_short-and-secret\",\"event_types\":[\"trial.expired\",7,"
                        + "\"nope\"],\"enabled\":\"maybe\"}");

        assertEquals(List.of(
                "bool_parsing [\"body\",\"enabled\"]",
                "enum [\"body\",\"event_types\",2]",
                "string_type [\"body\",\"event_types\",1]",
                "value_error [\"body\",\"secret\"]",
                "value_error [\"body\",\"url\"]"), problems(response));
        assertFalse(response.body().contains("short-and-secret"), response.body());
        assertEquals(404, api.get("/v1/admin/webhooks/bad", admin).statusCode());
    }

    @Test
    void missingFieldsANonListAndAnEmptyListAreRefused() {
        assertEquals(List.of("missing [\"body\",\"secret\"]", "missing [\"body\",\"url\"]"),
                problems(api.put("/v1/admin/webhooks/bad", admin, "{}")));
        assertEquals(List.of("list_type [\"body\",\"event_types\"]"),
                problems(api.put("/v1/admin/webhooks/bad", admin,
                        body("https://hooks.example.com", ",\"event_types\":\"trial.expired\""))));
        assertEquals(List.of("too_short [\"body\",\"event_types\"]"),
                problems(api.put("/v1/admin/webhooks/bad", admin,
                        body("https://hooks.example.com", ",\"event_types\":[]"))));
        assertEquals(List.of("model_attributes_type [\"body\"]"),
                problems(api.put("/v1/admin/webhooks/bad", admin, "[1]")));
    }

    @Test
    void aPrivateTargetIsRefusedAtUrl() {
        assertEquals(List.of("value_error [\"body\",\"url\"]"),
                problems(api.put("/v1/admin/webhooks/private", admin, body("https://internal.example.com/x", ""))));
        assertEquals(List.of("value_error [\"body\",\"url\"]"),
                problems(api.put("/v1/admin/webhooks/loop", admin, body("http://127.0.0.1:8080/x", ""))));
    }

    @Test
    void anUnknownEndpointIsA404WebhookNotFound() {
        for (HttpResponse<String> response : List.of(api.get("/v1/admin/webhooks/ghost", admin),
                api.delete("/v1/admin/webhooks/ghost", admin),
                api.get("/v1/admin/webhooks/ghost/deliveries", admin))) {
            assertEquals(404, response.statusCode(), response.body());
            assertEquals("{\"detail\":\"Webhook not found\"}", response.body());
        }
    }

    @Test
    void deleteAnswers204AndTheEndpointIsGone() {
        api.put("/v1/admin/webhooks/gone", admin, body("https://hooks.example.com/g", ""));

        HttpResponse<String> delete = api.delete("/v1/admin/webhooks/gone", admin);

        assertEquals(204, delete.statusCode(), delete.body());
        assertEquals("", delete.body());
        assertEquals(404, api.get("/v1/admin/webhooks/gone", admin).statusCode());
    }

    @Test
    void deliveriesAreAnsweredWithTheirAttemptsAndNulls() {
        api.put("/v1/admin/webhooks/seen", admin,
                body("https://hooks.example.com/s", ",\"event_types\":[\"trial.expired\"]"));
        WebhookEvent event = new WebhookEvent("msg_rest_1", EventType.TRIAL_EXPIRED, api.clock.instant(), "{}");
        api.hooks.outbox.enqueue(event, api.clock.instant());

        JsonNode pending = TestApi.json(api.get("/v1/admin/webhooks/seen/deliveries", admin));
        assertEquals("{\"deliveries\":[{\"message_id\":\"msg_rest_1\",\"event_type\":\"trial.expired\","
                + "\"status\":\"pending\",\"attempts\":0,\"last_status_code\":null,\"last_attempt_at\":null,"
                + "\"next_attempt_at\":\"" + TestApi.START + "\"}]}", pending.toString());

        api.hooks.sender.answer(500);
        api.hooks.dispatcher.dispatchDue();
        JsonNode retried = TestApi.json(api.get("/v1/admin/webhooks/seen/deliveries", admin)).get("deliveries").get(0);
        assertEquals("pending", retried.get("status").asText());
        assertEquals(1, retried.get("attempts").asInt());
        assertEquals(500, retried.get("last_status_code").asInt());
        assertEquals(TestApi.START, retried.get("last_attempt_at").asText());
        assertEquals(api.clock.instant().plus(Duration.ofSeconds(5)).toString(),
                retried.get("next_attempt_at").asText());
    }

    @Test
    void onlyAdminsSeeWebhooks() {
        assertEquals(401, api.get("/v1/admin/webhooks", null).statusCode());
        assertEquals(403, api.get("/v1/admin/webhooks", api.userToken("acct_1")).statusCode());
        assertEquals(403, api.put("/v1/admin/webhooks/x", api.writerToken(),
                body("https://hooks.example.com", "")).statusCode());
    }

    @Test
    void aTooLongEndpointIdIsA422AtThePath() {
        HttpResponse<String> response = api.put("/v1/admin/webhooks/" + "e".repeat(129), admin,
                body("https://hooks.example.com", ""));

        assertEquals(422, response.statusCode(), response.body());
        assertTrue(response.body().contains("[\"path\",\"endpoint_id\"]"), response.body());
    }
}

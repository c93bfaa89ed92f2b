package com.hydracore.billing.adapter.rest;

import static com.hydracore.billing.adapter.rest.UsageIngestionHttpTest.batch;
import static com.hydracore.billing.adapter.rest.UsageIngestionHttpTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every string of a request must be valid Unicode without NUL: in a body (values and keys, read or not) a 422
 * {@code string_unicode} at its JSON location, in a path a 404, in a query a 422 at {@code ["query", name]}; never
 * stored, never a 500. Emoji still work.
 */
class StrictInputHttpTest {

    private static final String ACCOUNT = "strict-acct";
    private static final String BAD = "<BAD>";
    private static final String SHOWN = "<SHOWN>";

    private static TestApi api;
    private static String admin;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        admin = api.adminToken();
        // No subscription for the accounts written to: their whole usage shows, whenever it occurred.
        api.put("/v1/admin/tiers/basic", admin, BillingReadsHttpTest.tier("basic", "Basic", 900, 7));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    /**
     * JSON string literals no UTF-8 text can hold (JSON escapes, as a caller would send them), and the text a 422
     * shows instead, as a JSON string literal.
     */
    static Stream<Arguments> badStrings() {
        return Stream.of(
                Arguments.of("\"\\u0000\"", "\"\\ufffd\""),
                Arguments.of("\"id\\u0000x\"", "\"id\\ufffdx\""),
                Arguments.of("\"\\ud800\"", "\"\\ufffd\""),
                Arguments.of("\"\\udc00\"", "\"\\ufffd\""),
                Arguments.of("\"a\\ud83db\"", "\"a\\ufffdb\""),
                Arguments.of("\"\\ud83d\\ud83d\\ude00\"", "\"\\ufffd\\ud83d\\ude00\""));
    }

    /** One string of one body: where {@link #BAD} goes, and the {@code loc} expected ({@link #SHOWN}: the key). */
    private record BodyCase(String name, String method, String path, String body, String loc) {

        @Override
        public String toString() {
            return name;
        }
    }

    private static String events(String... badEventOverrides) {
        return batch(event(ACCOUNT, "ok-0"), event(ACCOUNT, "ok-1"), event(ACCOUNT, "ok-2"),
                event(ACCOUNT, "bad-3", badEventOverrides));
    }

    private static String tier(String field, String value) {
        String body = BillingReadsHttpTest.tier("strict-tier", "Strict", 100, 0);
        return body.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "\"" + field + "\":" + value.replace("\\",
                "\\\\"));
    }

    private static List<BodyCase> bodyCases() {
        String events = "/v1/usage/events";
        String at = "[\"body\",\"events\",3,";
        String tier = "/v1/admin/tiers/strict-tier";
        String subscriptions = "/v1/admin/accounts/" + ACCOUNT + "/subscriptions";
        String instance = "/v1/admin/accounts/" + ACCOUNT + "/instances/strict-bot";
        String node = "/v1/admin/accounts/" + ACCOUNT + "/webhost-nodes/strict-node";
        return List.of(
                new BodyCase("event_id", "POST", events, events("\"event_id\":" + BAD), at + "\"event_id\"]"),
                new BodyCase("account_id", "POST", events, events("\"account_id\":" + BAD), at + "\"account_id\"]"),
                new BodyCase("instance_id", "POST", events, events("\"instance_id\":" + BAD),
                        at + "\"instance_id\"]"),
                new BodyCase("occurred_at", "POST", events, events("\"occurred_at\":" + BAD),
                        at + "\"occurred_at\"]"),
                new BodyCase("tokens as text", "POST", events, events("\"tokens\":" + BAD), at + "\"tokens\"]"),
                new BodyCase("requests as text", "POST", events, events("\"requests\":" + BAD),
                        at + "\"requests\"]"),
                new BodyCase("cost_usd as text", "POST", events, events("\"cost_usd\":" + BAD), at + "\"cost_usd\"]"),
                new BodyCase("end_user_id", "POST", events, events("\"end_user_id\":" + BAD),
                        at + "\"end_user_id\"]"),
                new BodyCase("conversation_id", "POST", events, events("\"conversation_id\":" + BAD),
                        at + "\"conversation_id\"]"),
                new BodyCase("unknown field's value", "POST", events, events("\"note\":" + BAD), at + "\"note\"]"),
                new BodyCase("unknown field's key", "POST", events, events(BAD + ":1"), at + SHOWN + "]"),
                new BodyCase("item of an unknown array", "POST", events, events("\"tags\":[\"ok\"," + BAD + "]"),
                        at + "\"tags\",1]"),
                new BodyCase("key in an unknown object", "POST", events, events("\"meta\":{\"a\":{" + BAD + ":null}}"),
                        at + "\"meta\",\"a\"," + SHOWN + "]"),
                new BodyCase("key of the batch", "POST", events, "{\"events\":[" + event(ACCOUNT, "k") + "],"
                        + BAD + ":[]}", "[\"body\"," + SHOWN + "]"),
                new BodyCase("tier_id", "PUT", tier, "{\"tier_id\":" + BAD + "," + tier("x", "0").substring(1),
                        "[\"body\",\"tier_id\"]"),
                new BodyCase("tier_slug", "PUT", tier, tier("tier_slug", BAD), "[\"body\",\"tier_slug\"]"),
                new BodyCase("product_name", "PUT", tier, tier("product_name", BAD), "[\"body\",\"product_name\"]"),
                new BodyCase("plan_name", "PUT", tier, tier("plan_name", BAD), "[\"body\",\"plan_name\"]"),
                new BodyCase("billing_cycle", "PUT", tier, tier("billing_cycle", BAD),
                        "[\"body\",\"billing_cycle\"]"),
                new BodyCase("price_cents as text", "PUT", tier, tier("price_cents", BAD),
                        "[\"body\",\"price_cents\"]"),
                new BodyCase("trial_days as text", "PUT", tier, tier("trial_days", BAD), "[\"body\",\"trial_days\"]"),
                new BodyCase("subscription tier_id", "POST", subscriptions, "{\"tier_id\":" + BAD + "}",
                        "[\"body\",\"tier_id\"]"),
                new BodyCase("subscription started_at", "POST", subscriptions,
                        "{\"tier_id\":\"basic\",\"started_at\":" + BAD + "}", "[\"body\",\"started_at\"]"),
                new BodyCase("subscription trial_days as text", "POST", subscriptions,
                        "{\"tier_id\":\"basic\",\"trial_days\":" + BAD + "}", "[\"body\",\"trial_days\"]"),
                new BodyCase("cancel at_period_end as text", "POST", subscriptions + "/sub-none/cancel",
                        "{\"at_period_end\":" + BAD + "}", "[\"body\",\"at_period_end\"]"),
                new BodyCase("instance name", "PUT", instance, "{\"name\":" + BAD + ",\"status\":\"active\"}",
                        "[\"body\",\"name\"]"),
                new BodyCase("instance status", "PUT", instance, "{\"name\":\"Bot\",\"status\":" + BAD + "}",
                        "[\"body\",\"status\"]"),
                new BodyCase("node hosted_sites as text", "PUT", node, "{\"hosted_sites\":" + BAD + "}",
                        "[\"body\",\"hosted_sites\"]"),
                new BodyCase("node unknown key", "PUT", node, "{\"hosted_sites\":1," + BAD + ":2}",
                        "[\"body\"," + SHOWN + "]"));
    }

    static Stream<Arguments> everyBodyStringWithEveryBadString() {
        return bodyCases().stream().flatMap(c -> badStrings().map(bad -> Arguments.of(c, bad.get()[0],
                bad.get()[1])));
    }

    private static HttpResponse<String> send(String method, String path, String token, byte[] body) {
        HttpRequest.Builder request = api.request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return api.send(request);
    }

    private static JsonNode tree(String json) {
        try {
            return TestApi.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private static String tokenFor(String path) {
        return path.startsWith("/v1/usage") ? api.writerToken() : admin;
    }

    // What a refused request might have changed, read back.
    private static List<String> stored() {
        return List.of(api.get("/v1/admin/tiers", admin).body(),
                api.get("/v1/billing/usage", api.userToken(ACCOUNT)).body(),
                api.get("/v1/billing", api.userToken(ACCOUNT)).body());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyBodyStringWithEveryBadString")
    void aBodyStringThatIsNotValidUnicodeIs422AtItsLocationAndNothingIsStored(BodyCase body, String bad,
                                                                              String shown) {
        List<String> before = stored();

        HttpResponse<String> response = send(body.method(), body.path(), tokenFor(body.path()),
                body.body().replace(BAD, bad).getBytes(StandardCharsets.UTF_8));

        assertEquals(422, response.statusCode(), response.body());
        JsonNode detail = TestApi.json(response).get("detail");
        assertEquals(1, detail.size(), response.body());
        JsonNode problem = detail.get(0);
        assertEquals("string_unicode", problem.get("type").asText());
        assertEquals(tree(body.loc().replace(SHOWN, shown)), problem.get("loc"));
        assertEquals(tree(shown).asText(), problem.get("input").asText(), response.body());
        assertTrue(problem.get("msg").asText().contains("unicode"));
        assertEquals(before, stored(), "nothing stored");
    }

    @Test
    void everyBadStringOfABodyIsListedEachAtItsLocation() {
        HttpResponse<String> response = api.post("/v1/usage/events", api.writerToken(), "{\"events\":["
                + event(ACCOUNT, "\\u0000", "\"end_user_id\":\"\\ud800\"") + ","
                + event(ACCOUNT, "fine", "\"x\\udc00\":{\"y\":[\"\\u0000\"]}") + "]}");

        assertEquals(422, response.statusCode());
        List<String> problems = new ArrayList<>();
        TestApi.json(response).get("detail").forEach(p -> problems.add(p.get("type").asText() + " " + p.get("loc")
                + " " + p.get("input")));
        assertEquals(List.of(
                "string_unicode [\"body\",\"events\",0,\"event_id\"] \"\ufffd\"",
                "string_unicode [\"body\",\"events\",0,\"end_user_id\"] \"\ufffd\"",
                "string_unicode [\"body\",\"events\",1,\"x\ufffd\"] \"x\ufffd\"",
                "string_unicode [\"body\",\"events\",1,\"x\ufffd\",\"y\",0] \"\ufffd\""), problems);
    }

    /** Bytes that are not UTF-8 text (or are a raw NUL), in place of an event id. */
    @ParameterizedTest(name = "bytes {0}")
    @ValueSource(strings = {
            "eda080", // CESU-8: a high surrogate encoded on its own
            "edb080", // a low surrogate
            "eda0bdedb880", // CESU-8 pair for U+1F600, which UTF-8 writes in 4 bytes
            "c080", // overlong NUL
            "c181", // overlong "A": Jackson alone would read it
            "e08080", // overlong
            "f0808080", // overlong
            "f4908080", // above U+10FFFF
            "f5808080", // no such lead byte
            "ff",
            "80", // a continuation byte without a lead
            "e282", // cut short by the closing quote
            "00"}) // a raw NUL: never in JSON text
    void aBodyThatIsNotUtf8IsJsonInvalidAtTheBadByte(String hex) {
        List<String> before = stored();
        String prefix = "{\"events\":[{\"event_id\":\"e";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(HexFormat.of().parseHex(hex));
        body.writeBytes(event(ACCOUNT, "x").substring("{\"event_id\":\"x".length()).concat("]}")
                .getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = send("POST", "/v1/usage/events", api.writerToken(), body.toByteArray());

        assertEquals(422, response.statusCode(), response.body());
        assertEquals("[{\"type\":\"json_invalid\",\"loc\":[\"body\"," + prefix.length()
                + "],\"msg\":\"JSON decode error\",\"input\":{}}]", TestApi.json(response).get("detail").toString());
        assertEquals(before, stored());
    }

    @Test
    void aUtf16BodyIsNotReadAsJson() {
        byte[] utf16 = batch(event(ACCOUNT, "sixteen")).getBytes(StandardCharsets.UTF_16LE);

        HttpResponse<String> response = send("POST", "/v1/usage/events", api.writerToken(), utf16);

        assertEquals(422, response.statusCode());
        assertEquals("json_invalid", TestApi.json(response).get("detail").get(0).get("type").asText());
    }

    @Test
    void anEmojiEscapedOrRawIsTheSameTextEndToEnd() {
        String escaped = "\\ud83d\\ude00";
        String raw = "\ud83d\ude00";
        String account = "emoji-acct";
        HttpResponse<String> named = api.put("/v1/admin/accounts/" + account + "/instances/%F0%9F%98%80", admin,
                "{\"name\":\"" + escaped + " bot\",\"status\":\"active\"}");
        assertEquals(200, named.statusCode(), named.body());

        HttpResponse<String> first = api.post("/v1/usage/events", api.writerToken(), batch(
                event(account, "e-" + escaped, "\"instance_id\":\"" + raw + "\"", "\"end_user_id\":\"" + escaped + "\""),
                event(account, "f-" + raw, "\"instance_id\":\"" + escaped + "\"", "\"end_user_id\":\"" + raw + "\"")));
        HttpResponse<String> replay = api.post("/v1/usage/events", api.writerToken(), batch(
                event(account, "e-" + raw, "\"instance_id\":\"" + raw + "\""),
                event(account, "f-" + escaped, "\"instance_id\":\"" + raw + "\"")));

        assertEquals("{\"accepted\":2,\"duplicates\":0}", first.body());
        assertEquals("{\"accepted\":0,\"duplicates\":2}", replay.body(), "the same ids, written either way");
        JsonNode usage = TestApi.json(api.get("/v1/billing/usage", api.userToken(account)));
        assertEquals(1, usage.get("unique_end_users").asLong(), usage.toString());
        JsonNode row = usage.get("by_instance").get(0);
        assertEquals(raw, row.get("instance_id").asText());
        assertEquals(raw + " bot", row.get("instance_name").asText());
        assertEquals(200, row.get("total_tokens").asLong());
        assertEquals(200, api.get("/v1/billing/usage/chart?instance_id=%F0%9F%98%80", api.userToken(account))
                .statusCode());
    }

    /** Every route with a path id, {@code {x}} marking the id tried. */
    private static final List<String> ROUTES_WITH_IDS = List.of(
            "PUT /v1/admin/tiers/{x}",
            "POST /v1/admin/accounts/{x}/subscriptions",
            "POST /v1/admin/accounts/" + ACCOUNT + "/subscriptions/{x}/activate",
            "POST /v1/admin/accounts/{x}/subscriptions/sub-1/past-due",
            "POST /v1/admin/accounts/" + ACCOUNT + "/subscriptions/{x}/cancel",
            "PUT /v1/admin/accounts/{x}/instances/bot",
            "PUT /v1/admin/accounts/" + ACCOUNT + "/instances/{x}",
            "PUT /v1/admin/accounts/{x}/webhost-nodes/node",
            "PUT /v1/admin/accounts/" + ACCOUNT + "/webhost-nodes/{x}",
            "DELETE /v1/admin/accounts/" + ACCOUNT + "/webhost-nodes/{x}",
            "GET /billing/assets/{x}");

    /** Percent-encoded ids whose bytes are not UTF-8 text without NUL. */
    private static final List<String> BAD_IDS = List.of("%00", "id%00", "%ED%A0%80", "x%ED%B0%80", "%C0%80",
            "%C1%81", "%FF", "%F4%90%80%80", "%E2%82");

    static Stream<Arguments> everyPathIdWithEveryBadEncoding() {
        return ROUTES_WITH_IDS.stream().flatMap(route -> BAD_IDS.stream().map(id -> Arguments.of(route, id)));
    }

    private static String bodyFor(String path) {
        if (path.contains("/tiers/")) {
            return BillingReadsHttpTest.tier("t", "T", 1, 0);
        }
        if (path.endsWith("/subscriptions")) {
            return "{\"tier_id\":\"basic\"}";
        }
        if (path.contains("/instances/")) {
            return "{\"name\":\"Bot\",\"status\":\"active\"}";
        }
        return path.contains("/webhost-nodes/") ? "{\"hosted_sites\":1}" : "{}";
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("everyPathIdWithEveryBadEncoding")
    void aPathIdThatIsNotValidUnicodeIsNotFoundWithOrWithoutAToken(String route, String id) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{x}", id);
        List<String> before = stored();

        for (String token : new String[] {admin, null}) {
            // Grizzly refuses a GET or DELETE with a body (400) before any of ours runs.
            byte[] body = method.equals("GET") || method.equals("DELETE") ? null
                    : bodyFor(path).getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = send(method, path, token, body);

            assertEquals(404, response.statusCode(), path + " " + response.body());
            assertEquals("{\"detail\":\"Not Found\"}", response.body());
            assertTrue(response.headers().firstValue("X-Request-Id").isPresent());
        }
        assertEquals(before, stored());
    }

    /** Raw bytes in a request line, which Java's HTTP client would never send; one character per byte. */
    static Stream<Arguments> rawIds() {
        return Stream.of(
                Arguments.of("a\u00ed\u00a0\u0080b", "a lone surrogate in UTF-8"),
                Arguments.of("a\u0000b", "a NUL"),
                Arguments.of("a\u00c1\u0081", "an overlong form"),
                Arguments.of("a%zz", "a % that starts no escape: a literal %, no such node"),
                Arguments.of("a%", "a lone % at the end"),
                Arguments.of("a\u00f0\u009f\u0098\u0080", "an emoji: read as UTF-8, no such node"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rawIds")
    void aRawRequestLineIsJudgedLikeItsEncodedFormNeverA500(String id, String what) {
        String answer = rawRequest("DELETE /v1/admin/accounts/" + ACCOUNT + "/webhost-nodes/" + id
                + " HTTP/1.1", admin);

        assertTrue(answer.startsWith("HTTP/1.1 404 "), what + ": " + answer);
        assertTrue(answer.endsWith("\"}"), "a JSON detail, no HTML page: " + answer);
        assertTrue(answer.contains("\r\nX-Request-Id: "), answer);
    }

    @Test
    void aRawQueryIsJudgedLikeItsEncodedFormNeverA500() {
        String user = api.userToken(ACCOUNT);
        assertTrue(rawRequest("GET /v1/billing/usage/chart?instance_id=a\u00ed\u00a0\u0080 HTTP/1.1", user)
                .startsWith("HTTP/1.1 422 "));
        assertTrue(rawRequest("GET /v1/billing/usage/chart?instance_id=a\u0000 HTTP/1.1", user)
                .startsWith("HTTP/1.1 422 "));
        String literal = rawRequest("GET /v1/billing/usage/chart?days=%zz HTTP/1.1", user);
        assertTrue(literal.startsWith("HTTP/1.1 422 "), literal);
        assertTrue(literal.contains("\"type\":\"int_parsing\"") && literal.contains("\"input\":\"%zz\""), literal);
    }

    private static String rawRequest(String requestLine, String token) {
        try (Socket socket = new Socket(api.base.getHost(), api.base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "days=%00                       | [\"query\",\"days\"]        | \"\\ufffd\"",
            "days=3%ED%A0%80                | [\"query\",\"days\"]        | \"3\\ufffd\"",
            "days=%C0%80                    | [\"query\",\"days\"]        | \"\\ufffd\\ufffd\"",
            "instance_id=%00                | [\"query\",\"instance_id\"] | \"\\ufffd\"",
            "instance_id=bot%ED%B0%80       | [\"query\",\"instance_id\"] | \"bot\\ufffd\"",
            "instance_id=%C1%81             | [\"query\",\"instance_id\"] | \"\\ufffd\\ufffd\"",
            "days=7&instance_id=%FF         | [\"query\",\"instance_id\"] | \"\\ufffd\"",
            "instance_id=%F4%90%80%80&days=7 | [\"query\",\"instance_id\"] | \"\\ufffd\\ufffd\\ufffd\\ufffd\"",
            "in%00stance_id=bot             | [\"query\",\"in\\ufffdstance_id\"] | \"bot\"",
            "other=%00                      | [\"query\",\"other\"]       | \"\\ufffd\""})
    void aQueryParameterThatIsNotValidUnicodeIs422AtItsName(String query, String loc, String input) {
        HttpResponse<String> response = api.get("/v1/billing/usage/chart?" + query, api.userToken(ACCOUNT));

        assertEquals(422, response.statusCode(), response.body());
        JsonNode detail = TestApi.json(response).get("detail");
        assertEquals(1, detail.size(), response.body());
        assertEquals("string_unicode", detail.get(0).get("type").asText());
        assertEquals(tree(loc), detail.get(0).get("loc"));
        assertEquals(tree(input), detail.get(0).get("input"));
    }

    @Test
    void everyBadQueryParameterIsListed() {
        HttpResponse<String> response = api.get("/v1/billing/usage/chart?days=%00&instance_id=%ED%A0%80",
                api.userToken(ACCOUNT));

        assertEquals(422, response.statusCode());
        List<String> locs = new ArrayList<>();
        TestApi.json(response).get("detail").forEach(p -> locs.add(p.get("loc").toString()));
        assertEquals(List.of("[\"query\",\"days\"]", "[\"query\",\"instance_id\"]"), locs);
    }

    @Test
    void aBadQueryIsJudgedAfterTheTokenAndOnlyOnAKnownRoute() {
        assertEquals(401, api.get("/v1/billing/usage/chart?days=%00", null).statusCode());
        assertEquals(401, api.get("/v1/billing/usage/chart?days=%00", "garbage").statusCode());
        HttpResponse<String> unknown = api.get("/v1/nowhere?days=%00", api.userToken(ACCOUNT));
        assertEquals(404, unknown.statusCode());
        assertEquals("{\"detail\":\"Not Found\"}", unknown.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"instance_id=%F0%9F%98%80", "instance_id=caf%C3%A9", "instance_id=a+b", "days=7&x=%2F"})
    void aValidEncodedQueryPassesTheCheck(String query) {
        HttpResponse<String> response = api.get("/v1/billing/usage/chart?" + query, api.userToken(ACCOUNT));

        assertTrue(response.statusCode() == 200 || response.statusCode() == 404, response.body());
        assertFalse(response.body().contains("string_unicode"), response.body());
    }
}

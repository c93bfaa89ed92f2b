package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.bootstrap.RunningServer;
import com.hydracore.billing.bootstrap.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The real server, started as {@code main} starts it, driven over HTTP with real signed tokens. Subclasses choose the
 * database; every scenario runs on each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {

    static final String SECRET = "e2e-" + UUID.randomUUID() + UUID.randomUUID();

    Path dataDir;

    final MutableClock clock = MutableClock.at("2026-03-15T12:00:00Z");
    RunningServer server;
    Http http;
    TokenMinter tokens;
    String admin;
    String ingest;

    /** Database variables for the server (empty for the embedded database). */
    abstract Map<String, String> databaseEnvironment();

    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(databaseEnvironment());
        env.put("BILLING_PORT", "0");
        env.put("BILLING_HOST", "127.0.0.1");
        env.put("BILLING_DATA_DIR", dataDir.toString());
        env.put("BILLING_JWT_SECRET", SECRET);
        env.put("BILLING_SHUTDOWN_GRACE_SECONDS", "1");
        return env;
    }

    @BeforeAll
    void startServer() throws java.io.IOException {
        // Not @TempDir: with a per-class instance it is injected after @BeforeAll runs.
        dataDir = java.nio.file.Files.createTempDirectory("billing-e2e");
        start();
        tokens = new TokenMinter(SECRET, clock);
        admin = tokens.mint("platform", Set.of("billing:admin"), Duration.ofHours(1));
        ingest = tokens.mint("router", Set.of("usage:write"), Duration.ofHours(1));
        assertEquals(200, http.put("/v1/admin/tiers/pro", admin, """
                {"tier_slug": "pro", "product_name": "HydraCore Agents", "plan_name": "Pro", "price_cents": 2900,
                 "billing_cycle": "monthly", "trial_days": 14, "token_allowance": 2000000, "api_call_limit": 100000,
                 "conversation_limit": 10000, "instance_limit": 5, "max_sites_per_node": 50}
                """).status());
    }

    void start() {
        server = RunningServer.start(ServerConfig.fromEnvironment(environment()), clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        http = new Http(server.baseUri());
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    String user(String account) {
        return tokens.mint(account, Set.of(), Duration.ofHours(1));
    }

    static String account() {
        return "acct-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A trialing subscription to "pro", an instance, a node and three events; returns the subscription id. */
    String setUpTrialingAccountWithUsage(String account) {
        Http.Reply created = http.post("/v1/admin/accounts/" + account + "/subscriptions", admin,
                "{\"tier_id\": \"pro\", \"started_at\": \"2026-03-10T08:00:00Z\"}");
        assertEquals(201, created.status(), created.body());
        assertEquals(200, http.put("/v1/admin/accounts/" + account + "/instances/inst-1", admin,
                "{\"name\": \"Support bot\", \"status\": \"active\"}").status());
        assertEquals(200, http.put("/v1/admin/accounts/" + account + "/webhost-nodes/node-1", admin,
                "{\"hosted_sites\": 5}").status());
        Http.Reply recorded = http.post("/v1/usage/events", ingest, """
                {"events": [
                  {"event_id": "e1", "account_id": "%1$s", "instance_id": "inst-1", "occurred_at": "2026-03-15T10:00:00Z",
                   "tokens": 1000, "cost_usd": "0.0015", "end_user_id": "u1"},
                  {"event_id": "e2", "account_id": "%1$s", "instance_id": "inst-2", "occurred_at": "2026-03-15T00:59:59+01:00",
                   "tokens": 500, "requests": 2, "cost_usd": 0.25, "end_user_id": "u2"},
                  {"event_id": "e3", "account_id": "%1$s", "instance_id": "inst-1", "occurred_at": "2026-03-09T12:00:00Z",
                   "tokens": 250, "cost_usd": "1", "end_user_id": "u1"}
                ]}
                """.formatted(account));
        assertEquals(200, recorded.status(), recorded.body());
        assertEquals(3, recorded.json().get("accepted").asInt());
        assertEquals(0, recorded.json().get("duplicates").asInt());
        return created.json().get("subscription_id").asText();
    }

    @Test
    void theFourReadsAgreeWithWhatWasIngestedAndConfigured() {
        String account = account();
        setUpTrialingAccountWithUsage(account);
        String token = user(account);

        JsonNode billing = http.get("/v1/billing", token).json();
        JsonNode plan = billing.get("plan");
        assertEquals("Pro", plan.get("plan_name").asText());
        assertEquals("trialing", plan.get("status").asText());
        assertEquals("2026-03-24T08:00:00Z", plan.get("trial_ends_at").asText());
        assertEquals(9, plan.get("trial_days_remaining").asInt()); // 8 days 20 hours left reads 9
        assertEquals("2026-03-10T00:00:00Z", plan.get("current_period_start").asText());
        assertEquals("2026-04-10T00:00:00Z", plan.get("current_period_end").asText());
        assertEquals("[\"pro\"]", billing.get("subscribed_tier_ids").toString());
        JsonNode usage = billing.get("usage");
        assertEquals(1500, usage.get("total_tokens").asLong(), "e3 lies before the period");
        assertEquals(3, usage.get("total_requests").asLong());
        assertEquals(2, usage.get("unique_end_users").asLong());
        assertEquals("0.00", usage.get("platform_cost_usd").asText(), "no platform charge while trialing");
        assertEquals("0.2515", usage.get("total_cost_usd").asText());
        assertEquals(2, usage.get("active_instances").asLong(), "inst-2 was registered by its usage");
        assertEquals(1, usage.get("webhost_nodes").asLong());
        assertEquals(5, usage.get("total_hosted_sites").asLong());
        assertEquals(plan.get("instance_limit"), usage.get("instance_limit"));

        JsonNode trial = http.get("/v1/billing/trial-status", token).json();
        assertEquals("trialing", trial.get("status").asText());
        assertEquals(9, trial.get("trial_days_remaining").asInt());
        assertEquals(false, trial.get("trial_expired").asBoolean());
        assertEquals("/billing", trial.get("upgrade_url").asText());

        JsonNode breakdown = http.get("/v1/billing/usage", token).json();
        assertEquals(2_000_000, breakdown.get("token_allowance_monthly").asLong());
        assertEquals(0.08, breakdown.get("token_usage_pct").asDouble(), 1e-9);
        JsonNode first = breakdown.get("by_instance").get(0);
        assertEquals("inst-1", first.get("instance_id").asText());
        assertEquals("Support bot", first.get("instance_name").asText());
        assertEquals(66.67, first.get("token_share_pct").asDouble(), 1e-9);
        assertEquals("inst-2", breakdown.get("by_instance").get(1).get("instance_id").asText());

        JsonNode chart = http.get("/v1/billing/usage/chart?days=7", token).json();
        assertEquals("Last 7 days", chart.get("period_label").asText());
        JsonNode points = chart.get("points");
        assertEquals(7, points.size());
        assertEquals("2026-03-09", points.get(0).get("date").asText());
        assertEquals(250, points.get(0).get("tokens").asLong());
        assertEquals(500, points.get(5).get("tokens").asLong(), "23:59:59 UTC on the 14th");
        assertEquals(1000, points.get(6).get("tokens").asLong());
        assertEquals("0.0015", points.get(6).get("cost_usd").asText());
    }

    /** A hard tier of 1000 tokens, 100 calls and 2 conversations, subscribed (active) by {@code account}. */
    void subscribeToAHardPlan(String account) {
        assertEquals(200, http.put("/v1/admin/tiers/hard-" + account, admin, """
                {"tier_slug": "hard", "product_name": "HydraCore Agents", "plan_name": "Hard", "price_cents": 0,
                 "billing_cycle": "monthly", "trial_days": 0, "token_allowance": 1000, "api_call_limit": 100,
                 "conversation_limit": 2, "instance_limit": 5, "max_sites_per_node": 50, "limit_policy": "hard"}
                """).status());
        Http.Reply created = http.post("/v1/admin/accounts/" + account + "/subscriptions", admin,
                "{\"tier_id\": \"hard-" + account + "\", \"started_at\": \"2026-03-01T00:00:00Z\"}");
        assertEquals(201, created.status(), created.body());
    }

    Http.Reply hold(String account, String body) {
        return http.post("/v1/quota/accounts/" + account + "/reservations", ingest, body);
    }

    @Test
    void quotasAndReservationsWorkAsTheContractsExamples() {
        String account = account();
        subscribeToAHardPlan(account);
        assertEquals("hard", http.get("/v1/admin/tiers", admin).json().get("tiers").findValues("limit_policy")
                .stream().filter(v -> v.asText().equals("hard")).findFirst().orElseThrow().asText());

        Http.Reply held = hold(account, """
                {"reservation_id": "call-1", "tokens": 600, "conversation_id": "conv-1", "ttl_seconds": 60}""");
        assertEquals(201, held.status(), held.body());
        assertEquals("{\"reservation_id\":\"call-1\",\"account_id\":\"" + account + "\",\"status\":\"held\","
                + "\"tokens\":600,\"requests\":1,\"conversation_id\":\"conv-1\","
                + "\"expires_at\":\"2026-03-15T12:01:00Z\",\"over_limit\":false}", held.body());
        assertEquals(200, hold(account, "{\"reservation_id\": \"call-1\", \"tokens\": 1}").status(),
                "the same id again: the stored reservation");

        Http.Reply refused = hold(account, "{\"reservation_id\": \"call-2\", \"tokens\": 401}");
        assertEquals(402, refused.status());
        assertEquals("{\"detail\":\"Quota exceeded\",\"metric\":\"tokens\",\"remaining\":400}", refused.body());
        assertEquals(404, http.get("/v1/quota/accounts/" + account + "/reservations/call-2", ingest).status());

        JsonNode quota = http.get("/v1/billing/quota", user(account)).json();
        assertEquals("hard", quota.get("limit_policy").asText());
        assertEquals("2026-03-01T00:00:00Z", quota.get("period_start").asText());
        JsonNode tokens = quota.get("quotas").get(0);
        assertEquals("tokens", tokens.get("metric").asText());
        assertEquals(600, tokens.get("reserved").asLong());
        assertEquals(400, tokens.get("remaining").asLong());
        assertEquals(1, quota.get("quotas").get(2).get("reserved").asLong(), "conv-1 held");

        // the call happened: its usage event settles the hold, and its own usage counts
        Http.Reply recorded = http.post("/v1/usage/events", ingest, """
                {"events": [{"event_id": "call-1", "account_id": "%s", "instance_id": "bot",
                  "occurred_at": "2026-03-15T12:00:00Z", "tokens": 450, "conversation_id": "conv-1",
                  "reservation_id": "call-1"}]}""".formatted(account));
        assertEquals(200, recorded.status(), recorded.body());
        assertEquals("settled", http.get("/v1/quota/accounts/" + account + "/reservations/call-1", ingest).json()
                .get("status").asText());
        quota = http.get("/v1/billing/quota", user(account)).json();
        assertEquals(450, quota.get("quotas").get(0).get("used").asLong());
        assertEquals(0, quota.get("quotas").get(0).get("reserved").asLong());
        assertEquals(1, quota.get("quotas").get(2).get("used").asLong());
        assertEquals(1, http.get("/v1/billing/usage", user(account)).json().get("unique_conversations").asLong());

        // released, and expired by the clock
        assertEquals(201, hold(account, "{\"reservation_id\": \"call-3\", \"tokens\": 500}").status());
        Http.Reply released = http.post("/v1/quota/accounts/" + account + "/reservations/call-3/release", ingest, "");
        assertEquals("released", released.json().get("status").asText());
        assertEquals(201, hold(account, "{\"reservation_id\": \"call-4\", \"tokens\": 550, \"ttl_seconds\": 5}")
                .status());
        assertEquals(402, hold(account, "{\"reservation_id\": \"call-5\", \"tokens\": 1}").status());
        clock.advance(Duration.ofSeconds(5));
        try {
            assertEquals("expired", http.get("/v1/quota/accounts/" + account + "/reservations/call-4", ingest).json()
                    .get("status").asText());
            assertEquals(201, hold(account, "{\"reservation_id\": \"call-5\", \"tokens\": 550}").status(),
                    "an expired hold no longer counts");
        } finally {
            clock.advance(Duration.ofSeconds(-5));
        }
    }

    @Test
    void reservationsAreForUsageWritersAndBadBodiesAre422AtTheirLocation() {
        String account = account();
        assertEquals(403, http.post("/v1/quota/accounts/" + account + "/reservations", user(account),
                "{\"reservation_id\": \"r1\", \"tokens\": 1}").status(), "a user token cannot hold quota");
        assertEquals(403, http.get("/v1/quota/accounts/" + account + "/reservations/r1", user(account)).status());
        assertEquals(401, http.post("/v1/quota/accounts/" + account + "/reservations", null,
                "{\"reservation_id\": \"r1\", \"tokens\": 1}").status());
        Http.Reply bad = hold(account, "{\"tokens\": \"many\", \"ttl_seconds\": 0}");
        assertEquals(422, bad.status());
        assertEquals(Set.of("[\"body\",\"reservation_id\"]", "[\"body\",\"tokens\"]", "[\"body\",\"ttl_seconds\"]"),
                Set.copyOf(bad.json().get("detail").findValues("loc").stream().map(JsonNode::toString).toList()));
        Http.Reply unknown = http.get("/v1/quota/accounts/" + account + "/reservations/nope", ingest);
        assertEquals(404, unknown.status());
        assertEquals("{\"detail\":\"Reservation not found\"}", unknown.body());
        assertEquals(404, http.post("/v1/quota/accounts/" + account + "/reservations/nope/release", ingest, "")
                .status());
        JsonNode quota = http.get("/v1/billing/quota", user(account)).json();
        assertEquals("soft", quota.get("limit_policy").asText(), "no plan: soft, the default limits");
        assertEquals(100000, quota.get("quotas").get(0).get("limit").asLong());
    }

    @Test
    void activationStartsThePlatformChargeAndARepeatedEventChangesNothing() {
        String account = account();
        String id = setUpTrialingAccountWithUsage(account);
        Http.Reply activated = http.post("/v1/admin/accounts/" + account + "/subscriptions/" + id + "/activate", admin,
                "{}");
        assertEquals(200, activated.status(), activated.body());
        assertEquals("active", activated.json().get("status").asText());

        Http.Reply again = http.post("/v1/usage/events", ingest, """
                {"events": [{"event_id": "e1", "account_id": "%s", "instance_id": "inst-9",
                  "occurred_at": "2026-03-15T11:00:00Z", "tokens": 99999}]}""".formatted(account));
        assertEquals(0, again.json().get("accepted").asInt());
        assertEquals(1, again.json().get("duplicates").asInt());

        JsonNode usage = http.get("/v1/billing", user(account)).json().get("usage");
        assertEquals("29.00", usage.get("platform_cost_usd").asText());
        assertEquals("29.2515", usage.get("total_cost_usd").asText());
        assertEquals(1500, usage.get("total_tokens").asLong());
    }

    @Test
    void errorsComeInTheContractsShape() {
        String account = account();
        setUpTrialingAccountWithUsage(account);
        Http.Reply noToken = http.get("/v1/billing", null);
        assertEquals(401, noToken.status());
        assertTrue(noToken.header("WWW-Authenticate").startsWith("Bearer"));
        assertNotNull(noToken.header("X-Request-Id"));

        assertEquals(403, http.post("/v1/usage/events", user(account), "{\"events\": []}").status());
        Http.Reply unknown = http.get("/v1/nothing-here", user(account));
        assertEquals(404, unknown.status());
        assertEquals("Not Found", unknown.json().get("detail").asText());

        Http.Reply badDays = http.get("/v1/billing/usage/chart?days=0", user(account));
        assertEquals(422, badDays.status());
        assertEquals("[\"query\",\"days\"]", badDays.json().get("detail").get(0).get("loc").toString());

        Http.Reply foreign = http.get("/v1/billing/usage/chart?instance_id=inst-1", user("someone-else"));
        assertEquals(404, foreign.status());
        assertEquals("Instance not found", foreign.json().get("detail").asText());

        Http.Reply invalid = http.post("/v1/usage/events", ingest, """
                {"events": [{"event_id": "ok", "account_id": "%1$s", "instance_id": "i", "occurred_at": "2026-03-15T11:00:00Z", "tokens": 5},
                            {"event_id": "bad", "account_id": "%1$s", "instance_id": "i", "occurred_at": "2026-03-15T11:00:00Z", "tokens": -1}]}
                """.formatted(account));
        assertEquals(422, invalid.status());
        assertEquals("[\"body\",\"events\",1,\"tokens\"]", invalid.json().get("detail").get(0).get("loc").toString());
        assertEquals(1500, http.get("/v1/billing", user(account)).json().get("usage").get("total_tokens").asLong(),
                "an invalid batch writes nothing, not even its valid events");
    }

    /** A usage event of {@code account} on inst-1 during the period, {@code extra} being more JSON members. */
    static String event(String account, String eventIdJson, String extra) {
        return "{\"event_id\": " + eventIdJson + ", \"account_id\": \"" + account + "\", \"instance_id\": \"inst-1\","
                + " \"occurred_at\": \"2026-03-15T11:00:00Z\", \"tokens\": 7" + extra + "}";
    }

    @Test
    void aBatchWithAStringThatIsNotUnicodeStoresNothingAndAnEmojiRoundTrips() {
        String account = account();
        setUpTrialingAccountWithUsage(account);
        String valid = event(account, "\"n1\"", "");
        // JSON escapes, as a router would send them: a lone surrogate and a NUL.
        String loneSurrogate = event(account, "\"n2-\\ud800\"", "");
        String nul = event(account, "\"n3\"", ", \"end_user_id\": \"u\\u0000\"");

        Http.Reply surrogateRefused = http.post("/v1/usage/events", ingest,
                "{\"events\": [" + valid + ", " + loneSurrogate + "]}");
        Http.Reply nulRefused = http.post("/v1/usage/events", ingest, "{\"events\": [" + valid + ", " + nul + "]}");

        assertEquals(422, surrogateRefused.status(), surrogateRefused.body());
        JsonNode problem = surrogateRefused.json().get("detail").get(0);
        assertEquals("string_unicode", problem.get("type").asText());
        assertEquals("[\"body\",\"events\",1,\"event_id\"]", problem.get("loc").toString());
        assertEquals("n2-\ufffd", problem.get("input").asText());
        assertEquals(422, nulRefused.status(), nulRefused.body());
        assertEquals("[\"body\",\"events\",1,\"end_user_id\"]",
                nulRefused.json().get("detail").get(0).get("loc").toString());
        assertEquals(1500, http.get("/v1/billing", user(account)).json().get("usage").get("total_tokens").asLong());
        Http.Reply replay = http.post("/v1/usage/events", ingest, "{\"events\": [" + valid + "]}");
        assertEquals("{\"accepted\":1,\"duplicates\":0}", replay.body(), "nothing of the refused batches was kept");
        assertEquals(404, http.put("/v1/admin/accounts/" + account + "/instances/bot%00", admin,
                "{\"name\": \"Bot\", \"status\": \"active\"}").status());

        Http.Reply emoji = http.post("/v1/usage/events", ingest, "{\"events\": ["
                + event(account, "\"e-\\ud83d\\ude00\"", ", \"end_user_id\": \"\\ud83d\\ude00\"") + ", "
                + event(account, "\"e-\ud83d\ude00-raw\"", ", \"end_user_id\": \"\ud83d\ude00\"") + "]}");
        Http.Reply emojiAgain = http.post("/v1/usage/events", ingest, "{\"events\": ["
                + event(account, "\"e-\ud83d\ude00\"", "") + "]}");

        assertEquals("{\"accepted\":2,\"duplicates\":0}", emoji.body());
        assertEquals("{\"accepted\":0,\"duplicates\":1}", emojiAgain.body(), "escaped or raw, the same event id");
        JsonNode usage = http.get("/v1/billing", user(account)).json().get("usage");
        assertEquals(1500 + 7 + 14, usage.get("total_tokens").asLong());
        assertEquals(3, usage.get("unique_end_users").asLong(), "u1, u2 and one emoji user, written two ways");
    }

    @Test
    void nothingAcceptedIsLostAcrossARestart() {
        String account = account();
        setUpTrialingAccountWithUsage(account);
        server.close();
        start();
        JsonNode usage = http.get("/v1/billing", user(account)).json().get("usage");
        assertEquals(1500, usage.get("total_tokens").asLong());
        Http.Reply replay = http.post("/v1/usage/events", ingest, """
                {"events": [{"event_id": "e2", "account_id": "%s", "instance_id": "inst-2",
                  "occurred_at": "2026-03-15T00:59:59+01:00", "tokens": 500}]}""".formatted(account));
        assertEquals(1, replay.json().get("duplicates").asInt(), "idempotency survives the restart");
    }

    @Test
    void aWebhookEndpointIsStoredWithoutEchoingItsSecretRefusesLoopbackAndSurvivesARestart() {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        Http.Reply loopback = http.put("/v1/admin/webhooks/local", admin,
                "{\"url\": \"http://127.0.0.1:9/hook\", \"secret\": \"" + secret + "\"}");
        assertEquals(422, loopback.status(), loopback.body());
        assertTrue(loopback.body().contains("[\"body\",\"url\"]"), loopback.body());

        Http.Reply put = http.put("/v1/admin/webhooks/ops", admin,
                "{\"url\": \"https://93.184.216.34/hook\", \"secret\": \"" + secret
                        + "\", \"event_types\": [\"trial.will_end\"]}");
        assertEquals(200, put.status(), put.body());
        assertEquals("{\"endpoint_id\":\"ops\",\"url\":\"https://93.184.216.34/hook\","
                + "\"event_types\":[\"trial.will_end\"],\"enabled\":true}", put.body());
        server.close();
        start();
        assertEquals(put.body(), http.get("/v1/admin/webhooks/ops", admin).body());
        assertEquals("{\"deliveries\":[]}", http.get("/v1/admin/webhooks/ops/deliveries", admin).body());
        assertEquals(204, http.delete("/v1/admin/webhooks/ops", admin).status());
        assertEquals(404, http.get("/v1/admin/webhooks/ops", admin).status());
    }

    @Test
    void operationsEndpointsAnswerWithoutAToken() {
        assertEquals(200, http.get("/healthz", null).status());
        assertEquals(200, http.get("/readyz", null).status());
        assertTrue(http.get("/metrics", null).body().contains("billing_db_pool_connections_total"));
        assertTrue(http.get("/openapi.json", null).json().get("paths").has("/v1/billing"));
    }

    /**
     * Issue 21 on the real server and database: random LLM calls with models and token kinds over the accepted
     * window (across New York's spring-forward day), then the chart in several zones, of one model, and the export by
     * model, each against the events summed here over the zone's wall-clock days.
     */
    @Test
    void theChartAndTheExportInSeveralZonesAreTheEventsSummedOverThoseZonesDays() {
        String account = account();
        Random random = new Random(21);
        Instant earliest = Instant.parse("2026-02-09T00:00:00Z");
        String[] models = {"gpt-4o", "claude", null};
        List<Object[]> sent = new ArrayList<>(); // at, model, tokens, input, cached, cost micros
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            Instant at = earliest.plusSeconds(random.nextInt(34 * 86_400 + 40_000));
            String model = models[random.nextInt(3)];
            long input = random.nextInt(5_000);
            long output = random.nextInt(900);
            long cost = random.nextInt(90_000);
            sent.add(new Object[] {at, model, input + output, input, input / 2, cost});
            events.append(i == 0 ? "" : ",").append("{\"event_id\":\"e").append(i).append("\",\"account_id\":\"")
                    .append(account).append("\",\"instance_id\":\"inst-").append(i % 4)
                    .append("\",\"occurred_at\":\"").append(at).append("\",\"input_tokens\":").append(input)
                    .append(",\"output_tokens\":").append(output).append(",\"cached_input_tokens\":")
                    .append(input / 2).append(",\"cost_usd\":\"").append(BigDecimal.valueOf(cost, 6)).append('"')
                    .append(model == null ? "" : ",\"model\":\"" + model + "\"").append('}');
        }
        Http.Reply recorded = http.post("/v1/usage/events", ingest, "{\"events\":[" + events + "]}");
        assertEquals(200, recorded.status(), recorded.body());
        String token = user(account);

        for (String zone : List.of("UTC", "Asia/Kolkata", "Asia/Kathmandu", "America/New_York")) {
            for (String model : new String[] {null, "claude"}) {
                JsonNode points = http.get("/v1/billing/usage/chart?days=36&tz=" + zone.replace("/", "%2F")
                        + (model == null ? "" : "&model=" + model), token).json().get("points");
                Map<String, Long> expected = new TreeMap<>();
                for (Object[] e : sent) {
                    if (model == null || model.equals(e[1])) {
                        expected.merge(LocalDateTime.ofInstant((Instant) e[0], ZoneId.of(zone)).toLocalDate()
                                .toString(), (Long) e[2], Long::sum);
                    }
                }
                Map<String, Long> charted = new TreeMap<>();
                points.forEach(p -> {
                    if (p.get("tokens").asLong() > 0) {
                        charted.put(p.get("date").asText(), p.get("tokens").asLong());
                    }
                });
                expected.keySet().removeIf(date -> date.compareTo(points.get(0).get("date").asText()) < 0);
                assertEquals(expected, charted, zone + " " + model);
            }
        }

        Http.Reply export = http.get("/v1/billing/usage/export?from=2026-02-08&to=2026-03-15&tz=Asia%2FKolkata"
                + "&group_by=day,model&format=csv", token);
        assertEquals(200, export.status(), export.body());
        Map<String, List<Long>> expected = new TreeMap<>();
        for (Object[] e : sent) {
            String key = LocalDateTime.ofInstant((Instant) e[0], ZoneId.of("Asia/Kolkata")).toLocalDate() + ","
                    + (e[1] == null ? "" : e[1]);
            List<Long> add = List.of((Long) e[2], (Long) e[3], (Long) e[4], (Long) e[5]);
            expected.merge(key, add, (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1), a.get(2) + b.get(2),
                    a.get(3) + b.get(3)));
        }
        Map<String, List<Long>> exported = new TreeMap<>();
        String[] lines = export.body().split("\r\n");
        assertEquals("date,model,tokens,input_tokens,output_tokens,cached_input_tokens,cache_write_tokens,"
                + "reasoning_tokens,requests,cost_usd", lines[0]);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",", -1);
            exported.put(cells[0] + "," + cells[1], List.of(Long.parseLong(cells[2]), Long.parseLong(cells[3]),
                    Long.parseLong(cells[5]), new BigDecimal(cells[9]).movePointRight(6).longValueExact()));
        }
        assertEquals(expected, exported, "the export by model in Asia/Kolkata");
    }
}

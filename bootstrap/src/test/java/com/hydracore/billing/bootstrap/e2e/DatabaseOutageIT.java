package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.bootstrap.RunningServer;
import com.hydracore.billing.bootstrap.ServerConfig;
import com.hydracore.billing.bootstrap.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * API §9 "Database outage", on the real server and a PostgreSQL database of its own that stops accepting connections
 * (its sessions ended, new ones refused) while the PostgreSQL server the other tests share stays up: requests that
 * need the database are answered 503 with {@code Retry-After: 2} within the 2 s wait, readiness says 503 within 2 s,
 * liveness stays 200, and once the database accepts connections again the same server serves again by itself, the
 * batch refused during the outage accepted whole.
 */
class DatabaseOutageIT {

    /** The contract's 2 s wait plus room for a busy test machine: a bound on function, not a benchmark. */
    private static final Duration REQUEST_BOUND = Duration.ofMillis(3500);
    /** /readyz must say 503 within 2 s; the same room. */
    private static final Duration READINESS_BOUND = Duration.ofMillis(2500);
    private static final Duration HEALTH_BOUND = Duration.ofMillis(1000);
    private static final String SECRET = "outage-" + UUID.randomUUID() + UUID.randomUUID();

    private final TestPostgres database = new TestPostgres("billing_outage_");
    private final MutableClock clock = MutableClock.at("2026-03-15T12:00:00Z");
    private RunningServer server;

    @AfterEach
    void stop() {
        try {
            database.allowConnections(); // whatever happened, never leave the database locked
            if (server != null) {
                server.close();
            }
        } finally {
            database.close();
        }
    }

    @Test
    void duringAnOutageRequestsAre503WithinTheWaitReadinessSays503AndServiceResumesByItselfAfter() throws IOException {
        server = RunningServer.start(ServerConfig.fromEnvironment(Map.of(
                        "BILLING_DB_URL", database.url, "BILLING_DB_USER", TestPostgres.USER,
                        "BILLING_DB_PASSWORD", TestPostgres.PASSWORD, "BILLING_PORT", "0", "BILLING_HOST", "127.0.0.1",
                        "BILLING_DATA_DIR", Files.createTempDirectory("billing-outage").toString(),
                        "BILLING_JWT_SECRET", SECRET, "BILLING_SHUTDOWN_GRACE_SECONDS", "1")),
                clock, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        Http http = new Http(server.baseUri());
        TokenMinter tokens = new TokenMinter(SECRET, clock);
        String admin = tokens.mint("platform", Set.of("billing:admin"), Duration.ofHours(1));
        String ingest = tokens.mint("router", Set.of("usage:write"), Duration.ofHours(1));
        String account = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        String user = tokens.mint(account, Set.of(), Duration.ofHours(1));
        assertEquals(200, http.put("/v1/admin/tiers/pro", admin, """
                {"tier_slug": "pro", "product_name": "HydraCore Agents", "plan_name": "Pro", "price_cents": 2900,
                 "billing_cycle": "monthly", "trial_days": 14, "token_allowance": 2000000, "api_call_limit": 100000,
                 "conversation_limit": 10000, "instance_limit": 5, "max_sites_per_node": 50}
                """).status());
        assertEquals(201, http.post("/v1/admin/accounts/" + account + "/subscriptions", admin,
                "{\"tier_id\": \"pro\", \"started_at\": \"2026-03-10T08:00:00Z\"}").status());
        assertAccepted(3, http.post("/v1/usage/events", ingest, batch(account, "before", 3)));
        JsonNode usageBefore = http.get("/v1/billing", user).json().get("usage");
        String refusedBatch = batch(account, "during", 50);
        StringJoiner timings = new StringJoiner(", ", "database outage timings: ", "");

        database.refuseConnections();
        try {
            Http.Reply read = timed("GET /v1/billing", REQUEST_BOUND, timings, () -> http.get("/v1/billing", user));
            assertDatabaseUnavailable(read);
            Http.Reply write = timed("POST /v1/usage/events", REQUEST_BOUND, timings,
                    () -> http.post("/v1/usage/events", ingest, refusedBatch));
            assertDatabaseUnavailable(write);
            // the first read may have failed at once on a pooled connection found dead; this one waits for a new one
            Http.Reply readAgain = timed("GET /v1/billing again", REQUEST_BOUND, timings,
                    () -> http.get("/v1/billing", user));
            assertDatabaseUnavailable(readAgain);
            Http.Reply readiness = timed("GET /readyz", READINESS_BOUND, timings, () -> http.get("/readyz", null));
            assertEquals(503, readiness.status(), readiness.body());
            assertEquals("{\"detail\":\"Not ready: the database is unreachable\"}", readiness.body());
            Http.Reply health = timed("GET /healthz", HEALTH_BOUND, timings, () -> http.get("/healthz", null));
            assertEquals(200, health.status());
        } finally {
            database.allowConnections();
        }

        long back = System.nanoTime();
        long deadline = back + TimeUnit.SECONDS.toNanos(15);
        while (http.get("/readyz", null).status() != 200) {
            assertTrue(System.nanoTime() < deadline, "ready again within 15 s of the database's return");
        }
        timings.add("ready again " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back) + " ms after");
        System.out.println(timings);

        assertAccepted(50, http.post("/v1/usage/events", ingest, refusedBatch));
        Http.Reply after = http.get("/v1/billing", user);
        assertEquals(200, after.status(), after.body());
        JsonNode usage = after.json().get("usage");
        assertEquals(usageBefore.get("total_tokens").asLong() + 50 * 100, usage.get("total_tokens").asLong());
        assertEquals(usageBefore.get("total_requests").asLong() + 50, usage.get("total_requests").asLong());
        assertEquals(new BigDecimal(usageBefore.get("total_cost_usd").asText()).add(new BigDecimal("0.50")),
                new BigDecimal(usage.get("total_cost_usd").asText()));
        assertEquals(7, usage.get("unique_end_users").asLong(), "u0-u2 before, u0-u6 in the batch");
    }

    /** {@code n} events of 100 tokens, one request and $0.01 each, today, ids {@code <prefix>-<i>}. */
    private static String batch(String account, String prefix, int n) {
        StringJoiner events = new StringJoiner(",", "{\"events\": [", "]}");
        for (int i = 0; i < n; i++) {
            events.add("""
                    {"event_id": "%s-%d", "account_id": "%s", "instance_id": "inst-%d",
                     "occurred_at": "2026-03-15T10:00:00Z", "tokens": 100, "cost_usd": "0.01", "end_user_id": "u%d"}
                    """.formatted(prefix, i, account, i % 3, i % 7));
        }
        return events.toString();
    }

    private static void assertAccepted(int events, Http.Reply reply) {
        assertEquals(200, reply.status(), reply.body());
        assertEquals(events, reply.json().get("accepted").asInt(), reply.body());
        assertEquals(0, reply.json().get("duplicates").asInt(), reply.body());
    }

    private static void assertDatabaseUnavailable(Http.Reply reply) {
        assertEquals(503, reply.status(), reply.body());
        assertEquals("{\"detail\":\"Database unavailable\"}", reply.body());
        assertEquals("2", reply.header("Retry-After"));
        assertTrue(reply.header("X-Request-Id") != null, "like every answer");
    }

    private static Http.Reply timed(String what, Duration bound, StringJoiner timings, Supplier<Http.Reply> request) {
        long start = System.nanoTime();
        Http.Reply reply = request.get();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        timings.add(what + " " + reply.status() + " in " + millis + " ms");
        assertTrue(millis < bound.toMillis(), what + " answered only after " + millis + " ms (bound " + bound + ")");
        return reply;
    }
}

package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.bootstrap.RunningServer;
import com.hydracore.billing.bootstrap.ServerConfig;
import com.hydracore.billing.bootstrap.testing.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The end-to-end scenarios on a real PostgreSQL, in a database created for this run. */
class OnPostgresIT extends EndToEndScenarios {

    private final TestPostgres database = new TestPostgres("billing_e2e_");

    @Override
    Map<String, String> databaseEnvironment() {
        return Map.of("BILLING_DB_URL", database.url, "BILLING_DB_USER", TestPostgres.USER,
                "BILLING_DB_PASSWORD", TestPostgres.PASSWORD);
    }

    /**
     * The §7 guarantee through two servers on one database: 60 holds of 37 tokens against 930 remaining, sent
     * together alternately to each, grant exactly 25; the five ids sent to both are held once.
     */
    @Test
    void holdsSentToTwoServersOnOneDatabaseGrantExactlyWhatRemains() throws Exception {
        String account = account();
        subscribeToAHardPlan(account);
        assertEquals(200, http.post("/v1/usage/events", ingest, """
                {"events": [{"event_id": "e0", "account_id": "%s", "instance_id": "bot",
                  "occurred_at": "2026-03-15T11:00:00Z", "tokens": 70, "requests": 0}]}""".formatted(account))
                .status());
        try (RunningServer other = RunningServer.start(ServerConfig.fromEnvironment(environment()), clock,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))) {
            List<Http> servers = List.of(http, new Http(other.baseUri()));
            ExecutorService pool = Executors.newFixedThreadPool(60);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Http.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    Http server = servers.get(i % 2);
                    String body = "{\"reservation_id\": \"r" + (i % 55) + "\", \"tokens\": 37, \"requests\": 0}";
                    replies.add(pool.submit(() -> {
                        start.await();
                        // a router retries a busy answer with the same reservation_id: idempotent by design
                        Http.Reply r;
                        int attempts = 0;
                        do {
                            r = server.post("/v1/quota/accounts/" + account + "/reservations", ingest, body);
                        } while (r.status() == 503 && ++attempts < 20);
                        return r;
                    }));
                }
                start.countDown();
                Map<Integer, Integer> statuses = new TreeMap<>();
                Set<String> created = new HashSet<>();
                for (Future<Http.Reply> reply : replies) {
                    Http.Reply r = reply.get(120, TimeUnit.SECONDS);
                    statuses.merge(r.status(), 1, Integer::sum);
                    if (r.status() == 201) {
                        assertTrue(created.add(r.json().get("reservation_id").asText()), "held twice: " + r.body());
                    }
                }
                assertEquals(25, created.size(), "exactly ⌊930/37⌋ granted: " + statuses);
                assertEquals(60, statuses.values().stream().mapToInt(Integer::intValue).sum());
                assertTrue(statuses.keySet().stream().allMatch(s -> s == 201 || s == 200 || s == 402), statuses::toString);
            } finally {
                pool.shutdownNow();
            }
            for (Http server : servers) {
                JsonNode tokens = server.get("/v1/billing/quota", user(account)).json().get("quotas").get(0);
                assertEquals(70, tokens.get("used").asLong());
                assertEquals(25 * 37, tokens.get("reserved").asLong());
                assertEquals(5, tokens.get("remaining").asLong());
            }
        }
    }

    @AfterAll
    void dropDatabase() {
        stopServer();
        server = null;
        database.close();
    }
}

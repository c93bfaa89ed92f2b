package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.bootstrap.RunningServer;
import com.hydracore.billing.bootstrap.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting with no configuration at all, as a newcomer does: the printed tokens must work. */
class DevelopmentModeIT {

    private static final Pattern TOKEN = Pattern.compile("^\\s+(ey[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)$",
            Pattern.MULTILINE);

    @TempDir
    Path dataDir;

    @Test
    void printedTokensWorkAndTheDemoAccountHasData() {
        MutableClock clock = MutableClock.at("2026-03-15T12:00:00Z");
        List<String> printed;
        try (RunningServer server = start(clock)) {
            printed = tokens(lastBanner);
            assertEquals(2, printed.size(), lastBanner);
            Http http = new Http(server.baseUri());
            String adminToken = printed.get(0);
            String userToken = printed.get(1);

            assertEquals(200, http.get("/v1/admin/tiers", adminToken).status());
            JsonNode billing = http.get("/v1/billing", userToken).json();
            assertEquals("Pro", billing.get("plan").get("plan_name").asText());
            assertEquals("trialing", billing.get("plan").get("status").asText());
            assertTrue(billing.get("usage").get("total_tokens").asLong() > 0, "30 days of demo usage were seeded");
            assertEquals(30, http.get("/v1/billing/usage/chart", userToken).json().get("points").size());
            assertTrue(lastBanner.contains("DEVELOPMENT MODE"));
        }
        // Restart on the same data directory: the secret was kept, so yesterday's tokens still work, and the demo
        // seed is idempotent.
        try (RunningServer server = start(clock)) {
            Http http = new Http(server.baseUri());
            JsonNode billing = http.get("/v1/billing", printed.get(1)).json();
            assertEquals("Pro", billing.get("plan").get("plan_name").asText());
            assertEquals("[\"tier_pro\"]", billing.get("subscribed_tier_ids").toString());
        }
    }

    private String lastBanner = "";

    private RunningServer start(MutableClock clock) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("BILLING_PORT", "0", "BILLING_HOST", "127.0.0.1",
                "BILLING_DATA_DIR", dataDir.toString(), "BILLING_DEMO", "true"));
        RunningServer server = RunningServer.start(config, clock, new PrintStream(out, true, StandardCharsets.UTF_8));
        lastBanner = out.toString(StandardCharsets.UTF_8);
        return server;
    }

    private static List<String> tokens(String banner) {
        Matcher m = TOKEN.matcher(banner);
        java.util.ArrayList<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}

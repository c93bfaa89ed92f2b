package com.hydracore.billing.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.rest.AuthSettings;
import com.hydracore.billing.adapter.rest.auth.TokenVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad configuration stops the start with exit code 2 and one line naming the variable. */
class BillingServerTest {

    @TempDir
    Path dataDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("BILLING_DATA_DIR", dataDir.toString(),
                "BILLING_HOST", "127.0.0.1", "BILLING_PORT", "0"));
        env.putAll(extra);
        return BillingServer.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aShortSecretIsRefusedNamingTheVariable() {
        assertEquals(2, run(Map.of("BILLING_JWT_SECRET", "too-short")));
        assertTrue(error().contains("BILLING_JWT_SECRET"), error());
        assertEquals(1, error().strip().lines().count(), "one line: " + error());
    }

    @Test
    void aDatabaseUrlThatIsNotPostgresIsRefused() {
        assertEquals(2, run(Map.of("BILLING_DB_URL", "mysql://localhost/billing")));
        assertTrue(error().startsWith("billing-server: BILLING_DB_URL"), error());
    }

    @Test
    void aPortThatIsNotANumberIsRefused() {
        assertEquals(2, run(Map.of("BILLING_PORT", "eighty")));
        assertTrue(error().contains("BILLING_PORT"), error());
    }

    @Test
    void aPortInUseIsRefused() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(2, run(Map.of("BILLING_PORT", String.valueOf(taken.getLocalPort()))));
        }
        assertTrue(error().contains("BILLING_PORT") && error().contains("in use"), error());
    }

    @Test
    void anUnreachableDatabaseIsRefusedAfterABoundedWait() {
        assertEquals(2, run(Map.of("BILLING_DB_URL", "jdbc:postgresql://127.0.0.1:1/billing",
                "BILLING_DB_CONNECT_TIMEOUT_SECONDS", "1")));
        assertTrue(error().contains("BILLING_DB_URL"), error());
    }

    @Test
    void aRequestWaitBelowWhatThePoolCanWaitIsRefusedNamingTheVariable() {
        assertEquals(2, run(Map.of("BILLING_DB_REQUEST_WAIT_MS", "100")));
        assertTrue(error().contains("BILLING_DB_REQUEST_WAIT_MS"), error());
        assertEquals(Duration.ofMillis(1500), ServerConfig.fromEnvironment(Map.of("BILLING_DB_REQUEST_WAIT_MS", "1500"))
                .database().requestWait());
        assertEquals(Duration.ofSeconds(2), ServerConfig.fromEnvironment(Map.of()).database().requestWait());
    }

    @Test
    void aNegativePlanCacheTimeIsRefusedNamingTheVariable() {
        assertEquals(2, run(Map.of("BILLING_PLAN_CACHE_SECONDS", "-1")));
        assertTrue(error().contains("BILLING_PLAN_CACHE_SECONDS"), error());
    }

    @Test
    void anUnknownArgumentIsRefused() {
        assertEquals(2, run(Map.of(), "--dmeo"));
        assertTrue(error().contains("--dmeo"), error());
    }

    @Test
    void theTokenCommandMintsWithTheConfiguredSecret() {
        assertEquals(0, run(Map.of("BILLING_JWT_SECRET", "x".repeat(40)), "token", "--account", "acme", "--scope",
                "usage:write", "--ttl", "1h"));
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(3, token.split("\\.").length, token);
    }

    @Test
    void theTokenCommandInDevelopmentModeSignsWithTheSecretTheServerKeeps() throws Exception {
        String kept = DevelopmentSecret.loadOrCreate(dataDir);

        assertEquals(0, run(Map.of(), "token", "--account", "acme"));

        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertEquals(Optional.of(kept), DevelopmentSecret.load(dataDir));
        assertEquals("acme", new TokenVerifier(AuthSettings.hmac(kept), Clock.systemUTC()).verify(token).accountId(),
                "verified with the server's secret");
    }

    @Test
    void theTokenCommandNeverCreatesASecretTheServerWouldNotKnow() {
        assertEquals(2, run(Map.of(), "token", "--account", "acme"));

        assertFalse(DevelopmentSecret.exists(dataDir), "no secret created");
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no token printed");
        assertTrue(error().contains("BILLING_JWT_SECRET") && error().contains("BILLING_DATA_DIR")
                && error().contains(DevelopmentSecret.FILE_NAME), error());
        assertEquals(1, error().strip().lines().count(), "one line: " + error());
    }

    @Test
    void theTokenCommandRefusesAMissingAccount() {
        assertEquals(2, run(Map.of("BILLING_JWT_SECRET", "x".repeat(40)), "token", "--scope", "usage:write"));
        assertTrue(error().contains("--account"), error());
    }

    @Test
    void ttlsReadAsPeopleWriteThem() {
        assertEquals(Duration.ofSeconds(90), TokenCommand.parseTtl("90s"));
        assertEquals(Duration.ofMinutes(15), TokenCommand.parseTtl("15m"));
        assertEquals(Duration.ofHours(1), TokenCommand.parseTtl("1h"));
        assertEquals(Duration.ofDays(7), TokenCommand.parseTtl("7d"));
        assertEquals(Duration.ofHours(2), TokenCommand.parseTtl("PT2H"));
    }
}

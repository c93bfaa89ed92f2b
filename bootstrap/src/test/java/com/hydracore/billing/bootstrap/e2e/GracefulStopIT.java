package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.bootstrap.BillingServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real process: SIGTERM drains, closes the pool and exits 0. */
class GracefulStopIT {

    @TempDir
    Path dataDir;

    @Test
    void sigtermStopsTheServerCleanlyWithExitCodeZero() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BillingServer.class.getName());
        builder.environment().put("BILLING_PORT", "0");
        builder.environment().put("BILLING_HOST", "127.0.0.1");
        builder.environment().put("BILLING_DATA_DIR", dataDir.toString());
        builder.environment().remove("BILLING_DB_URL");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            URI base = null;
            Pattern listening = Pattern.compile("listening on (http://\\S+)");
            for (String line = lines.readLine(); line != null && base == null; line = lines.readLine()) {
                output.append(line).append('\n');
                Matcher m = listening.matcher(line);
                if (m.find()) {
                    base = URI.create(m.group(1));
                }
            }
            assertTrue(base != null, output.toString());
            assertEquals(200, new Http(base).get("/healthz", null).status());

            process.toHandle().destroy(); // SIGTERM, leaving our end of the pipes open to read the last lines
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stopped within the grace period");
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
            }
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), output.toString());
        assertTrue(output.toString().contains("Stopped."), output.toString());
    }
}

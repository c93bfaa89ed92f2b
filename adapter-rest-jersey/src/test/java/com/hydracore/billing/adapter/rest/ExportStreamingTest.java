package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A year of {@code day,instance} rows of an account with {@value ExportStreamingServer#INSTANCES} instances (about
 * 150 MB of CSV) through this server's HTTP edge, from a server whose heap is {@value #HEAP_MB} MB: it can only answer
 * whole if the body is streamed, never built in memory (built, it fails with OutOfMemoryError and the body is cut).
 */
class ExportStreamingTest {

    static final int HEAP_MB = 64;

    @Test
    void aYearOfDayAndInstanceRowsStreamsThroughASmallHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(List.of(java, "-Xmx" + HEAP_MB + "m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), ExportStreamingServer.class.getName()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                    StandardCharsets.UTF_8));
            URI base = URI.create(out.readLine());
            String token = out.readLine();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            base.resolve("/v1/billing/usage/export?from=2025-01-01&to=2025-12-31&group_by=day,instance"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(3)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            long bytes = 0;
            long lines = 0;
            byte[] buffer = new byte[64 * 1024];
            try (InputStream body = response.body()) {
                for (int n; (n = body.read(buffer)) >= 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                        }
                    }
                }
            }
            long rows = 365L * ExportStreamingServer.INSTANCES;
            assertEquals(1 + rows, lines, "the header and every row arrived");
            assertTrue(bytes > 2L * HEAP_MB * 1024 * 1024, "the body (" + bytes + " bytes) is larger than the heap");
            assertTrue(server.isAlive(), "the server survived it");
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }
}

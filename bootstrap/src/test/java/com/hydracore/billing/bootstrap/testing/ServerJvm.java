package com.hydracore.billing.bootstrap.testing;

import com.hydracore.billing.bootstrap.BillingServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server in a JVM of its own, for tests that kill it (SIGKILL: no shutdown hook, no drain, as a crash) or
 * run two on one database. Its output is drained to stdout of the test, prefixed with {@code name}.
 */
public final class ServerJvm implements AutoCloseable {

    private final Process process;
    private final URI baseUri;

    /** Starts the server with {@code environment} on top of this JVM's and waits until it listens. */
    public ServerJvm(String name, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), BillingServer.class.getName()));
        builder.environment().remove("BILLING_DB_URL");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        process = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        URI found = null;
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher m = listening.matcher(line);
            if (m.find()) {
                found = URI.create(m.group(1));
                break;
            }
        }
        if (found == null) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not start:\n" + seen);
        }
        baseUri = found;
        Thread drain = new Thread(() -> {
            try {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!line.contains(" access - ")) { // the access log: one line per request
                        System.out.println("[" + name + "] " + line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name + "-output");
        drain.setDaemon(true);
        drain.start();
    }

    /** Where it listens. */
    public URI baseUri() {
        return baseUri;
    }

    /** SIGKILL, and waits for the process to be gone: a crash, nothing of the server's own runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM (a graceful stop), SIGKILL if it takes longer than 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}

package com.hydracore.billing.bootstrap.testing;

import com.hydracore.billing.bootstrap.BillingServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server in a JVM of its own, for tests that kill it (SIGKILL: no shutdown hook, no drain, as a crash) or
 * run two on one database, and for the benchmark. Its output is drained, to stdout of the test prefixed with
 * {@code name} or discarded, so that it never blocks on a full pipe.
 */
public final class ServerJvm implements AutoCloseable {

    private final Process process;
    private final URI baseUri;

    /**
     * Starts the server as the README's command does ({@link ReadmeCommand}), with {@code environment} on top of this
     * JVM's, and waits until it listens.
     */
    public ServerJvm(String name, Map<String, String> environment) throws IOException {
        this(name, environment, ReadmeCommand.jvmOptions(), true);
    }

    /**
     * Starts the server with {@code jvmOptions} and {@code environment} on top of this JVM's and waits until it
     * listens; its output goes to this JVM's stdout when {@code echo}, else it is discarded (a benchmark's).
     */
    public ServerJvm(String name, Map<String, String> environment, List<String> jvmOptions, boolean echo)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BillingServer.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("BILLING_DB_URL");
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        process = builder.start();
        // A run stopped with Ctrl-C or kill stops its server too, instead of leaving it running (and holding its
        // share of the machine) under the next run.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, name + "-stop"));
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
                    if (echo && !line.contains(" access - ")) { // the access log: one line per request
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

    /** Peak and current resident set size of the server, in MiB, from /proc (Linux). */
    public long[] residentMiB() throws IOException {
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peak = -1;
        long current = -1;
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                peak = kib(line) / 1024;
            } else if (line.startsWith("VmRSS:")) {
                current = kib(line) / 1024;
            }
        }
        return new long[] {peak, current};
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
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

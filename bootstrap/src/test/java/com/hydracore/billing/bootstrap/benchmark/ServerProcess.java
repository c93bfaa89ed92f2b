package com.hydracore.billing.bootstrap.benchmark;

import com.hydracore.billing.bootstrap.BillingServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real server in its own JVM, so its memory is measured apart from the load generator's. */
final class ServerProcess implements AutoCloseable {

    final Process process;
    final URI baseUri;

    ServerProcess(Map<String, String> environment, String... jvmOptions) throws IOException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.util.List.of(jvmOptions));
        command.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), BillingServer.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        process = builder.start();
        // A benchmark stopped with Ctrl-C or kill stops its server too, instead of leaving it running (and holding
        // its share of the machine) under the next run.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "server-stop"));
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
            throw new IllegalStateException("server did not start:\n" + seen);
        }
        baseUri = found;
        // Keep draining the server's output (access log) so it never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                while (lines.readLine() != null) {
                    // discarded
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
    }

    /** Peak and current resident set size of the server, in MiB, from /proc (Linux). */
    long[] residentMiB() throws IOException {
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

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

package com.hydracore.billing.bootstrap.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.bootstrap.testing.ReadmeCommand;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * API §9 "Out of memory": with the JVM options of the README's run command, a process whose heap runs out in a
 * thread other than {@code main} (as a request thread or Grizzly's selector would) exits non-zero at once, instead of
 * living on without serving. Without the option the same process keeps running; the control case shows it, so this
 * test fails if the README's command loses the option.
 */
class OutOfMemoryExitIT {

    /** Allocates in a background thread until the heap is exhausted, while {@code main} waits a minute. */
    public static final class Exhaust {
        public static void main(String[] args) throws InterruptedException {
            Thread hog = new Thread(() -> {
                List<long[]> held = new ArrayList<>();
                while (true) {
                    held.add(new long[1 << 16]);
                }
            }, "hog");
            hog.setDaemon(true);
            hog.start();
            Thread.sleep(60_000);
        }
    }

    @Test
    void theReadmesCommandEndsAProcessWhoseHeapIsExhaustedWithANonZeroCode() throws Exception {
        List<String> options = new ArrayList<>(ReadmeCommand.jvmOptions());
        assertTrue(options.contains("-XX:+ExitOnOutOfMemoryError"), "the README's command: " + options);
        options.removeIf(option -> option.startsWith("-Xmx"));
        options.add("-Xmx16m");

        Process process = exhaust(options);

        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running 30 s after its heap ran out");
        assertEquals(3, process.exitValue(), "the JVM's exit code for an exhausted heap");
    }

    @Test
    void withoutTheOptionTheSameProcessLivesOnWithoutItsThread() throws Exception {
        Process process = exhaust(List.of("-Xmx16m"));
        try {
            assertTrue(!process.waitFor(5, TimeUnit.SECONDS), "the control case should keep running");
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    private static Process exhaust(List<String> options) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Exhaust.class.getName()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}

package com.hydracore.billing.bootstrap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM options of the README's run command, read from the README itself: the tests that start the server in its
 * own process and the benchmark start it with these, so they run it as a user does and follow the README when it
 * changes.
 */
public final class ReadmeCommand {

    private static final Pattern RUN_COMMAND = Pattern.compile("\\| run the server \\| `[^`]*?&& java (.*?) -jar ");

    private ReadmeCommand() {
    }

    /** The options between {@code java} and {@code -jar} in the README's "run the server" row. */
    public static List<String> jvmOptions() {
        Path readme = Path.of("..", "README.md");
        try {
            Matcher run = RUN_COMMAND.matcher(Files.readString(readme));
            if (!run.find()) {
                throw new IllegalStateException("no run command found in " + readme.toAbsolutePath());
            }
            return List.of(run.group(1).trim().split("\\s+"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme.toAbsolutePath(), e);
        }
    }
}

package com.hydracore.billing.bootstrap.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every run's figures, one JSON object per line, in {@code docs/benchmark-runs.jsonl} of the checkout (or
 * {@code bench.history}): the results file the docs quote from, so that no run's figures live only in prose and a
 * figure can be compared with the runs before it.
 */
final class RunHistory {

    private final Path file;

    private RunHistory(Path file) {
        this.file = file;
    }

    /** The file named by {@code bench.history}, else the checkout's {@code docs/benchmark-runs.jsonl}. */
    static RunHistory locate() {
        String named = System.getProperty("bench.history", "").strip();
        if (!named.isEmpty()) {
            return new RunHistory(Path.of(named));
        }
        // the benchmark runs in bootstrap/ (Maven's exec): the checkout is the nearest parent with a docs folder
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        return new RunHistory((dir == null ? Path.of("").toAbsolutePath() : dir).resolve("docs")
                .resolve("benchmark-runs.jsonl"));
    }

    /** How many runs the file holds. */
    long runs() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    /** Adds this run's figures as one line. */
    void append(String json) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json.replace("\n", "") + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    Path file() {
        return file;
    }
}

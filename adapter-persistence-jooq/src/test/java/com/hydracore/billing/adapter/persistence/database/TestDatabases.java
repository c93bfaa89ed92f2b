package com.hydracore.billing.adapter.persistence.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;

/**
 * The databases the adapter's tests run on. Per test JVM, one PostgreSQL database created for the run and one
 * embedded H2 in a temporary directory, both opened with the {@link StatementGuards} and shared by every
 * contract case (the kit keeps cases apart with unique ids); plus {@link #fresh} databases for tests that need one
 * of their own. Everything created is dropped or deleted when the JVM exits.
 */
public final class TestDatabases {

    /** Pool size for test databases: enough for the 8 threads of the concurrency cases to really overlap. */
    static final int POOL_SIZE = 10;

    private static final List<Runnable> CLEANUPS = new ArrayList<>();
    private static BillingDatabase postgres;
    private static BillingDatabase embedded;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::cleanUp, "test-database-cleanup"));
    }

    private TestDatabases() {
    }

    /** This run's shared PostgreSQL database, under the statement guards. */
    public static synchronized BillingDatabase postgres() {
        if (postgres == null) {
            postgres = fresh(Kind.POSTGRES).open(new StatementGuards());
        }
        return postgres;
    }

    /** This run's shared embedded H2 database, under the statement guards. */
    public static synchronized BillingDatabase embedded() {
        if (embedded == null) {
            embedded = fresh(Kind.H2).open(new StatementGuards());
        }
        return embedded;
    }

    /** The shared database of {@code kind}. */
    public static BillingDatabase shared(Kind kind) {
        return kind == Kind.POSTGRES ? postgres() : embedded();
    }

    /** A new, empty database of {@code kind} (not migrated until opened), removed when the JVM exits. */
    public static synchronized Fresh fresh(Kind kind) {
        if (kind == Kind.POSTGRES) {
            String name = TestPostgres.createDatabase();
            CLEANUPS.add(() -> TestPostgres.dropDatabase(name));
            return new Fresh(kind, new DatabaseSettings(TestPostgres.urlOf(name), TestPostgres.USER,
                    TestPostgres.PASSWORD, tempDir(), POOL_SIZE, Duration.ofSeconds(10)));
        }
        return new Fresh(kind, new DatabaseSettings(null, null, null, tempDir(), POOL_SIZE, Duration.ofSeconds(10)));
    }

    /** The same database without any listener: for test set-up the guard would rightly refuse (DDL, raw reads). */
    public static DSLContext unguarded(BillingDatabase database) {
        return database.dsl().configuration().derive(new ExecuteListenerProvider[0]).dsl();
    }

    /** The jOOQ context {@code database}'s ports use: tests read and set up tables through it. */
    public static DSLContext dsl(BillingDatabase database) {
        return database.dsl();
    }

    /** The lock appends to {@code database} take turns under, where they must (H2). */
    public static Optional<Lock> appendLock(BillingDatabase database) {
        return database.appendLock();
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("billing-test");
            CLEANUPS.add(() -> deleteRecursively(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void cleanUp() {
        for (BillingDatabase db : new BillingDatabase[] {postgres, embedded}) {
            if (db != null) {
                db.close();
            }
        }
        for (Runnable cleanup : CLEANUPS) {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                System.err.println("test database cleanup failed: " + e.getMessage());
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The two engines the adapter runs on. */
    public enum Kind {
        POSTGRES,
        H2
    }

    /**
     * A database of a test's own.
     *
     * @param kind     its engine
     * @param settings how to open it
     */
    public record Fresh(Kind kind, DatabaseSettings settings) {

        /** Opens (and on first open, migrates) it with these listeners on every statement. */
        public BillingDatabase open(ExecuteListener... listeners) {
            return BillingDatabase.open(settings, List.of(listeners));
        }
    }
}

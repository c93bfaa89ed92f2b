package com.hydracore.billing.bootstrap.benchmark;

import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.bootstrap.testing.HealthProbe;
import com.hydracore.billing.bootstrap.testing.LoopbackHttp;
import com.hydracore.billing.bootstrap.testing.ReadmeCommand;
import com.hydracore.billing.bootstrap.testing.ServerJvm;
import com.hydracore.billing.bootstrap.testing.TestPostgres;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Measures the server on PostgreSQL next to the floors it cannot beat on the same machine in the same run, and prints
 * the figures (a table on stdout, JSON in {@code bootstrap/target/benchmark/results.json}). Not a test: nothing is
 * asserted. Run it with {@code mvn -B -pl bootstrap -am -DskipTests -Pbenchmark verify} (see the README).
 *
 * <p>System properties: {@code bench.seconds} (ingestion run, default 30; 0 skips it), {@code bench.readSeconds}
 * (each read run, default 5), {@code bench.threads} (ingestion and loading clients, default 16),
 * {@code bench.sizes} (events per read account, default {@code 10000,100000,1000000}), {@code bench.huge} (also
 * 10^7 events), {@code bench.events} (the ingestion run's {@link EventMix}: {@code live}, the default, or
 * {@code backfill}), {@code bench.reads} (the GET paths read, comma-separated), {@code bench.warmUpSeconds}
 * (before each read run, default 2), {@code bench.poolSize} (the server's connection pool, default 16). The pom's
 * benchmark profile forwards each of these.
 */
public final class Benchmark {

    static final String SECRET = "bench-" + UUID.randomUUID() + UUID.randomUUID();
    static final int BATCH = 1000;
    /** Days of its current period a read account has behind it: 27, so the period holds 28 of the 30 days of events
     * (and still contains today after any month's clamping). */
    private static final int PERIOD_DAYS_SO_FAR = 27;
    /** The UTC chart the zoned and model-filtered charts are compared with. */
    private static final String CHART = "/v1/billing/usage/chart?days=90";
    /** The reads measured unless {@code bench.reads} names others: the page's, quota, the zoned and model charts. */
    private static final String DEFAULT_READS = "/v1/billing,/v1/billing/usage," + CHART + "," + CHART
            + "&tz=Asia/Kolkata," + CHART + "&model=" + EventMix.MODELS[0]
            + ",/v1/billing/trial-status,/v1/billing/quota";
    private static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmUpSeconds", 2));
    /** Every server's JVM options ({@link #serverJvmOptions}), the same for the whole run. */
    private static final List<String> SERVER_JVM = serverJvmOptions();

    // one keep-alive connection per client thread, closed when the thread's run ends (see endClient)
    private final ThreadLocal<LoopbackHttp> connection = new ThreadLocal<>();
    private final TokenMinter tokens = new TokenMinter(SECRET, Clock.systemUTC());
    private final String ingest = tokens.mint("bench-router", Set.of("usage:write"), Duration.ofHours(6));
    private final String admin = tokens.mint("bench-platform", Set.of("billing:admin"), Duration.ofHours(6));
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final List<String> table = new ArrayList<>();

    /** A line of the final table, also printed as soon as it is measured (with the time, to match other logs). */
    private void report(String line) {
        table.add(line);
        System.out.println("benchmark " + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + ": " + line.strip());
    }
    private URI base;
    private ServerJvm server;
    /** The highest peak RSS of the isolated ingestion runs' servers, MiB. */
    private long ingestionPeakRss;

    private Benchmark() {
    }

    /** Runs every measurement and prints the figures. */
    public static void main(String[] args) throws Exception {
        new Benchmark().run();
    }

    private void run() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 30);
        int readSeconds = Integer.getInteger("bench.readSeconds", 5);
        int threads = Integer.getInteger("bench.threads", 16);
        boolean huge = Boolean.getBoolean("bench.huge");
        boolean ingestionOnly = Boolean.getBoolean("bench.ingestionOnly");
        String reads = System.getProperty("bench.reads", "").strip();
        List<String> readPaths = Arrays.stream((reads.isEmpty() ? DEFAULT_READS : reads).split(","))
                .map(String::strip).toList();
        EventMix mix = EventMix.named(System.getProperty("bench.events", "live"));
        RunHistory history = RunHistory.locate();
        results.put("commit", commit());
        results.put("started_at", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        TestPostgres postgres = new TestPostgres("billing_bench_");
        String database = postgres.name;
        String url = postgres.url;
        Path dataDir = Files.createTempDirectory("billing-bench");
        results.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                "java", System.getProperty("java.version")));
        Map<String, String> environment = new LinkedHashMap<>(Map.of("BILLING_PORT", "0", "BILLING_HOST",
                "127.0.0.1", "BILLING_DATA_DIR", dataDir.toString(), "BILLING_DB_URL", url, "BILLING_DB_USER",
                TestPostgres.USER, "BILLING_DB_PASSWORD", TestPostgres.PASSWORD, "BILLING_JWT_SECRET", SECRET,
                "BILLING_DB_POOL_SIZE", System.getProperty("bench.poolSize", "16"),
                // the alert run's receiver is on loopback
                "BILLING_WEBHOOK_ALLOW_PRIVATE", "true"));
        // bench.serverEnv: K=V;K2=V2 on top, e.g. BILLING_ALERT_THRESHOLDS= to measure ingestion without the alert step
        for (String pair : System.getProperty("bench.serverEnv", "").split(";")) {
            if (pair.contains("=")) {
                environment.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1));
            }
        }
        results.put("server_env_overrides", System.getProperty("bench.serverEnv", ""));
        results.put("server_jvm", String.join(" ", SERVER_JVM));
        try (AlertLatency receiver = new AlertLatency();
             ServerJvm server = new ServerJvm("server", environment, SERVER_JVM, false)) {
            base = server.baseUri();
            this.server = server;
            System.out.println("benchmark: server " + base + " on PostgreSQL database " + database);
            putTier();

            if (seconds > 0) {
                List<IngestionRun> runs = IngestionRun.parseAll(System.getProperty("bench.ingestion",
                        mix.name().toLowerCase(Locale.ROOT) + "/20"));
                if (history.runs() % 2 == 1) {
                    // alternate the order between runs (kept from before runs were isolated: a check that it no
                    // longer matters)
                    List<IngestionRun> reversed = new ArrayList<>(runs);
                    Collections.reverse(reversed);
                    runs = reversed;
                }
                results.put("ingestion_order", runs.stream().map(IngestionRun::toString).toList());
                int rounds = Integer.getInteger("bench.ingestionRounds", 1);
                for (int round = 1; round <= rounds; round++) {
                    for (IngestionRun run : runs) {
                        isolatedIngestion(rounds == 1 ? run.key() : run.key() + "_round" + round, run, threads,
                                seconds, environment);
                    }
                }
                for (IngestionRun run : runs) {
                    medianOfRounds(run.key(), rounds);
                }
                // Overload: several times the clients that saturate the server, past its workers and their queue.
                int overload = Integer.getInteger("bench.overloadClients", 256);
                if (overload > 0) {
                    IngestionRun normal = IngestionRun.parseAll(mix.name().toLowerCase(Locale.ROOT) + "/20").get(0);
                    isolatedIngestion("ingestion_overload", normal, overload, seconds, environment);
                    if (results.containsKey(normal.key())) {
                        report(String.format(Locale.ROOT, "    overload throughput / normal: %.2f",
                                rate("ingestion_overload") / rate(normal.key())));
                    }
                }
                ingestionFloor(url, runs);
                settle(url);
                alertLatency(receiver, Integer.getInteger("bench.alerts", 20));
            }
            double healthz1 = read("/healthz", null, 1, readSeconds, "healthz")[0];
            double healthz16 = read("/healthz", null, 16, readSeconds, "healthz")[0];
            List<Long> sizes = new ArrayList<>();
            if (!ingestionOnly) {
                Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000").split(","))
                        .map(String::strip).map(Long::parseLong).forEach(sizes::add);
            }
            if (huge && !ingestionOnly) {
                sizes.add(10_000_000L);
            }
            for (long size : sizes) {
                String account = "bench-" + size;
                load(account, size, threads);
                settle(url);
                String user = tokens.mint(account, Set.of(), Duration.ofHours(6));
                Map<String, Double> p50s = new LinkedHashMap<>();
                for (String path : readPaths) {
                    for (int concurrency : new int[] {1, 16}) {
                        double[] figures = read(path, user, concurrency, readSeconds, path + " @" + size + " events");
                        if (figures == null) {
                            break;
                        }
                        p50s.put(path + " c=" + concurrency, figures[1]);
                        double floor = concurrency == 1 ? healthz1 : healthz16;
                        report(String.format(Locale.ROOT, "    ratio to /healthz at c=%d: %.2f", concurrency,
                                figures[0] / floor));
                    }
                }
                for (String path : readPaths) {
                    for (int concurrency : new int[] {1, 16}) {
                        Double utc = p50s.get(CHART + " c=" + concurrency);
                        Double other = p50s.get(path + " c=" + concurrency);
                        if (path.startsWith(CHART + "&") && utc != null && other != null) {
                            report(String.format(Locale.ROOT, "    %s @%d c=%d: p50 / UTC chart's p50 = %.2f", path,
                                    size, concurrency, other / utc));
                        }
                    }
                }
                export(account, user, size);
            }
            long[] rss = server.residentMiB();
            String heap = heapFromMetrics();
            results.put("server_memory", Map.of("peak_rss_mib", rss[0], "rss_mib", rss[1], "heap_used_mib", heap,
                    "ingestion_servers_peak_rss_mib", ingestionPeakRss));
            report(String.format(Locale.ROOT, "server memory: peak RSS %d MiB, RSS now %d MiB, heap used %s MiB;"
                    + " the ingestion runs' servers peaked at %d MiB", rss[0], rss[1], heap, ingestionPeakRss));
        } finally {
            postgres.close();
        }
        System.out.println();
        System.out.println("=== HydraCore Billing benchmark ===");
        table.forEach(System.out::println);
        Path out = Path.of("target", "benchmark", "results.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(results));
        history.append(Json.write(results));
        System.out.println("results: " + out.toAbsolutePath() + ", and appended to " + history.file());
    }

    /** The checkout's commit, with {@code +changes} when it has uncommitted ones, or "unknown" without git. */
    private static String commit() {
        try {
            Process head = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String id = new String(head.getInputStream().readAllBytes()).strip();
            Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true).start();
            boolean changed = !new String(status.getInputStream().readAllBytes()).isBlank();
            return head.waitFor() == 0 ? id + (changed ? "+changes" : "") : "unknown";
        } catch (java.io.IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * The README's options ({@link ReadmeCommand}), its {@code -Xmx} replaced by bench.serverHeap when given, plus any
     * {@code bench.serverJvm} options, e.g. a JFR recording.
     */
    private static List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>(ReadmeCommand.jvmOptions());
        String heap = System.getProperty("bench.serverHeap", "").strip();
        if (!heap.isEmpty()) {
            options.removeIf(option -> option.startsWith("-Xmx"));
            options.add("-Xmx" + heap);
        }
        String extra = System.getProperty("bench.serverJvm", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /**
     * N clients posting 1000-event batches for {@code seconds}, with {@code /healthz} probed alongside on fresh
     * connections: events/s, latency per accepted batch, the share of posts answered 503 "Server busy" (a client so
     * answered waits the {@code Retry-After} second, as the contract asks, then sends the same batch again) and the
     * liveness probe's latency. Recorded under {@code key}.
     */
    private void putTier() {
        send("PUT", "/v1/admin/tiers/bench", admin, """
                {"tier_slug": "bench", "product_name": "Bench", "plan_name": "Bench", "price_cents": 2900,
                 "billing_cycle": "monthly", "trial_days": 0, "token_allowance": 1000000000, "api_call_limit": 1,
                 "conversation_limit": 1, "instance_limit": 50, "max_sites_per_node": 1}""");
    }

    /**
     * One ingestion run on its own empty database and its own freshly started server, warmed up in the run's mix
     * ({@code bench.ingestionWarmUpSeconds}, default 15) and settled before it is measured. Every run thus starts
     * from the same state: when runs followed each other on one server and one database, whichever came second
     * measured about half the first (it wrote into the first run's million rows), so a run's position weighed as
     * much as what it measured. With {@code bench.ingestionRounds} above 1 the runs are repeated in the same order
     * and each round is kept under {@code <key>_round<n>}.
     */
    private void isolatedIngestion(String key, IngestionRun run, int threads, int seconds,
                                   Map<String, String> serverEnvironment) throws Exception {
        URI shared = base;
        endClient(); // the calling thread's keep-alive connection is to the shared server
        try (TestPostgres postgres = new TestPostgres("billing_bench_run_")) {
            Map<String, String> environment = new LinkedHashMap<>(serverEnvironment);
            environment.put("BILLING_DB_URL", postgres.url);
            environment.put("BILLING_DATA_DIR", Files.createTempDirectory("billing-bench-run").toString());
            try (ServerJvm runServer = new ServerJvm("server-" + key, environment, SERVER_JVM, false)) {
                base = runServer.baseUri();
                putTier();
                int warmUp = Integer.getInteger("bench.ingestionWarmUpSeconds", 15);
                if (warmUp > 0) {
                    ingestion("ingestion_warm_up", threads, warmUp, run);
                    settle(postgres.url);
                }
                ingestion(key, threads, seconds, run);
                @SuppressWarnings("unchecked")
                Map<String, Object> figures = (Map<String, Object>) results.get(key);
                long peak = runServer.residentMiB()[0];
                figures.put("server_peak_rss_mib", peak);
                ingestionPeakRss = Math.max(ingestionPeakRss, peak);
                endClient();
            }
        } finally {
            base = shared;
        }
    }

    /** With several rounds, a run's figures are those of its median round by events/s (the rounds stay listed). */
    @SuppressWarnings("unchecked")
    private void medianOfRounds(String key, int rounds) {
        if (rounds == 1) {
            return;
        }
        List<Map<String, Object>> all = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            all.add((Map<String, Object>) results.get(key + "_round" + round));
        }
        List<Map<String, Object>> sorted = new ArrayList<>(all);
        sorted.sort(java.util.Comparator.comparingDouble(m -> ((Number) m.get("events_per_second")).doubleValue()));
        results.put(key, sorted.get(sorted.size() / 2));
        report(String.format(Locale.ROOT, "%s: median of %d rounds %.0f events/s (rounds: %s)", key, rounds,
                ((Number) sorted.get(sorted.size() / 2).get("events_per_second")).doubleValue(),
                all.stream().map(m -> String.format(Locale.ROOT, "%.0f",
                        ((Number) m.get("events_per_second")).doubleValue())).toList()));
    }

    private void ingestion(String key, int threads, int seconds, IngestionRun run) throws Exception {
        EventMix mix = run.mix();
        Stats stats = new Stats();
        AtomicLong events = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong posts = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> clients = new ArrayList<>();
        HealthProbe health = HealthProbe.start(base);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int client = t;
            clients.add(pool.submit(() -> {
                long sequence = 0;
                List<String> previous = List.of();
                while (System.nanoTime() < deadline) {
                    List<String> ids = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        // 1% duplicates: re-send ids of the previous batch.
                        ids.add(i % 100 == 0 && !previous.isEmpty() ? previous.get(i) : key + client + "-" + sequence++);
                    }
                    String body = run.batch(ids);
                    long t0 = System.nanoTime();
                    LoopbackHttp.Response reply = post(body);
                    posts.incrementAndGet();
                    while (reply.status() == 503 && System.nanoTime() < deadline) {
                        busy.incrementAndGet();
                        Thread.sleep(1000L * Integer.parseInt(reply.headers().getOrDefault("retry-after", "1")));
                        t0 = System.nanoTime();
                        reply = post(body);
                        posts.incrementAndGet();
                    }
                    if (reply.status() == 503) {
                        busy.incrementAndGet();
                        break;
                    }
                    stats.add(System.nanoTime() - t0);
                    events.addAndGet(BATCH);
                    duplicates.addAndGet(Long.parseLong(reply.body()
                            .replaceAll(".*\"duplicates\"\\s*:\\s*(\\d+).*", "$1")));
                    previous = ids;
                }
                endClient();
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - start) / 1e9;
        HealthProbe.Seen healthz = health.stop();
        double rate = events.get() / elapsed;
        double busyShare = posts.get() == 0 ? 0 : (double) busy.get() / posts.get();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events_mix", mix.name().toLowerCase(Locale.ROOT));
        figures.put("accounts", run.accounts());
        figures.put("token_kinds", run.llm());
        figures.put("threads", threads);
        figures.put("seconds", elapsed);
        figures.put("events", events.get());
        figures.put("duplicates", duplicates.get());
        figures.put("events_per_second", rate);
        figures.put("batch_p50_ms", stats.percentileMillis(0.5));
        figures.put("batch_p99_ms", stats.percentileMillis(0.99));
        figures.put("busy_share", busyShare);
        figures.put("healthz_probes", healthz.micros().size());
        figures.put("healthz_failures", healthz.failures().size());
        figures.put("healthz_p99_ms", healthz.percentileMillis(0.99));
        figures.put("healthz_max_ms", healthz.percentileMillis(1.0));
        results.put(key, figures);
        report(String.format(Locale.ROOT,
                "%s (%s events): %d clients, %.0f events/s (%d events, %d duplicates in %.1f s), batch p50 %.1f ms,"
                        + " p99 %.1f ms; 503 Server busy %.1f %% of %d posts; /healthz alongside p99 %.2f ms,"
                        + " max %.2f ms", key, run, threads, rate, events.get(),
                duplicates.get(), elapsed, stats.percentileMillis(0.5), stats.percentileMillis(0.99),
                100 * busyShare, posts.get(), healthz.percentileMillis(0.99), healthz.percentileMillis(1.0)));
    }

    private LoopbackHttp.Response post(String body) {
        LoopbackHttp.Response response = client().send("POST", "/v1/usage/events", ingest, body);
        if (response.status() != 200 && response.status() != 503) {
            throw new IllegalStateException("POST /v1/usage/events answered " + response.status() + ": "
                    + response.body());
        }
        return response;
    }

    /** The same kind of rows written with COPY straight into a copy of the raw events table: the floor. */
    private void ingestionFloor(String url, List<IngestionRun> runs) throws Exception {
        int rows = 200_000;
        StringBuilder csv = new StringBuilder();
        Instant now = Instant.now();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String columns = FloorTable.COLUMNS;
        for (int i = 0; i < rows; i++) {
            csv.append(FloorTable.row("floor-" + (i % 20), "f" + i, "inst-" + random.nextInt(50),
                    now.minusSeconds(random.nextInt(86_400 * 30)), random.nextInt(1, 5000), 1,
                    random.nextInt(0, 10_000), "user-" + random.nextInt(1000))).append('\n');
        }
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_floor (LIKE " + FloorTable.RAW_TABLE + " INCLUDING ALL)");
            long t0 = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY bench_floor (" + columns + ") FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double rate = copied / elapsed;
            s.execute("DROP TABLE bench_floor");
            Map<String, Object> ratios = new LinkedHashMap<>();
            report(String.format(Locale.ROOT, "ingestion floor (COPY into %s): %.0f rows/s", FloorTable.RAW_TABLE,
                    rate));
            for (IngestionRun run : runs) {
                ratios.put(run.key(), rate(run.key()) / rate);
                report(String.format(Locale.ROOT, "    %-28s / floor = %.2f", run, rate(run.key()) / rate));
            }
            ratio(ratios, "many/1", "many/20", "many-new-users: one hot account / 20 accounts");
            ratio(ratios, "live+llm/20", "live/20", "with token kinds and models / without");
            results.put("ingestion_floor", Map.of("rows", copied, "rows_per_second", rate, "ratios", ratios));
        }
    }

    /**
     * Lets PostgreSQL catch up after bulk writes (VACUUM ANALYZE, CHECKPOINT), so that a read run measures the
     * reads, not the autovacuum and checkpoint the writes just before it set off: without this the 10^4 reads, which
     * come right after the ingestion run, were slower than the 10^6 ones.
     */
    private void settle(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, TestPostgres.USER, TestPostgres.PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE");
            try {
                s.execute("CHECKPOINT");
            } catch (SQLException e) {
                // needs a superuser or pg_checkpoint; without it the figures are only noisier
                System.out.println("benchmark: no CHECKPOINT (" + e.getMessage().lines().findFirst().orElse("") + ")");
            }
        }
    }

    /**
     * Puts {@code size} events in one account (over the last 30 days), with 20 instances and a monthly subscription
     * started {@link #PERIOD_DAYS_SO_FAR} days ago, so that its current period holds most of the events (one started
     * today would hold only today's, a thirtieth of them).
     */
    private void load(String account, long size, int threads) throws Exception {
        Instant started = Instant.now().minus(Duration.ofDays(PERIOD_DAYS_SO_FAR)).truncatedTo(ChronoUnit.SECONDS);
        send("POST", "/v1/admin/accounts/" + account + "/subscriptions", admin,
                "{\"tier_id\": \"bench\", \"started_at\": \"" + started + "\"}");
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> parts = new ArrayList<>();
        long batches = size / BATCH;
        AtomicLong next = new AtomicLong();
        for (int t = 0; t < threads; t++) {
            parts.add(pool.submit(() -> {
                for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                    List<String> ids = new ArrayList<>(BATCH);
                    for (int i = 0; i < BATCH; i++) {
                        ids.add("L" + (b * BATCH + i));
                    }
                    send("POST", "/v1/usage/events", ingest, readAccountBatch(account, ids));
                }
                endClient();
                return null;
            }));
        }
        for (Future<?> f : parts) {
            f.get();
        }
        pool.shutdown();
        report(String.format(Locale.ROOT, "loaded %,d events into %s in %.1f s", size, account,
                (System.nanoTime() - t0) / 1e9));
    }

    /**
     * {@code accounts} accounts on a plan of 1,000 tokens each get one batch of 900 (past the 80 % threshold), one
     * after the other, with a webhook endpoint subscribed: the time from the batch's 200 to the alert's arrival at a
     * loopback receiver (the outbox, the dispatcher's poll, the signed POST). Ingestion itself ran with the threshold
     * step all along (default thresholds), endpoint or not.
     */
    private void alertLatency(AlertLatency receiver, int accounts) throws Exception {
        if (accounts <= 0) {
            return;
        }
        send("PUT", "/v1/admin/tiers/bench-alerts", admin, """
                {"tier_slug": "bench-alerts", "product_name": "Bench", "plan_name": "Alerts", "price_cents": 0,
                 "billing_cycle": "monthly", "trial_days": 0, "token_allowance": 1000, "api_call_limit": 1000000,
                 "conversation_limit": 1000, "instance_limit": 50, "max_sites_per_node": 1}""");
        send("PUT", "/v1/admin/webhooks/bench", admin, "{\"url\": \"" + receiver.url() + "\", \"secret\": \"whsec_"
                + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "\", \"event_types\":"
                + " [\"usage.threshold_reached\"]}");
        Stats latency = new Stats();
        int missing = 0;
        for (int i = 0; i < accounts; i++) {
            String account = "alert-" + i;
            send("POST", "/v1/admin/accounts/" + account + "/subscriptions", admin, "{\"tier_id\": \"bench-alerts\"}");
            String event = "{\"events\": [{\"event_id\": \"a" + i + "\", \"account_id\": \"" + account
                    + "\", \"instance_id\": \"inst-0\", \"occurred_at\": \""
                    + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\", \"tokens\": 900}]}";
            send("POST", "/v1/usage/events", ingest, event);
            long answered = System.nanoTime();
            Long arrived = receiver.awaitFirst(account, 30_000);
            if (arrived == null) {
                missing++;
            } else {
                latency.add(arrived - answered);
            }
        }
        send("DELETE", "/v1/admin/webhooks/bench", admin, null);
        results.put("alert_delivery", Map.of("alerts", accounts, "missing", missing,
                "p50_ms", latency.percentileMillis(0.5), "p99_ms", latency.percentileMillis(0.99),
                "max_ms", latency.percentileMillis(1.0)));
        report(String.format(Locale.ROOT, "alert delivery (%d crossings, one at a time): answer to arrival p50 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms; %d not delivered within 30 s", accounts, latency.percentileMillis(0.5),
                latency.percentileMillis(0.99), latency.percentileMillis(1.0), missing));
    }

    /**
     * A year of the account's usage by day and instance as CSV (366 days, ending today in UTC): time to the last
     * byte, size, and the server's heap right after, to see that a long range is streamed rather than built.
     */
    private void export(String account, String token, long size) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String path = "/v1/billing/usage/export?from=" + today.minusDays(365) + "&to=" + today
                + "&group_by=day,instance&format=csv";
        long t0 = System.nanoTime();
        LoopbackHttp.Response response = client().send("GET", path, token, null);
        double millis = (System.nanoTime() - t0) / 1e6;
        if (response.status() != 200) {
            report(String.format(Locale.ROOT, "export @%d events not answered: %d", size, response.status()));
            return;
        }
        long rows = response.body().lines().count() - 1;
        String heap = heapFromMetrics();
        long[] rss = server.residentMiB();
        @SuppressWarnings("unchecked")
        List<Object> exports = (List<Object>) results.computeIfAbsent("exports", k -> new ArrayList<>());
        exports.add(Map.of("what", "export 366 days by day,instance CSV @" + size + " events", "last_byte_ms", millis,
                "rows", rows, "bytes", response.body().length(), "heap_used_mib_after", heap,
                "peak_rss_mib_so_far", rss[0]));
        report(String.format(Locale.ROOT, "export 366 days day,instance CSV @%d events: %d rows, %d bytes, last byte"
                + " after %.1f ms; heap used after %s MiB, peak RSS so far %d MiB", size, rows,
                response.body().length(), millis, heap, rss[0]));
    }

    /**
     * {@code concurrency} clients repeating one GET for {@code seconds}: requests/s and p50 (ms), or null when the
     * server does not answer the path (a read measured before the endpoint existed).
     */
    private double[] read(String path, String token, int concurrency, int seconds, String label) throws Exception {
        LoopbackHttp.Response probe = client().send("GET", path, token, null);
        if (probe.status() >= 300) {
            report(String.format(Locale.ROOT, "%-55s not answered: %d", label, probe.status()));
            return null;
        }
        // Warm up first, at the run's own concurrency: the 10^4 account is the first to be read, and unwarmed it
        // measured the JIT compiling the read path (twice the 10^6 account's latency).
        clients(concurrency, WARM_UP, () -> send("GET", path, token, null));
        Stats stats = new Stats();
        long start = System.nanoTime();
        clients(concurrency, Duration.ofSeconds(seconds), () -> {
            long t0 = System.nanoTime();
            send("GET", path, token, null);
            stats.add(System.nanoTime() - t0);
        });
        double rps = stats.count() / ((System.nanoTime() - start) / 1e9);
        @SuppressWarnings("unchecked")
        List<Object> reads = (List<Object>) results.computeIfAbsent("reads", k -> new ArrayList<>());
        reads.add(Map.of("what", label, "concurrency", concurrency, "requests_per_second", rps,
                "p50_ms", stats.percentileMillis(0.5), "p99_ms", stats.percentileMillis(0.99)));
        report(String.format(Locale.ROOT, "%-55s c=%-2d %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms", label,
                concurrency, rps, stats.percentileMillis(0.5), stats.percentileMillis(0.99)));
        return new double[] {rps, stats.percentileMillis(0.5)};
    }

    /** {@code concurrency} client threads, each repeating {@code request} until {@code duration} has passed. */
    private void clients(int concurrency, Duration duration, Runnable request) throws Exception {
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            clients.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    request.run();
                }
                endClient();
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
    }

    /**
     * A batch of {@code ids} of a read account: all of {@code account} over 20 instances in the
     * {@link EventMix#BACKFILL backfill} mix, with models and token kinds (so the chart's model filter has work).
     */
    private static String readAccountBatch(String account, List<String> ids) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder body = new StringBuilder(ids.size() * 320).append("{\"events\":[");
        for (int i = 0; i < ids.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            EventMix.BACKFILL.append(body, ids.get(i), account, 20, now, true);
        }
        return body.append("]}").toString();
    }

    /** Records and prints rate(a) / rate(b) when both runs ran. */
    private void ratio(Map<String, Object> ratios, String a, String b, String label) {
        String keyA = IngestionRun.parseAll(a).get(0).key();
        String keyB = IngestionRun.parseAll(b).get(0).key();
        if (results.containsKey(keyA) && results.containsKey(keyB)) {
            double value = rate(keyA) / rate(keyB);
            ratios.put(a + " / " + b, value);
            report(String.format(Locale.ROOT, "    %s: %.2f", label, value));
        }
    }

    @SuppressWarnings("unchecked")
    private double rate(String key) {
        return ((Number) ((Map<String, Object>) results.get(key)).get("events_per_second")).doubleValue();
    }

    private LoopbackHttp client() {
        LoopbackHttp http = connection.get();
        if (http == null) {
            http = new LoopbackHttp(base);
            connection.set(http);
        }
        return http;
    }

    private String send(String method, String path, String token, String body) {
        LoopbackHttp.Response response = client().send(method, path, token, body);
        if (response.status() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.status() + ": "
                    + response.body());
        }
        return response.body();
    }

    /** Closes the calling client thread's connection, so that runs do not leave idle ones open on the server. */
    private void endClient() {
        LoopbackHttp http = connection.get();
        if (http != null) {
            http.close();
            connection.remove();
        }
    }

    private String heapFromMetrics() {
        String metrics = send("GET", "/metrics", null, null);
        double heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        return heap == 0 ? "n/a" : String.format(Locale.ROOT, "%.0f", heap / (1024 * 1024));
    }
}

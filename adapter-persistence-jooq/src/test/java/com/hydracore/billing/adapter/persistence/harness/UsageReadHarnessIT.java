package com.hydracore.billing.adapter.persistence.harness;

import com.hydracore.billing.adapter.persistence.cache.CachedSubscriptionStore;
import com.hydracore.billing.adapter.persistence.cache.CachedTierCatalog;
import com.hydracore.billing.adapter.persistence.cache.PlanCache;
import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.application.BillingSettings;
import com.hydracore.billing.application.port.out.Inventory;
import com.hydracore.billing.application.port.out.SubscriptionStore;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.application.port.out.UsageSums;
import com.hydracore.billing.application.service.BillingReadService;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.period.BillingPeriod;
import com.hydracore.billing.domain.subscription.Subscription;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/** Throwaway: where the breakdown's time goes. Not committed. */
class UsageReadHarnessIT {

    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "llama-3.1-70b"};

    @Test
    void measure() throws Exception {
        long big = Long.getLong("harness.big", 200_000);
        String name = System.getProperty("harness.db", "harness_usage_read");
        boolean exists = Boolean.TRUE.equals(com.hydracore.billing.adapter.persistence.database.TestPostgres
                .class.getName() != null && existsDb(name));
        if (!exists) {
            com.hydracore.billing.adapter.persistence.database.TestPostgres.admin("CREATE DATABASE " + name);
        }
        BillingDatabase db = BillingDatabase.open(new com.hydracore.billing.adapter.persistence.database
                .DatabaseSettings(com.hydracore.billing.adapter.persistence.database.TestPostgres.urlOf(name),
                "postgres", "", java.nio.file.Files.createTempDirectory("h"), 10, Duration.ofSeconds(10)));
        Clock clock = Clock.systemUTC();
        Tier tier = new Tier("bench", "bench", "Bench", "Bench", 0, BillingCycle.MONTHLY, 0,
                new PlanLimits(1_000_000_000L, 1, 1000, 50, 1));
        if (!exists) db.catalog().save(tier);
        PlanCache plans = new PlanCache(Duration.ofSeconds(5), clock);
        TierCatalog catalog = CachedTierCatalog.over(db.catalog(), plans);
        SubscriptionStore subs = CachedSubscriptionStore.over(db.subscriptions(), plans);
        Instant started = Instant.now().minus(Duration.ofDays(27)).truncatedTo(ChronoUnit.SECONDS);
        if (!exists) {
        for (String a : List.of("small", "big")) {
            db.subscriptions().save(Subscription.start("s-" + a, a, tier, 0, started));
        }
        load(db, "small", 10_000);
        load(db, "big", big);
        }
        DSLContext dsl = TestDatabases.unguarded(db);
        dsl.execute("VACUUM ANALYZE");
        UsageSums sums = db.usageSums();
        Inventory inventory = db.inventory();
        BillingReadService service = new BillingReadService(catalog, subs, sums, inventory,
                BillingSettings.DEFAULTS, clock);
        BillingPeriod period = subs.forAccount("big").get(0).periodAt(BillingCycle.MONTHLY, clock.instant());
        System.out.println("HARNESS period " + period);
        BillingReadService paged = new BillingReadService(catalog, subs, sums, inventory, db.pageReads(),
                BillingSettings.DEFAULTS, clock);
        if (Boolean.getBoolean("harness.cpu")) {
            for (int round = 0; round < 2; round++) {
                for (String a : List.of("small", "big")) {
                    cpu(a + " OLD breakdown", () -> service.breakdown(a));
                    cpu(a + " NEW breakdown", () -> paged.breakdown(a));
                    cpu(a + " OLD overview", () -> service.overview(a));
                    cpu(a + " NEW overview", () -> paged.overview(a));
                    cpu(a + " floor: PK probe", () -> inventory.instance(a, "inst-0"));
                }
            }
            return;
        }
        if (Boolean.getBoolean("harness.profile")) {
            System.out.println("HARNESS profiling now " + ProcessHandle.current().pid());
            long until = System.nanoTime() + 30_000_000_000L;
            long calls = 0;
            while (System.nanoTime() < until) {
                paged.breakdown("big");
                calls++;
            }
            System.out.println("HARNESS profiled calls " + calls);
            return;
        }
        for (String a : List.of("small", "big")) {
            paired(a + " breakdown", () -> service.breakdown(a), () -> paged.breakdown(a));
            paired(a + " overview", () -> service.overview(a), () -> paged.overview(a));
            paired(a + " floor PK probe vs trial status", () -> inventory.instance(a, "inst-0"),
                    () -> service.trialStatus(a));
        }
        if (!service.breakdown("big").equals(paged.breakdown("big"))
                || !service.overview("big").equals(paged.overview("big"))) {
            throw new AssertionError("different answers");
        }
        System.out.println("HARNESS same answers");
    }

    private static boolean existsDb(String name) {
        try (var c = java.sql.DriverManager.getConnection(
                com.hydracore.billing.adapter.persistence.database.TestPostgres.ADMIN_URL, "postgres", "");
             var r = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
            return r.next();
        } catch (java.sql.SQLException e) {
            throw new RuntimeException(e);
        }
    }

    /** old and new alternated, 6 slices each at c=1 and at c=16, so the shared machine's load hits both alike. */
    private static void paired(String what, Supplier<?> old, Supplier<?> now) throws Exception {
        double[] one = new double[2];
        double[] many = new double[2];
        List<Supplier<?>> both = List.of(old, now);
        for (int i = 0; i < 300; i++) {
            old.get();
            now.get();
        }
        for (int slice = 0; slice < 6; slice++) {
            for (int k = 0; k < 2; k++) {
                Supplier<?> call = both.get(k);
                long t0 = System.nanoTime();
                int n = 300;
                for (int i = 0; i < n; i++) {
                    call.get();
                }
                one[k] += (System.nanoTime() - t0) / 1e6 / n / 6;
                many[k] += rate16(call, 500_000_000L) / 6;
            }
        }
        System.out.printf(Locale.ROOT, "HARNESS %-34s c=1 %.3f -> %.3f ms (x%.2f) · c=16 %.0f -> %.0f /s (x%.2f)%n",
                what, one[0], one[1], one[0] / one[1], many[0], many[1], many[1] / many[0]);
    }

    /** CPU per call at c=1: this thread's, this process's (GC, JIT included), and PostgreSQL's backends'. */
    private static void cpu(String what, Supplier<?> call) throws Exception {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        for (int i = 0; i < 500; i++) {
            call.get();
        }
        int n = 2000;
        long pg0 = postgresCpuNanos();
        long p0 = os.getProcessCpuTime();
        long t0 = threads.getCurrentThreadCpuTime();
        long w0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.get();
        }
        long wall = System.nanoTime() - w0;
        long thread = threads.getCurrentThreadCpuTime() - t0;
        long process = os.getProcessCpuTime() - p0;
        long pg = postgresCpuNanos() - pg0;
        System.out.printf(Locale.ROOT, "HARNESS %-28s per call: java thread %.3f ms, java process %.3f ms, "
                + "postgres %.3f ms, sum %.3f ms (wall %.3f)%n", what, thread / 1e6 / n, process / 1e6 / n,
                pg / 1e6 / n, (process + pg) / 1e6 / n, wall / 1e6 / n);
    }

    /** utime + stime of every PostgreSQL process (all backends, the checkpointer, …), from /proc. */
    private static long postgresCpuNanos() throws Exception {
        long ticks = 0;
        List<Long> pids = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(com.hydracore.billing.adapter.persistence.database
                .TestPostgres.ADMIN_URL, "postgres", "");
             var r = c.createStatement().executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = "
                     + "'harness_usage_read'")) {
            while (r.next()) {
                pids.add(r.getLong(1));
            }
        }
        {
            for (long pid : pids) {
                var dir = java.nio.file.Path.of("/proc/" + pid);
                try {
                    String stat = java.nio.file.Files.readString(dir.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                } catch (java.io.IOException e) {
                    // gone meanwhile
                }
            }
        }
        return ticks * 10_000_000L; // USER_HZ = 100
    }

    private static double rate16(Supplier<?> call, long nanos) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        AtomicLong done = new AtomicLong();
        long s0 = System.nanoTime();
        long end = s0 + nanos;
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    call.get();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return done.get() / ((System.nanoTime() - s0) / 1e9);
    }

    private static void time(String what, Supplier<?> call) throws Exception {
        for (int i = 0; i < 300; i++) {
            call.get();
        }
        int n = 1500;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.get();
        }
        double one = (System.nanoTime() - t0) / 1e6 / n;
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + 1_500_000_000L;
        long s0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    call.get();
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        double rate = done.get() / ((System.nanoTime() - s0) / 1e9);
        System.out.printf(Locale.ROOT, "HARNESS %-32s c=1 %.3f ms/call (%.0f/s) · c=16 %.0f/s%n", what, one,
                1000 / one, rate);
    }

    private static void load(BillingDatabase db, String account, long size) throws Exception {
        long t0 = System.nanoTime();
        int batch = 1000;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicLong next = new AtomicLong();
        List<Future<?>> fs = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int t = 0; t < 2; t++) {
            fs.add(pool.submit(() -> {
                for (long b = next.getAndIncrement(); b < size / batch; b = next.getAndIncrement()) {
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    List<UsageEvent> events = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++) {
                        int input = r.nextInt(1, 4000);
                        int output = r.nextInt(0, 1000);
                        events.add(new UsageEvent(account, "L" + (b * batch + i), "inst-" + r.nextInt(20),
                                now.minusSeconds(r.nextInt(86_400 * 30)), input + output, 1,
                                Money.parse("0.00" + r.nextInt(1000, 9999)), "user-" + r.nextInt(1000), null,
                                MODELS[r.nextInt(MODELS.length)], new TokenBreakdown(input, output,
                                r.nextInt(input / 2 + 1), r.nextInt(input / 4 + 1), r.nextInt(output + 1))));
                    }
                    db.ledger().append(events);
                    if (b % 50 == 0) {
                        db.inventory().registerDiscovered(java.util.Map.of(account,
                                events.stream().map(UsageEvent::instanceId).distinct().toList()));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "HARNESS loaded %d into %s in %.1f s%n", size, account,
                (System.nanoTime() - t0) / 1e9);
    }
}

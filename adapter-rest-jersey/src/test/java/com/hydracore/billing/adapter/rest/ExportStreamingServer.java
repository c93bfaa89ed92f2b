package com.hydracore.billing.adapter.rest;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.DayUsage;
import com.hydracore.billing.domain.usage.UsageMeasures;
import java.time.LocalDate;

/**
 * A server for {@link ExportStreamingTest}, run in a JVM of its own with a small heap: its export hands over
 * {@link #INSTANCES} instances' rows for every day of the range, made as they are asked for, far more bytes than the
 * heap holds. Prints its base URL and a token, then serves until its input closes.
 */
public final class ExportStreamingServer {

    /** Instances of the account, each with usage every day. */
    static final int INSTANCES = 6_000;

    private ExportStreamingServer() {
    }

    public static void main(String[] args) throws Exception {
        TestApi api = TestApi.start(real -> new UseCases(real.overview(), real.trialStatus(), real.usage(),
                real.chart(), real.recordUsage(), real.tiers(), real.subscriptions(), real.inventory(),
                real.webhooks(), (query, rows) -> {
                    UsageMeasures sums = new UsageMeasures(123_456, 100_000, 23_456, 1_000, 500, 100, 3,
                            Money.ofMicros(123_456));
                    for (LocalDate date : query.days().dates()) {
                        for (int i = 0; i < INSTANCES; i++) {
                            rows.accept(new DayUsage(date, String.format("instance-%05d", i), sums));
                        }
                    }
                }, real.quota(), real.holds()), () -> true);
        System.out.println(api.base);
        System.out.println(api.userToken("big"));
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the test closes our input
        }
        api.close();
    }
}

package com.hydracore.billing.bootstrap.benchmark;

import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the benchmark spreads its events over time, instances and end users: besides the code, what the ingestion
 * figures depend on most, since each (day, instance) and (month, instance, end user) a batch touches is a row to
 * write.
 */
enum EventMix {

    /**
     * An LLM router reporting as it goes: events from the last minute; each instance has its own 20 regular end
     * users, who make 90 % of its events, the other 10 % coming from any of the account's 1000 end users.
     */
    LIVE {
        @Override
        long secondsAgo(ThreadLocalRandom random) {
            return random.nextInt(60);
        }

        @Override
        int endUser(int instance, ThreadLocalRandom random) {
            return random.nextInt(10) < 9 ? instance * REGULARS + random.nextInt(REGULARS) : random.nextInt(END_USERS);
        }
    },

    /**
     * The worst case: a backfill of the last 30 days, every end user equally likely on every instance, so that
     * nearly every event is a new (day, instance) sum to update and a new (instance, end user) row.
     */
    BACKFILL {
        @Override
        long secondsAgo(ThreadLocalRandom random) {
            return random.nextInt(86_400 * 30);
        }

        @Override
        int endUser(int instance, ThreadLocalRandom random) {
            return random.nextInt(END_USERS);
        }
    };

    /** End users per account. */
    static final int END_USERS = 1000;
    private static final int REGULARS = 20;

    /** The mix named by {@code bench.events}: {@code live} (default) or {@code backfill}. */
    static EventMix named(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    abstract long secondsAgo(ThreadLocalRandom random);

    /** The end user (0 to {@link #END_USERS} − 1) of an event of instance {@code instance}. */
    abstract int endUser(int instance, ThreadLocalRandom random);

    /** Appends one event as JSON. */
    void append(StringBuilder body, String eventId, String account, int instances, Instant now) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int instance = random.nextInt(instances);
        body.append("{\"event_id\":\"").append(eventId).append("\",\"account_id\":\"").append(account)
                .append("\",\"instance_id\":\"inst-").append(instance)
                .append("\",\"occurred_at\":\"").append(now.minusSeconds(secondsAgo(random)))
                .append("\",\"tokens\":").append(random.nextInt(1, 5000))
                .append(",\"requests\":1,\"cost_usd\":\"0.00").append(random.nextInt(1000, 9999))
                .append("\",\"end_user_id\":\"user-").append(endUser(instance, random)).append("\"}");
    }
}

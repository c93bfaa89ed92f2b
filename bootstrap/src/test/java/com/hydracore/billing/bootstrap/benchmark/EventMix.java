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
    LIVE(1000) {
        @Override
        long secondsAgo(ThreadLocalRandom random) {
            return random.nextInt(60);
        }

        @Override
        int endUser(int instance, ThreadLocalRandom random) {
            return random.nextInt(10) < 9 ? instance * REGULARS + random.nextInt(REGULARS) : random.nextInt(endUsers);
        }
    },

    /**
     * An agent platform's users: many and mostly new each day. Events of the last hour, every one of the account's
     * 5,000 end users equally likely on every instance, so that nearly every event is a new per-instance and
     * per-account end-user row.
     */
    MANY(5000) {
        @Override
        long secondsAgo(ThreadLocalRandom random) {
            return random.nextInt(3600);
        }

        @Override
        int endUser(int instance, ThreadLocalRandom random) {
            return random.nextInt(endUsers);
        }
    },

    /**
     * The worst case for the rollups: a backfill of the last 30 days, every end user equally likely on every
     * instance, so that nearly every event is a new (day, instance) sum to update and a new (instance, end user) row.
     */
    BACKFILL(1000) {
        @Override
        long secondsAgo(ThreadLocalRandom random) {
            return random.nextInt(86_400 * 30);
        }

        @Override
        int endUser(int instance, ThreadLocalRandom random) {
            return random.nextInt(endUsers);
        }
    };

    /** The models an event with token kinds names; the read accounts' chart is filtered by the first. */
    static final String[] MODELS = {"gpt-4o", "gpt-4o-mini", "claude-sonnet-4", "llama-3.1-70b"};
    private static final int REGULARS = 20;

    /** End users per account. */
    final int endUsers;

    EventMix(int endUsers) {
        this.endUsers = endUsers;
    }

    /** The mix named {@code live}, {@code many} or {@code backfill}. */
    static EventMix named(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    abstract long secondsAgo(ThreadLocalRandom random);

    /** The end user (0 to {@link #endUsers} − 1) of an event of instance {@code instance}. */
    abstract int endUser(int instance, ThreadLocalRandom random);

    /**
     * Appends one event as JSON; with {@code llm}, also what the call consumed (a model and the token kinds, whose
     * input and output add up to {@code tokens}, as API §4 requires).
     */
    void append(StringBuilder body, String eventId, String account, int instances, Instant now, boolean llm) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int instance = random.nextInt(instances);
        int input = random.nextInt(1, 4000);
        int output = random.nextInt(0, 1000);
        body.append("{\"event_id\":\"").append(eventId).append("\",\"account_id\":\"").append(account)
                .append("\",\"instance_id\":\"inst-").append(instance)
                .append("\",\"occurred_at\":\"").append(now.minusSeconds(secondsAgo(random)))
                .append("\",\"tokens\":").append(input + output)
                .append(",\"requests\":1,\"cost_usd\":\"0.00").append(random.nextInt(1000, 9999))
                .append("\",\"end_user_id\":\"user-").append(endUser(instance, random)).append('"');
        if (llm) {
            body.append(",\"model\":\"").append(MODELS[random.nextInt(MODELS.length)])
                    .append("\",\"input_tokens\":").append(input)
                    .append(",\"output_tokens\":").append(output)
                    .append(",\"cached_input_tokens\":").append(random.nextInt(input / 2 + 1))
                    .append(",\"cache_write_tokens\":").append(random.nextInt(input / 4 + 1))
                    .append(",\"reasoning_tokens\":").append(random.nextInt(output + 1));
        }
        body.append('}');
    }
}

package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.domain.usage.UsageEvent;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The keys of the usage tables' rows, each ordered as its table's primary key, so that every writer writes rows in
 * the same order and concurrent appends cannot deadlock. An {@code instanceId} is null in an account-wide table; keys
 * are only ever compared with keys of the same table, so either both or neither have one.
 *
 * <p>Comparisons, equality and hash codes are spelled out: the same with {@code Comparator.comparing(…)} and the
 * records' generated methods (method handles) were a tenth of a grouped write's CPU in JFR.
 */
final class UsageKeys {

    private UsageKeys() {
    }

    /**
     * Folds {@code next} into the hash {@code h} with a large odd multiplier (the golden ratio's, as Fibonacci hashing
     * uses). With 31 the characters' weights of one field overlapped the next field's, so ids alike but for their
     * last characters met: the benchmark's million month rows (20 accounts, 50 instances, 1000 end users) had 107,800
     * hash codes, and the month rows' cache compared key after key in its bins ({@code equals} topped the writer's
     * JFR samples); with this multiplier they have a million.
     */
    static int mix(int h, int next) {
        return h * 0x9E3779B9 + next;
    }

    /**
     * {@code a.compareTo(b)}, at once when both are the same object: a batch's rollup makes its names one object per
     * value ({@link BatchRollup#of}), so sorting its rows mostly meets names it need not read.
     */
    static int compare(String a, String b) {
        return a == b ? 0 : a.compareTo(b);
    }

    /** An event's identity: its account and its id. */
    record EventKey(String accountId, String eventId) {
        static EventKey of(UsageEvent e) {
            return new EventKey(e.accountId(), e.eventId());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof EventKey k && eventId.equals(k.eventId) && accountId.equals(k.accountId);
        }

        @Override
        public int hashCode() {
            return 31 * accountId.hashCode() + eventId.hashCode();
        }
    }

    /**
     * A sums row: account, bucket (a UTC epoch day or a quarter hour's index, as its table's grain), block of the day
     * (a {@code usage_day_block} row's {@code block_end}; 0 elsewhere), instance and model (null where the table has
     * no such column; a model key column's "no model" is the empty string).
     */
    record SumsKey(String accountId, long bucket, int block, String instanceId, String model)
            implements Comparable<SumsKey> {

        /** A row of a table without blocks. */
        SumsKey(String accountId, long bucket, String instanceId, String model) {
            this(accountId, bucket, 0, instanceId, model);
        }

        /** A row of a UTC-day table without a model. */
        static SumsKey ofDay(String accountId, LocalDate day, String instanceId) {
            return new SumsKey(accountId, day.toEpochDay(), instanceId, null);
        }

        @Override
        public int compareTo(SumsKey other) {
            int c = compare(accountId, other.accountId);
            if (c == 0) {
                c = Long.compare(bucket, other.bucket);
            }
            if (c == 0) {
                c = Integer.compare(block, other.block);
            }
            if (c == 0 && instanceId != null) {
                c = compare(instanceId, other.instanceId);
            }
            return c != 0 || model == null ? c : compare(model, other.model);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SumsKey k && bucket == k.bucket && block == k.block && accountId.equals(k.accountId)
                    && Objects.equals(instanceId, k.instanceId) && Objects.equals(model, k.model);
        }

        @Override
        public int hashCode() {
            return mix(mix(mix(mix(accountId.hashCode(), Long.hashCode(bucket)), block), Objects.hashCode(instanceId)),
                    Objects.hashCode(model));
        }
    }

    /**
     * A month row of a distinct dimension: account, month ({@code yyyymm}), instance, the id counted (an end user).
     * {@code table} names the table it belongs to, so rows of two dimensions never meet as equal keys.
     */
    record MonthRowKey(String table, String accountId, int month, String instanceId, String id)
            implements Comparable<MonthRowKey> {
        @Override
        public int compareTo(MonthRowKey other) {
            int c = compare(accountId, other.accountId);
            if (c == 0) {
                c = Integer.compare(month, other.month);
            }
            if (c == 0 && instanceId != null) {
                c = compare(instanceId, other.instanceId);
            }
            return c != 0 ? c : compare(id, other.id);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MonthRowKey k && month == k.month && id.equals(k.id) && accountId.equals(k.accountId)
                    && Objects.equals(instanceId, k.instanceId) && table.equals(k.table);
        }

        @Override
        public int hashCode() {
            return mix(mix(mix(accountId.hashCode(), month), Objects.hashCode(instanceId)), id.hashCode());
        }
    }

    /** A last-day row of a distinct dimension: account, instance, the id counted. */
    record LastDayKey(String accountId, String instanceId, String id) implements Comparable<LastDayKey> {
        @Override
        public boolean equals(Object o) {
            return o instanceof LastDayKey k && id.equals(k.id) && accountId.equals(k.accountId)
                    && Objects.equals(instanceId, k.instanceId);
        }

        @Override
        public int hashCode() {
            return mix(mix(accountId.hashCode(), Objects.hashCode(instanceId)), id.hashCode());
        }

        @Override
        public int compareTo(LastDayKey other) {
            int c = compare(accountId, other.accountId);
            if (c == 0 && instanceId != null) {
                c = compare(instanceId, other.instanceId);
            }
            return c != 0 ? c : compare(id, other.id);
        }
    }

    /** A count row of a distinct dimension: account, last day ({@code yyyymmdd}), instance. */
    record CountKey(String accountId, int day, String instanceId) implements Comparable<CountKey> {
        @Override
        public int compareTo(CountKey other) {
            int c = compare(accountId, other.accountId);
            if (c == 0) {
                c = Integer.compare(day, other.day);
            }
            return c != 0 || instanceId == null ? c : compare(instanceId, other.instanceId);
        }
    }
}

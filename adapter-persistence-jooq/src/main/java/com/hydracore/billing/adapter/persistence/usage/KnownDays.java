package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The days some month rows of one distinct scope are known to hold, from appends this process committed: a fixed
 * table of {@link #SLOTS} slots, each holding one row and its days, where a row learnt takes the slot its hash picks
 * from whatever row held it.
 *
 * <p>What it holds only has to be true, never complete: days are only ever added to an id's month, so a row sent
 * because it was forgotten (or never learnt) is checked by the database as before. That is why a slot can simply be
 * overwritten, and why two appends learning the same row at once may keep either's days: each is true. A bounded
 * cache with an eviction policy (Caffeine, before) admitted, weighed and evicted every new row, only for it to be
 * asked about never again when most rows are new (an agent platform's users, the {@code many} mix): JFR put a
 * seventh of a grouped write's Java samples there, though the server's CPU per event did not measurably fall
 * without it (benchmark.md, session 12). Each scope has its own table, so a flood of new instance–user pairs does
 * not push out the account's ids, which come back all day.
 */
final class KnownDays {

    /** Rows kept per scope: about 110 bytes each (the key's id and the slot's entry), so some 15 MB at most. */
    static final int SLOTS = 1 << 17;

    private static final int SHIFT = Integer.SIZE - Integer.numberOfTrailingZeros(SLOTS);

    private record Known(MonthRowKey row, long days) {
    }

    private final AtomicReferenceArray<Known> slots = new AtomicReferenceArray<>(SLOTS);

    /** Whether {@code row} is known to hold every one of {@code days} already. */
    boolean holds(MonthRowKey row, long days) {
        Known known = slots.get(slot(row));
        return known != null && (known.days | days) == known.days && known.row.equals(row);
    }

    /** Learns that {@code row} holds {@code days} (committed), with what was known of it. */
    void learn(MonthRowKey row, long days) {
        int slot = slot(row);
        Known known = slots.get(slot);
        if (known != null && known.row.equals(row)) {
            if ((known.days | days) != known.days) {
                slots.set(slot, new Known(known.row, known.days | days));
            }
        } else {
            slots.set(slot, new Known(row, days));
        }
    }

    /** The slot of {@code row}: the top bits of its hash spread again (Fibonacci hashing). */
    private static int slot(MonthRowKey row) {
        return (row.hashCode() * 0x9E3779B9) >>> SHIFT;
    }
}

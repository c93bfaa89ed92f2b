package com.hydracore.billing.adapter.persistence.usage;

/**
 * Which keys were offered before, approximately and in fixed memory: one hash code per slot, the slot chosen by the
 * hash code. A key may be taken for another whose hash code it shares, or forgotten once another key took its slot;
 * so it suits a question whose wrong answer only costs time, never correctness.
 *
 * <p>It keeps the month rows' known-days cache ({@link PostgresUsageWriter}) for ids seen in two appends: an agent
 * platform's users are mostly new each day, and a cache admitting every new id spent a seventh of a grouped write's
 * CPU (JFR, the benchmark's {@code many} mix) evicting ids it would never be asked about again.
 */
final class SeenBefore {

    private final int[] slots;
    private final int shift;

    /** Room for {@code 2^bits} keys. */
    SeenBefore(int bits) {
        if (bits < 1 || bits > 30) {
            throw new IllegalArgumentException("bits must be 1 to 30: " + bits);
        }
        this.slots = new int[1 << bits];
        this.shift = 32 - bits;
    }

    /**
     * Whether {@code key} was offered before (see above for how approximately), noting it.
     *
     * <p>Unsynchronised: threads offering at once can only lose a note or see one early, which is as approximate as
     * the answer already is; an int is written whole.
     */
    boolean offer(Object key) {
        int hash = key.hashCode();
        int mark = hash == 0 ? 1 : hash; // 0 is an empty slot
        int slot = (hash * 0x9E3779B9) >>> shift;
        if (slots[slot] == mark) {
            return true;
        }
        slots[slot] = mark;
        return false;
    }
}

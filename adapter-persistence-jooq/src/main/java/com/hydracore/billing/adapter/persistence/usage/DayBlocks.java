package com.hydracore.billing.adapter.persistence.usage;

import java.util.ArrayList;
import java.util.List;

/**
 * Blocks of a UTC day's 96 quarter hours, so that its first {@code k} quarter hours (the part of the day before a
 * local midnight at {@code k}) are a few rows of {@code usage_day_block}, not {@code k}: block {@code b} holds the
 * quarter hours {@code [b − lowbit(b), b)}, {@code lowbit(b)} being the largest power of two dividing {@code b} —
 * the nodes of a Fenwick tree over the day's quarter hours, seen as the first 96 of 128. The blocks kept are 1 to 95,
 * which the first {@code k} quarter hours are made of ({@code k}, {@code k − lowbit(k)}, …: one per bit of {@code k},
 * at most 6; 3 for Asia/Kolkata's 18:30Z, {@code k = 74}), and {@link #WHOLE_DAY}, so that one table answers a
 * zoned read. A quarter hour is in at most 8 of them. Pure Java.
 */
final class DayBlocks {

    /** Quarter hours in a UTC day. */
    static final int QUARTERS = 96;
    /** The block of the whole day: {@code [0, 128)}. */
    static final int WHOLE_DAY = 128;

    private DayBlocks() {
    }

    /** The blocks that together hold exactly the day's first {@code quarters} quarter hours (0 to 95), in any order. */
    static List<Integer> firstQuarters(int quarters) {
        if (quarters < 0 || quarters >= QUARTERS) {
            throw new IllegalArgumentException("not a quarter hour of a day: " + quarters);
        }
        List<Integer> blocks = new ArrayList<>();
        for (int b = quarters; b > 0; b -= Integer.lowestOneBit(b)) {
            blocks.add(b);
        }
        return blocks;
    }

    /**
     * The blocks holding the day's quarter hour {@code quarter} (0 to 95), in ascending order: the rows an event of it
     * adds to (the Fenwick update's path below 96, then the whole day).
     */
    static List<Integer> containing(int quarter) {
        if (quarter < 0 || quarter >= QUARTERS) {
            throw new IllegalArgumentException("not a quarter hour of a day: " + quarter);
        }
        List<Integer> blocks = new ArrayList<>();
        for (int b = quarter + 1; b < QUARTERS; b += Integer.lowestOneBit(b)) {
            blocks.add(b);
        }
        blocks.add(WHOLE_DAY);
        return blocks;
    }

    /** The first quarter hour of block {@code block}. */
    static int start(int block) {
        return block - Integer.lowestOneBit(block);
    }
}

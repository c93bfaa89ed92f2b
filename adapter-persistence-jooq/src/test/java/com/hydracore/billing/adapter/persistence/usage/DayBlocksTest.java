package com.hydracore.billing.adapter.persistence.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DayBlocksTest {

    @Test
    void theFirstQuartersOfADayAreTheirBlocksEachQuarterHourOnce() {
        for (int k = 0; k < 96; k++) {
            int[] covered = new int[96];
            for (int block : DayBlocks.firstQuarters(k)) {
                for (int q = DayBlocks.start(block); q < block; q++) {
                    covered[q]++;
                }
            }
            for (int q = 0; q < 96; q++) {
                assertEquals(q < k ? 1 : 0, covered[q], "quarter hour " + q + " in the first " + k);
            }
            assertTrue(DayBlocks.firstQuarters(k).size() <= 6, "at most 6 blocks: " + k);
        }
        assertEquals(List.of(74, 72, 64), DayBlocks.firstQuarters(74), "Asia/Kolkata's 18:30Z");
        assertEquals(List.of(73, 72, 64), DayBlocks.firstQuarters(73), "Asia/Kathmandu's 18:15Z");
        assertEquals(List.of(), DayBlocks.firstQuarters(0), "a UTC midnight");
    }

    @Test
    void aQuarterHourIsInExactlyTheBlocksThatHoldIt() {
        for (int q = 0; q < 96; q++) {
            List<Integer> holding = new ArrayList<>();
            for (int block = 1; block <= 128; block = block == 95 ? 128 : block + 1) {
                if (DayBlocks.start(block) <= q && q < block) {
                    holding.add(block);
                }
            }
            assertEquals(holding, DayBlocks.containing(q), "blocks of quarter hour " + q);
            assertTrue(holding.size() <= 8);
            assertTrue(holding.contains(DayBlocks.WHOLE_DAY), "the whole day holds quarter hour " + q);
        }
        assertEquals(List.of(1, 2, 4, 8, 16, 32, 64, 128), DayBlocks.containing(0));
        assertEquals(List.of(128), DayBlocks.containing(95), "the last quarter hour is in the whole day only");
    }

    @Test
    void onlyQuarterHoursOfADayHaveBlocks() {
        assertThrows(IllegalArgumentException.class, () -> DayBlocks.firstQuarters(96));
        assertThrows(IllegalArgumentException.class, () -> DayBlocks.containing(-1));
    }
}

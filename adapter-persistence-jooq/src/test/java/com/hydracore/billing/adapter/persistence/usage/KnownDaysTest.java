package com.hydracore.billing.adapter.persistence.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.persistence.usage.UsageKeys.MonthRowKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the writer may skip sending: only days a row was taught to hold, never more. */
class KnownDaysTest {

    private static MonthRowKey row(String account, String instance, String id) {
        return new MonthRowKey("usage_month_instance_end_user", account, 202603, instance, id);
    }

    @Test
    void aRowHoldsTheDaysItLearntAndNoOthers() {
        KnownDays known = new KnownDays();
        MonthRowKey alice = row("acme", "inst-a", "alice");
        assertFalse(known.holds(alice, 0b1));

        known.learn(alice, 0b101);
        assertTrue(known.holds(alice, 0b1));
        assertTrue(known.holds(alice, 0b101));
        assertFalse(known.holds(alice, 0b10), "a day it was never taught");
        assertFalse(known.holds(alice, 0b111), "one of the days not taught");
        assertFalse(known.holds(row("acme", "inst-b", "alice"), 0b1), "the same id on another instance");
        assertFalse(known.holds(new MonthRowKey("usage_month_instance_end_user", "acme", 202604, "inst-a", "alice"),
                0b1), "the same id in another month");

        known.learn(alice, 0b10);
        assertTrue(known.holds(alice, 0b111), "what it learns adds to what it knew");
    }

    @Test
    void manyMoreRowsThanSlotsNeverMakeARowHoldDaysItWasNotTaught() {
        KnownDays known = new KnownDays();
        Map<MonthRowKey, Long> taught = new HashMap<>();
        Random random = new Random(7);
        int rows = KnownDays.SLOTS * 3;
        for (int i = 0; i < rows * 2; i++) {
            MonthRowKey r = row("acct-" + random.nextInt(20), "inst-" + random.nextInt(50),
                    "user-" + random.nextInt(rows / 1000));
            long days = 1L << random.nextInt(31);
            known.learn(r, days);
            taught.merge(r, days, (a, b) -> a | b);
        }
        int held = 0;
        for (Map.Entry<MonthRowKey, Long> r : taught.entrySet()) {
            for (int day = 0; day < 31; day++) {
                long bit = 1L << day;
                if (known.holds(r.getKey(), bit)) {
                    assertEquals(bit, r.getValue() & bit, r.getKey() + " holds a day it was never taught");
                    held++;
                }
            }
        }
        assertTrue(held > KnownDays.SLOTS / 4, "the table still knows a good part of what fits in it: " + held);
    }
}

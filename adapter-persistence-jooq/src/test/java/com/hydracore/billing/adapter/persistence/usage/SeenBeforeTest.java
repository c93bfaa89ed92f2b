package com.hydracore.billing.adapter.persistence.usage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenBeforeTest {

    @Test
    void aKeyIsSeenBeforeFromItsSecondOfferOn() {
        SeenBefore seen = new SeenBefore(10);

        assertFalse(seen.offer("ann"));
        assertTrue(seen.offer("ann"));
        assertTrue(seen.offer(new String("ann")), "by equality, not identity");
        assertFalse(seen.offer("bob"));
    }

    @Test
    void aKeyWhoseSlotAnotherTookIsForgotten() {
        SeenBefore seen = new SeenBefore(1); // two slots
        String[] keys = {"a", "b", "c", "d"};
        for (String key : keys) {
            seen.offer(key);
        }
        int remembered = 0;
        for (String key : keys) {
            remembered += seen.offer(key) ? 1 : 0;
        }

        assertTrue(remembered < keys.length, "two slots cannot hold four keys");
    }

    @Test
    void itsSizeIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new SeenBefore(0));
        assertThrows(IllegalArgumentException.class, () -> new SeenBefore(31));
    }
}

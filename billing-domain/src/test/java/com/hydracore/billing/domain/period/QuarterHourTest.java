package com.hydracore.billing.domain.period;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuarterHourTest {

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @ParameterizedTest(name = "{0} is in the bucket of {1}")
    @CsvSource({
        "2026-11-24T09:30:00Z,            2026-11-24T09:30:00Z",
        "2026-11-24T09:44:59.999999999Z,  2026-11-24T09:30:00Z",
        "2026-11-24T09:45:00Z,            2026-11-24T09:45:00Z",
        "2026-11-24T00:00:00.000000001Z,  2026-11-24T00:00:00Z",
        "1969-12-31T23:59:59Z,            1969-12-31T23:45:00Z",
        "1969-12-31T23:45:00Z,            1969-12-31T23:45:00Z",
    })
    void anInstantFallsInTheBucketItsUtcTimeFloorsTo(String instant, String bucketStart) {
        assertEquals(new QuarterHour(at(bucketStart)), QuarterHour.containing(at(instant)));
    }

    @Test
    void aBucketLastsFifteenMinutesAndHoldsItsStartButNotItsEnd() {
        QuarterHour bucket = new QuarterHour(at("2026-11-24T09:30:00Z"));

        assertEquals(at("2026-11-24T09:45:00Z"), bucket.end());
        assertEquals(Duration.ofMinutes(15), Duration.between(bucket.start(), bucket.end()));
        assertTrue(bucket.contains(bucket.start()));
        assertTrue(bucket.contains(bucket.end().minusNanos(1)));
        assertFalse(bucket.contains(bucket.end()));
        assertFalse(bucket.contains(bucket.start().minusNanos(1)));
        assertEquals(new QuarterHour(bucket.end()), bucket.next());
    }

    @Test
    void aBucketStartsOnTheGridOrNotAtAll() {
        assertThrows(IllegalArgumentException.class, () -> new QuarterHour(at("2026-11-24T09:31:00Z")));
        assertThrows(IllegalArgumentException.class, () -> new QuarterHour(at("2026-11-24T09:30:00.5Z")));
        assertThrows(IllegalArgumentException.class, () -> new QuarterHour(at("1969-12-31T23:50:00Z")));
        assertThrows(NullPointerException.class, () -> new QuarterHour(null));
    }

    @Test
    void theIndexCountsBucketsFromTheEpochBothWays() {
        assertEquals(0, QuarterHour.containing(Instant.EPOCH).index());
        assertEquals(-1, QuarterHour.containing(at("1969-12-31T23:59:59Z")).index());
        assertEquals(96, QuarterHour.containing(at("1970-01-02T00:00:00Z")).index());
        Random random = new Random(15);
        for (int i = 0; i < 10_000; i++) {
            long index = random.nextInt() * 16L;
            assertEquals(index, QuarterHour.ofIndex(index).index());
        }
    }

    @Test
    void bucketsAreOrderedByTime() {
        QuarterHour early = QuarterHour.containing(at("2026-11-24T09:30:00Z"));

        assertTrue(early.compareTo(early.next()) < 0);
        assertEquals(0, early.compareTo(QuarterHour.containing(at("2026-11-24T09:44:00Z"))));
    }
}

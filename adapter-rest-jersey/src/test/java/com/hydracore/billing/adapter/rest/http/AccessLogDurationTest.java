package com.hydracore.billing.adapter.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The access log's duration_ms: milliseconds rounded half up to one decimal, as {@code %.1f} printed them. */
class AccessLogDurationTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0.0",
            "49999, 0.0",
            "50000, 0.1",
            "1000000, 1.0",
            "12345678, 12.3",
            "12350000, 12.4",
            "999950000, 1000.0",
            "61234567890, 61234.6"})
    void printsMillisecondsWithOneDecimal(long nanos, String expected) {
        assertEquals(expected, Observability.milliseconds(Duration.ofNanos(nanos)));
    }
}

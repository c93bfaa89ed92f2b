package com.hydracore.billing.adapter.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hydracore.billing.domain.validation.Violation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Date-times are built from their digits rather than parsed by {@code DateTimeFormatter}: they must accept and refuse
 * exactly what {@code ISO_OFFSET_DATE_TIME} would, for every form the RFC 3339 pattern lets through.
 */
class FieldReaderDateTimeTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-11-24T09:30:00Z", "2026-11-24t09:30:00z", "2026-11-24 09:30:00Z", "2026-11-24T09:30:00.5Z",
        "2026-11-24T09:30:00.123456789+05:30", "2026-11-24T23:59:59.999-00:00", "2026-11-24T00:00:00-18:00",
        "2026-11-24T00:00:00+18:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "2024-02-29T12:00:00+01:00", "2026-01-31T12:00:00-09:45",
        // refused by both
        "2026-02-29T12:00:00Z", "2026-04-31T12:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
        "2026-11-00T00:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T23:60:00Z", "2026-11-24T23:59:60Z",
        "2026-11-24T10:00:00+18:01", "2026-11-24T10:00:00+19:00", "2026-11-24T10:00:00+05:60",
        "2026-11-24T10:00:00-18:30"})
    void acceptsAndRefusesWhatTheIsoFormatterDoes(String text) {
        ObjectNode event = JsonNodeFactory.instance.objectNode().put("occurred_at", text);
        List<Violation> problems = new ArrayList<>();

        Instant read = new FieldReader(event, List.of("events", 0), problems).requiredDateTime("occurred_at");

        Instant expected = iso(text);
        assertEquals(expected, read);
        assertEquals(expected == null ? 1 : 0, problems.size(), () -> problems.toString());
    }

    private static Instant iso(String text) {
        String normalized = (text.substring(0, 10) + "T" + text.substring(11)).replace('z', 'Z');
        try {
            return OffsetDateTime.parse(normalized, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

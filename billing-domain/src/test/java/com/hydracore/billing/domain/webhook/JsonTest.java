package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertEquals("\"a\\\"b\\\\c\"", Json.write("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\"", Json.write("\n\r\t\b\f"));
        assertEquals("\"\\u0001\\u001f\"", Json.write("\u0001\u001f"));
        assertEquals("\"\\u2028\\u2029\"", Json.write("\u2028\u2029"));
    }

    @Test
    void otherCharactersAreWrittenAsTheyAre() {
        assertEquals("\"é ✓ 𝄞 / < > & ' \u007f\"", Json.write("é ✓ 𝄞 / < > & ' \u007f"));
    }

    @Test
    void textThatIsNotValidUnicodeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.write("\ud800"));
        assertThrows(IllegalArgumentException.class, () -> Json.write("a\u0000b"));
    }

    @Test
    void objectsKeepTheirFieldOrderAndNest() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1L);
        inner.put("a", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("type", "t");
        outer.put("n", Long.MAX_VALUE);
        outer.put("i", -3);
        outer.put("b", true);
        outer.put("data", inner);

        assertEquals("{\"type\":\"t\",\"n\":9223372036854775807,\"i\":-3,\"b\":true,\"data\":{\"z\":1,\"a\":null}}",
                Json.write(outer));
    }

    @Test
    void instantsAreRfc3339UtcSeconds() {
        assertEquals("\"2026-11-24T09:30:00Z\"", Json.write(Instant.parse("2026-11-24T09:30:00.987Z")));
        assertEquals("2026-01-01T00:00:00Z", Json.instant(Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void listsAreArrays() {
        assertEquals("[\"a\",1,null]", Json.write(Arrays.asList("a", 1, null)));
        assertEquals("[]", Json.write(List.of()));
    }

    @Test
    void valuesWithoutAJsonFormAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(1.5));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}

package com.hydracore.billing.adapter.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** What parsing one body may cost: bounded by its tokens, since a tree costs memory per value, not per byte. */
class JsonBodyLimitsTest {

    @Test
    void aFullBatchWithEveryFieldTheContractNamesIsRead() {
        StringJoiner events = new StringJoiner(",", "{\"events\":[", "]}");
        for (int i = 0; i < 1000; i++) {
            events.add("{\"event_id\":\"e-" + i + "\",\"account_id\":\"a\",\"instance_id\":\"i\","
                    + "\"occurred_at\":\"2026-03-15T11:00:00Z\",\"tokens\":150,\"requests\":1,\"cost_usd\":\"0.01\","
                    + "\"end_user_id\":\"u\",\"conversation_id\":\"c\",\"model\":\"m\",\"input_tokens\":100,"
                    + "\"output_tokens\":50,\"cached_input_tokens\":10,\"cache_write_tokens\":5,"
                    + "\"reasoning_tokens\":20,\"reservation_id\":\"r\"}");
        }

        JsonNode body = JsonBody.parse(events.toString().getBytes(StandardCharsets.UTF_8));

        assertEquals(1000, body.get("events").size());
    }

    @Test
    void aBodyOfTinyValuesPastTheTokenLimitIs413BeforeItsTreeIsBuilt() {
        String manyObjects = "{\"events\":[" + "{},".repeat(70_000) + "{}]}"; // 210 KB, 140,000 tokens

        ApiException refused = assertThrows(ApiException.class,
                () -> JsonBody.parse(manyObjects.getBytes(StandardCharsets.UTF_8)));

        assertEquals(413, refused.status());
        assertEquals("Request body too complex: at most " + JsonBody.MAX_TOKENS + " JSON tokens", refused.detail());
    }
}

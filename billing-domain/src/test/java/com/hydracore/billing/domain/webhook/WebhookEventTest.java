package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEventTest {

    private static final Instant T = Instant.parse("2026-11-24T09:30:00Z");

    private record Sample(String account, String note) implements EventData {
        @Override
        public EventType type() {
            return EventType.TRIAL_EXPIRED;
        }

        @Override
        public List<Object> identity() {
            return List.of(account);
        }

        @Override
        public Map<String, Object> fields() {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("account_id", account);
            fields.put("note", note);
            return fields;
        }
    }

    @Test
    void theBodyIsTypeTimestampAndDataInThatOrder() {
        WebhookEvent event = WebhookEvent.of(new Sample("acme", "hi"), T);

        assertEquals("{\"type\":\"trial.expired\",\"timestamp\":\"2026-11-24T09:30:00Z\","
                + "\"data\":{\"account_id\":\"acme\",\"note\":\"hi\"}}", event.body());
        assertEquals(EventType.TRIAL_EXPIRED, event.type());
        assertEquals(T, event.timestamp());
    }

    @Test
    void theTimestampIsKeptToTheSecond() {
        WebhookEvent event = WebhookEvent.of(new Sample("acme", "hi"), T.plusMillis(999));

        assertEquals(T, event.timestamp());
        assertTrue(event.body().contains("\"timestamp\":\"2026-11-24T09:30:00Z\""), event.body());
    }

    @Test
    void theIdDependsOnTypeAndIdentityOnly() {
        WebhookEvent first = WebhookEvent.of(new Sample("acme", "hi"), T);
        WebhookEvent again = WebhookEvent.of(new Sample("acme", "other data"), T.plusSeconds(60));
        WebhookEvent otherAccount = WebhookEvent.of(new Sample("globex", "hi"), T);

        assertEquals(first.messageId(), again.messageId());
        assertNotEquals(first.messageId(), otherAccount.messageId());
        assertTrue(first.messageId().matches("msg_[0-9a-f]{32}"), first.messageId());
    }

    private record Keyed(List<Object> identity) implements EventData {
        @Override
        public EventType type() {
            return EventType.TRIAL_EXPIRED;
        }

        @Override
        public Map<String, Object> fields() {
            return Map.of();
        }
    }

    @Test
    void identitiesThatWouldJoinAlikeStillDiffer() {
        // A naive "a|b" key would make these one event.
        assertNotEquals(WebhookEvent.messageIdOf(new Keyed(List.of("a|b"))),
                WebhookEvent.messageIdOf(new Keyed(List.of("a", "b"))));
        assertNotEquals(WebhookEvent.messageIdOf(new Keyed(List.of("80"))),
                WebhookEvent.messageIdOf(new Keyed(List.of(80))));
        assertEquals(WebhookEvent.messageIdOf(new Keyed(List.of("a", 80, T))),
                WebhookEvent.messageIdOf(new Keyed(List.of("a", 80, T))));
    }

    @Test
    void textInTheDataIsEscaped() {
        WebhookEvent event = WebhookEvent.of(new Sample("ac\"me\n", "é𝄞"), T);

        assertTrue(event.body().contains("\"account_id\":\"ac\\\"me\\n\""), event.body());
        assertEquals(event.body(), new String(event.bodyBytes(), StandardCharsets.UTF_8));
        assertTrue(event.bodyBytes().length > event.body().length(), "non-ASCII text is sent as UTF-8");
    }

    @Test
    void storedIdsMustBeHeaderSafe() {
        assertThrows(IllegalArgumentException.class, () -> new WebhookEvent("", EventType.TRIAL_EXPIRED, T, "{}"));
        assertThrows(IllegalArgumentException.class,
                () -> new WebhookEvent("msg 1", EventType.TRIAL_EXPIRED, T, "{}"));
        assertThrows(IllegalArgumentException.class,
                () -> new WebhookEvent("msg\r\nx", EventType.TRIAL_EXPIRED, T, "{}"));
        assertThrows(IllegalArgumentException.class,
                () -> new WebhookEvent("msgé", EventType.TRIAL_EXPIRED, T, "{}"));
        assertThrows(IllegalArgumentException.class,
                () -> new WebhookEvent("m".repeat(129), EventType.TRIAL_EXPIRED, T, "{}"));
        assertEquals("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W",
                new WebhookEvent("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", EventType.TRIAL_EXPIRED, T, "{}").messageId());
    }
}

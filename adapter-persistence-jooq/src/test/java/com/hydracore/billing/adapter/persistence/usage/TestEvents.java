package com.hydracore.billing.adapter.persistence.usage;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import java.time.Instant;

/** Usage events for the adapter's own tests: defaults for everything a test does not care about. */
public final class TestEvents {

    private TestEvents() {
    }

    /** Instance {@code inst-1}, 2026-03-10 12:00Z, 10 tokens, 1 request, $0.01, no end user. */
    public static Builder event(String accountId, String eventId) {
        return new Builder(accountId, eventId);
    }

    /** Builds one event. */
    public static final class Builder {
        private final String accountId;
        private final String eventId;
        private String instanceId = "inst-1";
        private Instant occurredAt = Instant.parse("2026-03-10T12:00:00Z");
        private long tokens = 10;
        private long requests = 1;
        private Money cost = Money.parse("0.01");
        private String endUserId;
        private String model;
        private TokenBreakdown breakdown = TokenBreakdown.ZERO;

        Builder(String accountId, String eventId) {
            this.accountId = accountId;
            this.eventId = eventId;
        }

        public Builder instance(String id) {
            instanceId = id;
            return this;
        }

        public Builder at(Instant instant) {
            occurredAt = instant;
            return this;
        }

        public Builder at(String instant) {
            return at(Instant.parse(instant));
        }

        public Builder tokens(long n) {
            tokens = n;
            return this;
        }

        public Builder requests(long n) {
            requests = n;
            return this;
        }

        public Builder costMicros(long micros) {
            cost = Money.ofMicros(micros);
            return this;
        }

        private String conversationId;
        private String reservationId;

        public Builder endUser(String id) {
            endUserId = id;
            return this;
        }

        public Builder model(String name) {
            this.model = name;
            return this;
        }

        /** A breakdown; the event's tokens become input + output. */
        public Builder breakdown(long input, long output, long cachedInput, long cacheWrite, long reasoning) {
            this.breakdown = new TokenBreakdown(input, output, cachedInput, cacheWrite, reasoning);
            this.tokens = breakdown.total();
            return this;
        }

        public Builder reservation(String id) {
            reservationId = id;
            return this;
        }

        public Builder conversation(String id) {
            conversationId = id;
            return this;
        }

        public UsageEvent build() {
            return new UsageEvent(accountId, eventId, instanceId, occurredAt, tokens, requests, cost, endUserId,
                    conversationId, model, breakdown, reservationId);
        }
    }
}

package com.hydracore.billing.adapter.rest.usage;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Ingestion's JSON: the request body (for the OpenAPI document; bodies are decoded field by field) and the answer. */
public final class UsageJson {

    private UsageJson() {
    }

    /** The request body. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "UsageEventBatch")
    public record BatchJson(@Schema(minLength = 1, maxLength = 1000) List<EventJson> events) {
    }

    /** One usage event as a reporter sends it. Unknown fields are ignored. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "UsageEvent", requiredProperties = {"event_id", "account_id", "instance_id", "occurred_at"},
            description = "tokens is required unless input_tokens or output_tokens is given; then it may be left out"
                    + " (it is input_tokens + output_tokens) and, given, must equal that sum")
    public record EventJson(
            @Schema(description = "Idempotency key, unique per account", minLength = 1, maxLength = 128) String eventId,
            @Schema(minLength = 1, maxLength = 128) String accountId,
            @Schema(minLength = 1, maxLength = 128) String instanceId,
            @Schema(format = "date-time", description = "RFC 3339 with offset; at most 5 minutes ahead, 35 days back")
            String occurredAt,
            @Schema(minimum = "0", maximum = "1000000000000") Long tokens,
            @Schema(minimum = "0", maximum = "1000000000000", defaultValue = "1") Long requests,
            @Schema(type = "string", description = "USD, string or number, at most 6 fraction digits, no exponent",
                    defaultValue = "0", example = "0.0015") String costUsd,
            @Schema(nullable = true, minLength = 1, maxLength = 128) String endUserId,
            @Schema(nullable = true, minLength = 1, maxLength = 128) String conversationId,
            @Schema(nullable = true, minLength = 1, maxLength = 128, description = "The model that served the call")
            String model,
            @Schema(nullable = true, minimum = "0", maximum = "1000000000000",
                    description = "Input tokens, cached and cache-written ones included") Long inputTokens,
            @Schema(nullable = true, minimum = "0", maximum = "1000000000000",
                    description = "Output tokens, reasoning ones included") Long outputTokens,
            @Schema(nullable = true, minimum = "0", maximum = "1000000000000",
                    description = "Input tokens read from a prompt cache; with cache_write_tokens at most input_tokens")
            Long cachedInputTokens,
            @Schema(nullable = true, minimum = "0", maximum = "1000000000000",
                    description = "Input tokens written to a prompt cache") Long cacheWriteTokens,
            @Schema(nullable = true, minimum = "0", maximum = "1000000000000",
                    description = "Output tokens spent reasoning; at most output_tokens") Long reasoningTokens,
            @Schema(nullable = true, minLength = 1, maxLength = 128,
                    description = "Settles this reservation of the account, if it is still held (quota holds)")
            String reservationId) {
    }

    /** The answer: how many events were new, how many were already known. */
    @Schema(name = "UsageIngestResult")
    public record ResultJson(int accepted, int duplicates) {
    }
}

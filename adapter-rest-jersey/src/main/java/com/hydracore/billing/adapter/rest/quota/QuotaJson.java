package com.hydracore.billing.adapter.rest.quota;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.hydracore.billing.adapter.rest.http.Json;
import com.hydracore.billing.application.port.in.HoldQuota;
import com.hydracore.billing.domain.quota.AccountQuotas;
import com.hydracore.billing.domain.quota.Quota;
import com.hydracore.billing.domain.quota.Reservation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;

/** The quota answers of API §7, field for field. */
public final class QuotaJson {

    private QuotaJson() {
    }

    /** {@code GET /v1/billing/quota}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"period_start", "period_end", "limit_policy", "quotas"})
    @Schema(name = "Quotas")
    public record QuotasJson(@Schema(format = "date-time") String periodStart,
                             @Schema(format = "date-time") String periodEnd,
                             @Schema(allowableValues = {"soft", "hard"}) String limitPolicy,
                             @Schema(description = "tokens, api_calls, conversations, instances, in this order")
                             List<QuotaItemJson> quotas) {

        static QuotasJson of(AccountQuotas answer) {
            return new QuotasJson(Json.instant(answer.period().start()), Json.instant(answer.period().end()),
                    answer.policy().wireName(), answer.quotas().stream().map(QuotaItemJson::of).toList());
        }
    }

    /** One quota. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"metric", "used", "reserved", "limit", "remaining", "used_pct"})
    @Schema(name = "Quota")
    public record QuotaItemJson(
            @Schema(allowableValues = {"tokens", "api_calls", "conversations", "instances"}) String metric,
            long used,
            @Schema(description = "What live holds add (always 0 for instances)") long reserved,
            long limit,
            @Schema(description = "max(0, limit - used - reserved)") long remaining,
            @Schema(description = "used x 100 / limit, half-up to 2 decimals") BigDecimal usedPct) {

        static QuotaItemJson of(Quota q) {
            return new QuotaItemJson(q.metric().wireName(), q.used(), q.reserved(), q.limit(), q.remaining(),
                    q.usedPct());
        }
    }

    /** A reservation as every reservation endpoint answers it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"reservation_id", "account_id", "status", "tokens", "requests", "conversation_id",
            "expires_at", "over_limit"})
    @Schema(name = "Reservation")
    public record ReservationJson(String reservationId, String accountId,
                                  @Schema(allowableValues = {"held", "settled", "released", "expired"}) String status,
                                  long tokens, long requests,
                                  @Schema(nullable = true) String conversationId,
                                  @Schema(format = "date-time") String expiresAt,
                                  @Schema(description = "Held past a soft limit") boolean overLimit) {

        static ReservationJson of(HoldQuota.Answer answer) {
            Reservation r = answer.reservation();
            return new ReservationJson(r.reservationId(), r.accountId(), answer.status().wireName(), r.tokens(),
                    r.requests(), r.conversationId(), Json.instant(r.expiresAt()), r.overLimit());
        }
    }

    /** The body of {@code POST …/reservations}. Unknown fields are ignored. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "ReservationBody", requiredProperties = {"reservation_id", "tokens"})
    public record ReservationBodyJson(
            @Schema(description = "Idempotency key, unique per account", minLength = 1, maxLength = 128)
            String reservationId,
            @Schema(minimum = "0", maximum = "1000000000000") long tokens,
            @Schema(minimum = "0", maximum = "1000000000000", defaultValue = "1") Long requests,
            @Schema(nullable = true, minLength = 1, maxLength = 128) String conversationId,
            @Schema(minimum = "1", maximum = "86400", defaultValue = "300") Long ttlSeconds) {
    }
}

package com.hydracore.billing.adapter.rest.admin;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.hydracore.billing.adapter.rest.http.Json;
import com.hydracore.billing.application.port.in.ManageWebhooks.WebhookView;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.EventType;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The webhook admin endpoints' JSON (API §8): the PUT body (for the OpenAPI document) and the answers. */
public final class WebhookJson {

    private WebhookJson() {
    }

    /** The body of {@code PUT /v1/admin/webhooks/{endpoint_id}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "WebhookEndpointBody", requiredProperties = {"url", "secret"})
    public record BodyJson(@Schema(maxLength = 2048, description = "http:// or https://; private, loopback and "
                                   + "link-local targets are refused unless BILLING_WEBHOOK_ALLOW_PRIVATE=true")
                           String url,
                           @Schema(description = "whsec_ followed by the base64 of 24-64 bytes; never answered")
                           String secret,
                           @ArraySchema(minItems = 1, schema = @Schema(allowableValues = {"usage.threshold_reached",
                                   "trial.will_end", "trial.expired"}), arraySchema = @Schema(
                                   description = "Defaults to every type"))
                           List<String> eventTypes,
                           @Schema(defaultValue = "true") Boolean enabled) {
    }

    /** An endpoint as answered: never its secret. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "WebhookEndpoint")
    public record EndpointJson(String endpointId, String url,
                               @ArraySchema(schema = @Schema(allowableValues = {"usage.threshold_reached",
                                       "trial.will_end", "trial.expired"}))
                               List<String> eventTypes,
                               boolean enabled) {

        static EndpointJson of(WebhookView view) {
            return new EndpointJson(view.endpointId(), view.url(),
                    view.eventTypes().stream().map(EventType::wireName).toList(), view.enabled());
        }
    }

    /** {@code GET /v1/admin/webhooks}. */
    @Schema(name = "WebhookEndpointList")
    public record EndpointsJson(List<EndpointJson> webhooks) {
    }

    /** One delivery of one message to the endpoint. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "WebhookDelivery")
    public record DeliveryJson(String messageId,
                               @Schema(allowableValues = {"usage.threshold_reached", "trial.will_end",
                                       "trial.expired"}) String eventType,
                               @Schema(allowableValues = {"pending", "delivered", "failed"}) String status,
                               @Schema(minimum = "0") int attempts,
                               @Schema(nullable = true) Integer lastStatusCode,
                               @Schema(nullable = true, format = "date-time") String lastAttemptAt,
                               @Schema(nullable = true, format = "date-time") String nextAttemptAt) {

        static DeliveryJson of(Delivery delivery) {
            return new DeliveryJson(delivery.messageId(), delivery.eventType().wireName(),
                    delivery.status().wireName(), delivery.attempts(), delivery.lastStatusCode(),
                    Json.instant(delivery.lastAttemptAt()), Json.instant(delivery.nextAttemptAt()));
        }
    }

    /** {@code GET /v1/admin/webhooks/{endpoint_id}/deliveries}: newest first, at most 100. */
    @Schema(name = "WebhookDeliveryList")
    public record DeliveriesJson(List<DeliveryJson> deliveries) {
    }
}

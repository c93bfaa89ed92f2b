package com.hydracore.billing.adapter.rest.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.hydracore.billing.adapter.rest.http.Json;
import com.hydracore.billing.application.port.in.ManageSubscriptions.SubscriptionView;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.subscription.Subscription;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The admin endpoints' JSON: bodies (for the OpenAPI document; bodies are decoded field by field) and answers. */
public final class AdminJson {

    private AdminJson() {
    }

    /** A tier, as stored and as sent to {@code PUT /v1/admin/tiers/{tier_id}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Tier", requiredProperties = {"tier_slug", "product_name", "plan_name", "price_cents",
            "billing_cycle", "trial_days", "token_allowance", "api_call_limit", "conversation_limit",
            "instance_limit", "max_sites_per_node"})
    @JsonPropertyOrder({"tier_id", "tier_slug", "product_name", "plan_name", "price_cents", "billing_cycle",
            "trial_days", "token_allowance", "api_call_limit", "conversation_limit", "instance_limit",
            "max_sites_per_node", "limit_policy"})
    public record TierJson(@Schema(description = "Optional in a body; if present, equal to the path's") String tierId,
                           String tierSlug, String productName, String planName,
                           @Schema(minimum = "0") long priceCents,
                           @Schema(allowableValues = {"monthly", "yearly"}) String billingCycle,
                           @Schema(minimum = "0", maximum = "3650") int trialDays,
                           @Schema(minimum = "0") long tokenAllowance,
                           @Schema(minimum = "0") long apiCallLimit,
                           @Schema(minimum = "0") long conversationLimit,
                           @Schema(minimum = "0") long instanceLimit,
                           @Schema(minimum = "0") long maxSitesPerNode,
                           @Schema(allowableValues = {"soft", "hard"}, defaultValue = "soft",
                                   description = "What a hold past a limit gets: soft holds it marked over_limit,"
                                           + " hard refuses it (402). Optional in a body; always answered")
                           String limitPolicy) {

        static TierJson of(Tier tier) {
            return new TierJson(tier.tierId(), tier.tierSlug(), tier.productName(), tier.planName(),
                    tier.priceCents(), tier.billingCycle().wireName(), tier.trialDays(),
                    tier.limits().tokenAllowance(), tier.limits().apiCallLimit(), tier.limits().conversationLimit(),
                    tier.limits().instanceLimit(), tier.limits().maxSitesPerNode(), tier.limitPolicy().wireName());
        }
    }

    /** {@code GET /v1/admin/tiers}. */
    @Schema(name = "TierList")
    public record TiersJson(List<TierJson> tiers) {
    }

    /** The body of {@code POST …/subscriptions}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "CreateSubscription", requiredProperties = {"tier_id"})
    public record CreateSubscriptionJson(String tierId,
                                         @Schema(nullable = true, minimum = "0", maximum = "3650",
                                                 description = "Defaults to the tier's") Integer trialDays,
                                         @Schema(nullable = true, format = "date-time",
                                                 description = "RFC 3339 with offset; defaults to now")
                                         String startedAt) {
    }

    /** The body of {@code POST …/cancel}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "CancelSubscription")
    public record CancelJson(@Schema(defaultValue = "false",
            description = "Cancel at the end of the current period instead of now") boolean atPeriodEnd) {
    }

    /** A subscription with its status and period at the moment of the answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Subscription")
    public record SubscriptionJson(String subscriptionId, String accountId, String tierId,
                                   @Schema(allowableValues = {"trialing", "active", "past_due", "canceled", "expired"})
                                   String status,
                                   @Schema(format = "date-time") String startedAt,
                                   @Schema(nullable = true, format = "date-time") String trialEndsAt,
                                   @Schema(nullable = true, format = "date-time") String activatedAt,
                                   @Schema(nullable = true, format = "date-time",
                                           description = "When the cancellation takes or took effect")
                                   String canceledAt,
                                   boolean cancelAtPeriodEnd,
                                   @Schema(format = "date-time") String currentPeriodStart,
                                   @Schema(format = "date-time") String currentPeriodEnd) {

        static SubscriptionJson of(SubscriptionView view) {
            Subscription s = view.subscription();
            return new SubscriptionJson(s.subscriptionId(), s.accountId(), s.tierId(), view.status().wireName(),
                    Json.instant(s.startedAt()), Json.instant(s.trialEndsAt()), Json.instant(s.activatedAt()),
                    Json.instant(s.canceledAt()), s.cancelAtPeriodEnd(), Json.instant(view.currentPeriod().start()),
                    Json.instant(view.currentPeriod().end()));
        }
    }

    /** The body of {@code PUT …/instances/{instance_id}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "InstanceUpdate", requiredProperties = {"name", "status"})
    public record InstanceBodyJson(@Schema(minLength = 1, maxLength = 200) String name,
                                   @Schema(allowableValues = {"active", "stopped", "deleted"}) String status) {
    }

    /** An instance as stored. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Instance")
    public record InstanceJson(String accountId, String instanceId, String name,
                               @Schema(allowableValues = {"active", "stopped", "deleted"}) String status) {

        static InstanceJson of(Instance instance) {
            return new InstanceJson(instance.accountId(), instance.instanceId(), instance.name(),
                    instance.status().wireName());
        }
    }

    /** The body of {@code PUT …/webhost-nodes/{node_id}}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "WebhostNodeUpdate", requiredProperties = {"hosted_sites"})
    public record NodeBodyJson(@Schema(minimum = "0") long hostedSites) {
    }

    /** A webhost node as stored. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "WebhostNode")
    public record NodeJson(String accountId, String nodeId, long hostedSites) {

        static NodeJson of(WebhostNode node) {
            return new NodeJson(node.accountId(), node.nodeId(), node.hostedSites());
        }
    }
}

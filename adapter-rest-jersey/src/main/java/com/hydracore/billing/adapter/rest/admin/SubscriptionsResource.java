package com.hydracore.billing.adapter.rest.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.auth.Authenticated;
import com.hydracore.billing.adapter.rest.auth.Caller;
import com.hydracore.billing.adapter.rest.http.ErrorBodies;
import com.hydracore.billing.adapter.rest.http.FieldReader;
import com.hydracore.billing.adapter.rest.http.JsonBody;
import com.hydracore.billing.adapter.rest.http.PathIds;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException.Location;
import com.hydracore.billing.application.port.in.ManageSubscriptions;
import com.hydracore.billing.application.port.in.ManageSubscriptions.CreateSubscription;
import com.hydracore.billing.application.port.in.ManageSubscriptions.SubscriptionView;
import com.hydracore.billing.domain.catalog.Tier;
import com.hydracore.billing.domain.validation.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Admin: put an account on a tier and move its subscriptions through their lifecycle. */
@Path("/v1/admin/accounts/{account_id}/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated(scope = Caller.BILLING_ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearerAuth", scopes = Caller.BILLING_ADMIN)
@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
@ApiResponse(responseCode = "403", description = "The token lacks billing:admin",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
public final class SubscriptionsResource {

    private final ManageSubscriptions subscriptions;

    /** Serves subscriptions with {@code subscriptions}. */
    public SubscriptionsResource(ManageSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** Starts a subscription. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a subscription",
            description = "trial_days defaults to the tier's, started_at to now; an unknown tier is a 422 at"
                    + " [\"body\",\"tier_id\"].")
    @ApiResponse(responseCode = "201", description = "The new subscription",
            content = @Content(schema = @Schema(implementation = AdminJson.SubscriptionJson.class)))
    @ApiResponse(responseCode = "422", description = "Every problem of the body",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public Response create(
            @PathParam("account_id") String accountId,
            @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = AdminJson.CreateSubscriptionJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        PathIds.require("account_id", accountId);
        JsonNode root = JsonBody.required(body, headers);
        SubscriptionView created = RequestInvalidException.locating(Location.BODY, () -> {
            List<Violation> problems = new ArrayList<>();
            FieldReader fields = Bodies.fields(root, problems);
            String tierId = fields.requiredString("tier_id");
            Long trialDays = fields.optionalInteger("trial_days", 0, Tier.MAX_TRIAL_DAYS);
            Instant startedAt = fields.optionalDateTime("started_at");
            Bodies.throwIfAny(problems);
            return subscriptions.create(new CreateSubscription(accountId, tierId,
                    trialDays == null ? OptionalInt.empty() : OptionalInt.of(trialDays.intValue()),
                    Optional.ofNullable(startedAt)));
        });
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(AdminJson.SubscriptionJson.of(created)).build();
    }

    /** Payment received. */
    @POST
    @Path("/{subscription_id}/activate")
    @Operation(summary = "Activate a subscription",
            description = "From trialing, expired or past_due; an active subscription stays as it is.")
    @ApiResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = AdminJson.SubscriptionJson.class)))
    @ApiResponse(responseCode = "404", description = "Unknown subscription",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "409", description = "Not allowed from the current status",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public AdminJson.SubscriptionJson activate(@PathParam("account_id") String accountId,
                                               @PathParam("subscription_id") String subscriptionId) {
        PathIds.require("account_id", accountId, "subscription_id", subscriptionId);
        return AdminJson.SubscriptionJson.of(subscriptions.activate(accountId, subscriptionId));
    }

    /** Payment is late. */
    @POST
    @Path("/{subscription_id}/past-due")
    @Operation(summary = "Mark a subscription past due", description = "From active only.")
    @ApiResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = AdminJson.SubscriptionJson.class)))
    @ApiResponse(responseCode = "404", description = "Unknown subscription",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "409", description = "Not allowed from the current status",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public AdminJson.SubscriptionJson markPastDue(@PathParam("account_id") String accountId,
                                                  @PathParam("subscription_id") String subscriptionId) {
        PathIds.require("account_id", accountId, "subscription_id", subscriptionId);
        return AdminJson.SubscriptionJson.of(subscriptions.markPastDue(accountId, subscriptionId));
    }

    /** Cancels now, or at the end of the current period. */
    @POST
    @Path("/{subscription_id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Cancel a subscription",
            description = "Now, or at the end of the period current when asked (at_period_end: true). The body is"
                    + " optional; without it the cancellation is immediate.")
    @ApiResponse(responseCode = "200", description = "The subscription",
            content = @Content(schema = @Schema(implementation = AdminJson.SubscriptionJson.class)))
    @ApiResponse(responseCode = "404", description = "Unknown subscription",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "409", description = "Already canceled",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "422", description = "at_period_end is not a boolean",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public AdminJson.SubscriptionJson cancel(
            @PathParam("account_id") String accountId,
            @PathParam("subscription_id") String subscriptionId,
            @RequestBody(content = @Content(schema = @Schema(implementation = AdminJson.CancelJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        PathIds.require("account_id", accountId, "subscription_id", subscriptionId);
        Optional<JsonNode> root = JsonBody.read(body, headers).filter(node -> !node.isNull());
        boolean atPeriodEnd = false;
        if (root.isPresent()) {
            atPeriodEnd = RequestInvalidException.locating(Location.BODY, () -> {
                List<Violation> problems = new ArrayList<>();
                Boolean value = Bodies.fields(root.get(), problems).optionalBoolean("at_period_end", false);
                Bodies.throwIfAny(problems);
                return value;
            });
        }
        return AdminJson.SubscriptionJson.of(subscriptions.cancel(accountId, subscriptionId, atPeriodEnd));
    }
}

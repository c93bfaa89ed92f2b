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
import com.hydracore.billing.application.port.in.ManageWebhooks;
import com.hydracore.billing.domain.validation.Violation;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** Admin: webhook endpoints and their deliveries (API §8). The secret is never answered. */
@Path("/v1/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated(scope = Caller.BILLING_ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearerAuth", scopes = Caller.BILLING_ADMIN)
@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
@ApiResponse(responseCode = "403", description = "The token lacks billing:admin",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
public final class WebhooksResource {

    private static final String EVENT_TYPES = "event_types";

    private final ManageWebhooks webhooks;

    /** Serves the endpoints with {@code webhooks}. */
    public WebhooksResource(ManageWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** Every endpoint, ordered by id. */
    @GET
    @Operation(summary = "List webhook endpoints")
    @ApiResponse(responseCode = "200", description = "Every endpoint, without secrets",
            content = @Content(schema = @Schema(implementation = WebhookJson.EndpointsJson.class)))
    public WebhookJson.EndpointsJson list() {
        return new WebhookJson.EndpointsJson(webhooks.list().stream().map(WebhookJson.EndpointJson::of).toList());
    }

    /** Inserts or replaces an endpoint. */
    @PUT
    @Path("/{endpoint_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a webhook endpoint")
    @ApiResponse(responseCode = "200", description = "The stored endpoint, without its secret",
            content = @Content(schema = @Schema(implementation = WebhookJson.EndpointJson.class)))
    @ApiResponse(responseCode = "422", description = "Every problem of the body, a refused target address included",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public WebhookJson.EndpointJson put(
            @PathParam("endpoint_id") String endpointId,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookJson.BodyJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        PathIds.require("endpoint_id", endpointId);
        JsonNode root = JsonBody.required(body, headers);
        WebhookEndpoint endpoint = RequestInvalidException.locating(Location.BODY, () -> decode(endpointId, root));
        // The use case refuses a URL whose host resolves to a refused address: at url, under body too.
        return WebhookJson.EndpointJson.of(RequestInvalidException.locating(Location.BODY,
                () -> webhooks.put(endpoint)));
    }

    /** One endpoint. */
    @GET
    @Path("/{endpoint_id}")
    @Operation(summary = "Get a webhook endpoint")
    @ApiResponse(responseCode = "200", description = "The endpoint, without its secret",
            content = @Content(schema = @Schema(implementation = WebhookJson.EndpointJson.class)))
    @ApiResponse(responseCode = "404", description = "Webhook not found",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public WebhookJson.EndpointJson get(@PathParam("endpoint_id") String endpointId) {
        PathIds.require("endpoint_id", endpointId);
        return WebhookJson.EndpointJson.of(webhooks.get(endpointId));
    }

    /** Removes an endpoint and its deliveries. */
    @DELETE
    @Path("/{endpoint_id}")
    @Operation(summary = "Remove a webhook endpoint and its deliveries")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "Webhook not found",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public Response delete(@PathParam("endpoint_id") String endpointId) {
        PathIds.require("endpoint_id", endpointId);
        webhooks.delete(endpointId);
        return Response.noContent().build();
    }

    /** The endpoint's deliveries, newest first. */
    @GET
    @Path("/{endpoint_id}/deliveries")
    @Operation(summary = "List an endpoint's deliveries, newest first, at most 100")
    @ApiResponse(responseCode = "200", description = "The deliveries",
            content = @Content(schema = @Schema(implementation = WebhookJson.DeliveriesJson.class)))
    @ApiResponse(responseCode = "404", description = "Webhook not found",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public WebhookJson.DeliveriesJson deliveries(@PathParam("endpoint_id") String endpointId) {
        PathIds.require("endpoint_id", endpointId);
        return new WebhookJson.DeliveriesJson(webhooks.deliveries(endpointId).stream()
                .map(WebhookJson.DeliveryJson::of).toList());
    }

    /**
     * The endpoint a PUT body describes; problems located relative to the body. Decoding problems and the domain's
     * are listed together, each path once.
     */
    static WebhookEndpoint decode(String endpointId, JsonNode root) {
        List<Violation> problems = new ArrayList<>();
        FieldReader fields = Bodies.fields(root, problems);
        String url = fields.requiredString("url");
        String secret = fields.requiredString("secret");
        List<String> types = eventTypes(root.get(EVENT_TYPES), problems);
        Boolean enabled = fields.optionalBoolean("enabled", true);
        return Bodies.build(problems, () -> WebhookEndpoint.of(endpointId, url, secret, types,
                enabled == null || enabled));
    }

    // Absent or null: every type. Not a list: list_type. An element that is not a string: string_type at its index
    // (passed on as null, which the domain would call missing; the first problem at a path wins).
    private static List<String> eventTypes(JsonNode node, List<Violation> problems) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            problems.add(Violation.of(EVENT_TYPES, Violation.LIST_TYPE, "Input should be a valid list", node));
            return null;
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (element.isTextual()) {
                names.add(element.textValue());
            } else {
                problems.add(new Violation(List.of(EVENT_TYPES, i), Violation.STRING_TYPE,
                        "Input should be a valid string", element));
                names.add(null);
            }
        }
        return names;
    }
}

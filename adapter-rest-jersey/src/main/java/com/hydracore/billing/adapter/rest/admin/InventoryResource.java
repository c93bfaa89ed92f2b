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
import com.hydracore.billing.application.port.in.ManageInventory;
import com.hydracore.billing.domain.inventory.Instance;
import com.hydracore.billing.domain.inventory.InstanceStatus;
import com.hydracore.billing.domain.inventory.WebhostNode;
import com.hydracore.billing.domain.validation.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.Arrays;
import java.util.List;

/** Admin: an account's instances and webhost nodes. */
@Path("/v1/admin/accounts/{account_id}")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated(scope = Caller.BILLING_ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearerAuth", scopes = Caller.BILLING_ADMIN)
@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
@ApiResponse(responseCode = "403", description = "The token lacks billing:admin",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
public final class InventoryResource {

    private static final List<String> STATUSES =
            Arrays.stream(InstanceStatus.values()).map(InstanceStatus::wireName).toList();

    private final ManageInventory inventory;

    /** Serves the inventory with {@code inventory}. */
    public InventoryResource(ManageInventory inventory) {
        this.inventory = inventory;
    }

    /** Inserts or replaces an instance. */
    @PUT
    @Path("/instances/{instance_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace an instance")
    @ApiResponse(responseCode = "200", description = "The stored instance",
            content = @Content(schema = @Schema(implementation = AdminJson.InstanceJson.class)))
    @ApiResponse(responseCode = "422", description = "Every problem of the body",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public AdminJson.InstanceJson putInstance(
            @PathParam("account_id") String accountId,
            @PathParam("instance_id") String instanceId,
            @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = AdminJson.InstanceBodyJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        PathIds.require("account_id", accountId, "instance_id", instanceId);
        JsonNode root = JsonBody.required(body, headers);
        Instance instance = RequestInvalidException.locating(Location.BODY, () -> {
            List<Violation> problems = new ArrayList<>();
            FieldReader fields = Bodies.fields(root, problems);
            String name = fields.requiredString("name");
            InstanceStatus status = fields.requiredEnum("status", STATUSES, InstanceStatus::fromWireName);
            return Bodies.build(problems, () -> new Instance(accountId, instanceId, Bodies.orPlaceholder(name),
                    status == null ? InstanceStatus.ACTIVE : status));
        });
        return AdminJson.InstanceJson.of(inventory.putInstance(instance));
    }

    /** Inserts a node or replaces its hosted-site count. */
    @PUT
    @Path("/webhost-nodes/{node_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a webhost node or replace its hosted-site count")
    @ApiResponse(responseCode = "200", description = "The stored node",
            content = @Content(schema = @Schema(implementation = AdminJson.NodeJson.class)))
    @ApiResponse(responseCode = "422", description = "Every problem of the body",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public AdminJson.NodeJson putNode(
            @PathParam("account_id") String accountId,
            @PathParam("node_id") String nodeId,
            @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = AdminJson.NodeBodyJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        PathIds.require("account_id", accountId, "node_id", nodeId);
        JsonNode root = JsonBody.required(body, headers);
        WebhostNode node = RequestInvalidException.locating(Location.BODY, () -> {
            List<Violation> problems = new ArrayList<>();
            Long sites = Bodies.fields(root, problems).requiredInteger("hosted_sites", 0, Integer.MAX_VALUE);
            return Bodies.build(problems, () -> new WebhostNode(accountId, nodeId, Bodies.orZero(sites)));
        });
        return AdminJson.NodeJson.of(inventory.putNode(node));
    }

    /** Removes a node. */
    @DELETE
    @Path("/webhost-nodes/{node_id}")
    @Operation(summary = "Remove a webhost node")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "404", description = "The account has no such node",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public Response deleteNode(@PathParam("account_id") String accountId, @PathParam("node_id") String nodeId) {
        PathIds.require("account_id", accountId, "node_id", nodeId);
        inventory.deleteNode(accountId, nodeId);
        return Response.noContent().build();
    }
}

package com.hydracore.billing.adapter.rest.ops;

import com.hydracore.billing.adapter.rest.ReadinessProbe;
import com.hydracore.billing.adapter.rest.http.ErrorBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Liveness and readiness, for orchestrators; no token needed. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public final class HealthResource {

    private final BoundedReadiness readiness;

    /** Answers readiness with {@code readiness}, taking a check that does not answer within 1.5 s as not ready. */
    public HealthResource(ReadinessProbe readiness) {
        this.readiness = new BoundedReadiness(readiness, BoundedReadiness.DEADLINE);
    }

    /** The answer of both probes when all is well. */
    @Schema(name = "HealthStatus")
    public record Status(String status) {
    }

    /** The process is up. */
    @GET
    @Path("healthz")
    @Operation(summary = "Liveness: the process is up")
    @ApiResponse(responseCode = "200", description = "Up",
            content = @Content(schema = @Schema(implementation = Status.class)))
    public Status healthz() {
        return new Status("ok");
    }

    /** The service can serve requests: its database answers. */
    @GET
    @Path("readyz")
    @Operation(summary = "Readiness: the database is reachable")
    @ApiResponse(responseCode = "200", description = "Ready",
            content = @Content(schema = @Schema(implementation = Status.class)))
    @ApiResponse(responseCode = "503", description = "The database is unreachable",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public Response readyz() {
        return readiness.ready() ? Response.ok(new Status("ready"), MediaType.APPLICATION_JSON_TYPE).build()
                : ErrorBodies.detail(503, "Not ready: the database is unreachable");
    }
}

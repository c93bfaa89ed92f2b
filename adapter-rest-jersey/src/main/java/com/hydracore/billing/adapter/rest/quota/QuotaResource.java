package com.hydracore.billing.adapter.rest.quota;

import com.hydracore.billing.adapter.rest.auth.Authenticated;
import com.hydracore.billing.adapter.rest.auth.Caller;
import com.hydracore.billing.adapter.rest.http.ErrorBodies;
import com.hydracore.billing.application.port.in.GetQuota;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/** {@code GET /v1/billing/quota}: the caller's own quotas (any valid token). */
@Path("/v1/billing/quota")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Billing")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
public final class QuotaResource {

    private final GetQuota quota;

    /** Serves the quotas with {@code quota}. */
    public QuotaResource(GetQuota quota) {
        this.quota = quota;
    }

    /** Every plan limit as a live quota over the current period. */
    @GET
    @Operation(summary = "Get Quota", description = "Every plan limit as a live quota over the current period: used,"
            + " reserved by live holds, limit, remaining. Cheap: a router may ask it on every call.")
    @ApiResponse(responseCode = "200", description = "The four quotas, in order",
            content = @Content(schema = @Schema(implementation = QuotaJson.QuotasJson.class)))
    public QuotaJson.QuotasJson getQuota(@Context SecurityContext security) {
        return QuotaJson.QuotasJson.of(quota.quota(Caller.of(security).accountId()));
    }
}

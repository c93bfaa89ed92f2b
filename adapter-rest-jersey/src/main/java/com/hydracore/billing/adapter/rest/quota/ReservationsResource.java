package com.hydracore.billing.adapter.rest.quota;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.auth.Authenticated;
import com.hydracore.billing.adapter.rest.auth.Caller;
import com.hydracore.billing.adapter.rest.http.ErrorBodies;
import com.hydracore.billing.adapter.rest.http.FieldReader;
import com.hydracore.billing.adapter.rest.http.JsonBody;
import com.hydracore.billing.adapter.rest.http.PathIds;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException.Location;
import com.hydracore.billing.application.port.in.HoldQuota;
import com.hydracore.billing.domain.quota.Hold;
import com.hydracore.billing.domain.quota.ReservationRequest;
import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

/**
 * Reservations (API §7): hold quota before an LLM call, read the hold, release it. Like ingestion, a
 * {@code usage:write} token may hold quota of any account, named in the path (a router serves many accounts); a
 * token without the scope is a 403 whatever account it names.
 */
@Path("/v1/quota/accounts/{account_id}/reservations")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated(scope = Caller.USAGE_WRITE)
@Tag(name = "Quota")
@SecurityRequirement(name = "bearerAuth", scopes = Caller.USAGE_WRITE)
@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
@ApiResponse(responseCode = "403", description = "The token lacks usage:write",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
public final class ReservationsResource {

    private final HoldQuota holds;

    /** Serves the reservations with {@code holds}. */
    public ReservationsResource(HoldQuota holds) {
        this.holds = holds;
    }

    /** Holds quota, or answers the reservation already held under the same id. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hold quota",
            description = "Holds tokens, requests and possibly one new conversation against the account's quotas"
                    + " until settled by a usage event naming it, released, or expired (ttl_seconds). Under a hard"
                    + " limit policy a hold that would pass a limit is refused (402) and nothing is held; under a"
                    + " soft one it is held with over_limit true. The same reservation_id again answers the stored"
                    + " reservation (200) and holds nothing twice.")
    @ApiResponse(responseCode = "201", description = "Held",
            content = @Content(schema = @Schema(implementation = QuotaJson.ReservationJson.class)))
    @ApiResponse(responseCode = "200", description = "Already held under this id: the reservation as it is now",
            content = @Content(schema = @Schema(implementation = QuotaJson.ReservationJson.class)))
    @ApiResponse(responseCode = "402", description = "Refused under a hard limit: nothing is held",
            content = @Content(schema = @Schema(implementation = ErrorBodies.QuotaExceeded.class)))
    @ApiResponse(responseCode = "422", description = "Every problem of the body",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public Response hold(
            @PathParam("account_id") String accountId,
            @RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = QuotaJson.ReservationBodyJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        PathIds.require("account_id", accountId);
        JsonNode root = JsonBody.required(body, headers);
        ReservationRequest request = RequestInvalidException.locating(Location.BODY, () -> decode(root));
        HoldQuota.Answer answer = holds.hold(accountId, request);
        return Response.status(answer.created() ? 201 : 200).entity(QuotaJson.ReservationJson.of(answer)).build();
    }

    /** The reservation as it is now. */
    @GET
    @Path("/{reservation_id}")
    @Operation(summary = "Get a reservation")
    @ApiResponse(responseCode = "200", description = "The reservation",
            content = @Content(schema = @Schema(implementation = QuotaJson.ReservationJson.class)))
    @ApiResponse(responseCode = "404", description = "Reservation not found",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public QuotaJson.ReservationJson get(@PathParam("account_id") String accountId,
                                         @PathParam("reservation_id") String reservationId) {
        PathIds.require("account_id", accountId, "reservation_id", reservationId);
        return QuotaJson.ReservationJson.of(holds.find(accountId, reservationId));
    }

    /** Releases a held reservation; one no longer held is answered as it is. */
    @POST
    @Path("/{reservation_id}/release")
    @Operation(summary = "Release a reservation",
            description = "Ends a held reservation (status released); one no longer held changes nothing.")
    @ApiResponse(responseCode = "200", description = "The reservation as it is now",
            content = @Content(schema = @Schema(implementation = QuotaJson.ReservationJson.class)))
    @ApiResponse(responseCode = "404", description = "Reservation not found",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    public QuotaJson.ReservationJson release(@PathParam("account_id") String accountId,
                                             @PathParam("reservation_id") String reservationId) {
        PathIds.require("account_id", accountId, "reservation_id", reservationId);
        return QuotaJson.ReservationJson.of(holds.release(accountId, reservationId));
    }

    /** The body as the domain's request: decoding and domain problems in one list, each at its field. */
    private static ReservationRequest decode(JsonNode root) {
        List<Violation> problems = new ArrayList<>();
        if (!FieldReader.isObject(root, List.of(), problems)) {
            throw new InvalidInputException(problems);
        }
        FieldReader fields = new FieldReader(root, List.of(), problems);
        String reservationId = fields.requiredString("reservation_id");
        Long tokens = fields.requiredInteger("tokens", 0, Hold.MAX_COUNT);
        Long requests = fields.optionalInteger("requests", 0, Hold.MAX_COUNT);
        String conversationId = fields.optionalString("conversation_id");
        Long ttl = fields.optionalInteger("ttl_seconds", ReservationRequest.MIN_TTL_SECONDS,
                ReservationRequest.MAX_TTL_SECONDS);
        return new Checks().addAll(problems).build(() -> ReservationRequest.of(reservationId, tokens, requests,
                conversationId, ttl));
    }
}

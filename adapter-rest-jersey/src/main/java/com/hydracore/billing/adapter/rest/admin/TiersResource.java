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
import com.hydracore.billing.application.port.in.ManageTiers;
import com.hydracore.billing.domain.catalog.BillingCycle;
import com.hydracore.billing.domain.catalog.LimitPolicy;
import com.hydracore.billing.domain.catalog.PlanLimits;
import com.hydracore.billing.domain.catalog.Tier;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Admin: the tier catalog. */
@Path("/v1/admin/tiers")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated(scope = Caller.BILLING_ADMIN)
@Tag(name = "Admin")
@SecurityRequirement(name = "bearerAuth", scopes = Caller.BILLING_ADMIN)
@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
@ApiResponse(responseCode = "403", description = "The token lacks billing:admin",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
public final class TiersResource {

    private static final List<String> CYCLES = Arrays.stream(BillingCycle.values()).map(BillingCycle::wireName).toList();

    private final ManageTiers tiers;

    /** Serves the catalog with {@code tiers}. */
    public TiersResource(ManageTiers tiers) {
        this.tiers = tiers;
    }

    /** Every tier, ordered by id. */
    @GET
    @Operation(summary = "List tiers")
    @ApiResponse(responseCode = "200", description = "The catalog",
            content = @Content(schema = @Schema(implementation = AdminJson.TiersJson.class)))
    public AdminJson.TiersJson list() {
        return new AdminJson.TiersJson(tiers.list().stream().map(AdminJson.TierJson::of).toList());
    }

    /** Inserts or replaces a tier. */
    @PUT
    @Path("/{tier_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a tier")
    @ApiResponse(responseCode = "200", description = "The stored tier",
            content = @Content(schema = @Schema(implementation = AdminJson.TierJson.class)))
    @ApiResponse(responseCode = "422", description = "Every problem of the body",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public AdminJson.TierJson put(
            @PathParam("tier_id") String tierId,
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AdminJson.TierJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        PathIds.require("tier_id", tierId);
        JsonNode root = JsonBody.required(body, headers);
        Tier tier = RequestInvalidException.locating(Location.BODY, () -> decode(tierId, root));
        return AdminJson.TierJson.of(tiers.put(tier));
    }

    /**
     * A tier from its JSON document (the PUT body, or one entry of a catalog file), {@code tierId} winning over the
     * document's optional {@code tier_id}, which must then be equal.
     *
     * @throws com.hydracore.billing.domain.validation.InvalidInputException listing every problem of the document,
     *     located relative to it
     */
    static Tier decode(String tierId, JsonNode root) {
        List<Violation> problems = new ArrayList<>();
        FieldReader fields = Bodies.fields(root, problems);
        String bodyId = fields.optionalString("tier_id");
        if (bodyId != null && !bodyId.equals(tierId)) {
            problems.add(Violation.of("tier_id", Violation.VALUE_ERROR,
                    "Value error, tier_id in the body must equal the tier_id of the path", bodyId));
        }
        String slug = fields.requiredString("tier_slug");
        String product = fields.requiredString("product_name");
        String plan = fields.requiredString("plan_name");
        Long price = fields.requiredInteger("price_cents", 0, Tier.MAX_PRICE_CENTS);
        BillingCycle cycle = fields.requiredEnum("billing_cycle", CYCLES, BillingCycle::fromWireName);
        Long trialDays = fields.requiredInteger("trial_days", 0, Tier.MAX_TRIAL_DAYS);
        Long tokens = fields.requiredInteger("token_allowance", 0, Long.MAX_VALUE);
        Long apiCalls = fields.requiredInteger("api_call_limit", 0, Long.MAX_VALUE);
        Long conversations = fields.requiredInteger("conversation_limit", 0, Long.MAX_VALUE);
        Long instances = fields.requiredInteger("instance_limit", 0, Long.MAX_VALUE);
        Long sites = fields.requiredInteger("max_sites_per_node", 0, Long.MAX_VALUE);
        LimitPolicy policy = limitPolicy(fields, problems);
        return Bodies.build(problems, () -> new Tier(tierId, Bodies.orPlaceholder(slug),
                Bodies.orPlaceholder(product), Bodies.orPlaceholder(plan), Bodies.orZero(price),
                cycle == null ? BillingCycle.MONTHLY : cycle, (int) Bodies.orZero(trialDays),
                new PlanLimits(Bodies.orZero(tokens), Bodies.orZero(apiCalls), Bodies.orZero(conversations),
                        Bodies.orZero(instances), Bodies.orZero(sites)), policy));
    }

    /** The optional {@code limit_policy} ({@code soft} when absent or null); a problem is added and soft stands in. */
    private static LimitPolicy limitPolicy(FieldReader fields, List<Violation> problems) {
        String text = fields.optionalString("limit_policy");
        if (fields.failed("limit_policy")) {
            return LimitPolicy.DEFAULT;
        }
        try {
            return LimitPolicy.parseOrDefault(text);
        } catch (InvalidInputException e) {
            problems.addAll(e.violations());
            return LimitPolicy.DEFAULT;
        }
    }
}

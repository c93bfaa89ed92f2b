package com.hydracore.billing.adapter.rest.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.adapter.rest.auth.Authenticated;
import com.hydracore.billing.adapter.rest.auth.Caller;
import com.hydracore.billing.adapter.rest.http.ErrorBodies;
import com.hydracore.billing.adapter.rest.http.FieldReader;
import com.hydracore.billing.adapter.rest.http.JsonBody;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException.Location;
import com.hydracore.billing.application.port.in.RecordUsage;
import com.hydracore.billing.application.port.in.RecordUsage.RecordUsageCommand;
import com.hydracore.billing.application.port.in.RecordUsage.Recorded;
import com.hydracore.billing.domain.usage.UsageBatch;
import com.hydracore.billing.domain.usage.UsageEvent;
import com.hydracore.billing.domain.usage.UsageEventDraft;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import com.hydracore.billing.domain.validation.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@code POST /v1/usage/events}: a batch of usage events, all or nothing, idempotent per event id. */
@Path("/v1/usage/events")
@Tag(name = "Usage")
public final class UsageEventsResource {

    /** Counter of events stored (Prometheus: {@code billing_usage_events_ingested_total}). */
    public static final String INGESTED_METRIC = "billing.usage.events.ingested";
    /** Counter of repeated events ignored (Prometheus: {@code billing_usage_events_duplicates_total}). */
    public static final String DUPLICATES_METRIC = "billing.usage.events.duplicates";

    private final RecordUsage recordUsage;
    private final Counter ingested;
    private final Counter duplicates;

    /** Records through {@code recordUsage} and counts into {@code registry}. */
    public UsageEventsResource(RecordUsage recordUsage, MeterRegistry registry) {
        this.recordUsage = recordUsage;
        this.ingested = Counter.builder(INGESTED_METRIC).description("Usage events stored").register(registry);
        this.duplicates = Counter.builder(DUPLICATES_METRIC).description("Usage events ignored as repeats")
                .register(registry);
    }

    /** Validates the whole batch, stores it or nothing, and says how many events were new. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Authenticated(scope = Caller.USAGE_WRITE)
    @SecurityRequirement(name = "bearerAuth", scopes = Caller.USAGE_WRITE)
    @Operation(summary = "Record usage events",
            description = "1 to 1000 events, body at most 2 MiB. All or nothing: any invalid event rejects the batch"
                    + " and the 422 lists every problem. A repeated event_id (per account) is a duplicate. Token"
                    + " rules: a tokens that differs from input_tokens + output_tokens is a 422 at tokens;"
                    + " cached_input_tokens + cache_write_tokens over input_tokens at the first of the two whose"
                    + " running sum passes it; reasoning_tokens over output_tokens at reasoning_tokens.")
    @ApiResponse(responseCode = "200", description = "Stored; durable and visible to every read",
            content = @Content(schema = @Schema(implementation = UsageJson.ResultJson.class)))
    @ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "403", description = "The token lacks usage:write",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "413", description = "Body larger than 2 MiB",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "415", description = "Body is not application/json",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "422", description = "Every problem of the batch",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public UsageJson.ResultJson record(
            @RequestBody(required = true, content = @Content(schema = @Schema(implementation = UsageJson.BatchJson.class)))
            InputStream body,
            @Context HttpHeaders headers) {
        // The tree is never a local here, so that nothing keeps it (a node and a map entry per field of every event)
        // reachable while the batch waits for its group's write: whatever a waiting batch holds, each young
        // collection meanwhile copies.
        RecordUsageCommand command = decode(JsonBody.required(body, headers));
        Recorded result = RequestInvalidException.locating(Location.BODY, () -> recordUsage.record(command));
        ingested.increment(result.accepted());
        duplicates.increment(result.duplicates());
        return new UsageJson.ResultJson(result.accepted(), result.duplicates());
    }

    /**
     * The batch as drafts, each carrying what could not be decoded in it (the domain reports it in place of what it
     * caused, each path once); a body that is no batch at all, or holds too few or too many events, is answered here.
     */
    private static RecordUsageCommand decode(JsonNode root) {
        List<Violation> problems = new ArrayList<>();
        if (!FieldReader.isObject(root, List.of(), problems)) {
            throw RequestInvalidException.at(Location.BODY, problems);
        }
        JsonNode events = root.get("events");
        if (events == null) {
            throw RequestInvalidException.at(Location.BODY,
                    List.of(Violation.of("events", Violation.MISSING, "Field required", null)));
        }
        if (!events.isArray()) {
            throw RequestInvalidException.at(Location.BODY,
                    List.of(Violation.of("events", Violation.LIST_TYPE, "Input should be a valid list", events)));
        }
        // Before decoding, so an oversized batch costs no per-event work and yields one problem.
        UsageBatch.sizeProblem(events.size()).ifPresent(problem -> {
            throw RequestInvalidException.at(Location.BODY, List.of(problem));
        });
        List<UsageEventDraft> drafts = new ArrayList<>(events.size());
        for (JsonNode event : events) {
            drafts.add(draft(event));
        }
        return new RecordUsageCommand(drafts);
    }

    /** One event as a draft, its decoding problems located relative to the event. */
    private static UsageEventDraft draft(JsonNode event) {
        List<Violation> decoding = new ArrayList<>();
        if (!FieldReader.isObject(event, List.of(), decoding)) {
            return UsageEventDraft.undecodable(decoding.get(0));
        }
        FieldReader fields = new FieldReader(event, List.of(), decoding);
        return new UsageEventDraft(
                fields.requiredString("account_id"),
                fields.requiredString("event_id"),
                fields.requiredString("instance_id"),
                fields.requiredDateTime("occurred_at"),
                // required only without input_tokens and output_tokens (the domain judges the rest of the rule);
                // missing, it is reported here, with the event as its input like every missing field
                event.hasNonNull("input_tokens") || event.hasNonNull("output_tokens")
                        ? fields.optionalInteger("tokens", 0, UsageEvent.MAX_COUNT)
                        : fields.requiredInteger("tokens", 0, UsageEvent.MAX_COUNT),
                fields.optionalInteger("requests", 0, UsageEvent.MAX_COUNT),
                fields.optionalDecimalText("cost_usd"),
                fields.optionalString("end_user_id"),
                fields.optionalString("conversation_id"),
                fields.optionalString("model"),
                fields.optionalInteger("input_tokens", 0, TokenBreakdown.MAX_TOKENS),
                fields.optionalInteger("output_tokens", 0, TokenBreakdown.MAX_TOKENS),
                fields.optionalInteger("cached_input_tokens", 0, TokenBreakdown.MAX_TOKENS),
                fields.optionalInteger("cache_write_tokens", 0, TokenBreakdown.MAX_TOKENS),
                fields.optionalInteger("reasoning_tokens", 0, TokenBreakdown.MAX_TOKENS),
                fields.optionalString("reservation_id"),
                decoding);
    }
}

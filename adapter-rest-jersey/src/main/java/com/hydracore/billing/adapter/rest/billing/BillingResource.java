package com.hydracore.billing.adapter.rest.billing;

import com.hydracore.billing.adapter.rest.auth.Authenticated;
import com.hydracore.billing.adapter.rest.auth.Caller;
import com.hydracore.billing.adapter.rest.http.ErrorBodies;
import com.hydracore.billing.adapter.rest.http.FieldReader;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException.Location;
import com.hydracore.billing.application.port.in.GetBillingOverview;
import com.hydracore.billing.application.port.in.GetTrialStatus;
import com.hydracore.billing.application.port.in.GetUsageBreakdown;
import com.hydracore.billing.application.port.in.GetUsageChart;
import com.hydracore.billing.domain.period.ZonedDays;
import com.hydracore.billing.domain.usage.DailySeries;
import com.hydracore.billing.domain.usage.llm.ModelName;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The billing page's four reads, always of the caller's own account. */
@Path("/v1/billing")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "Billing")
@SecurityRequirement(name = "bearerAuth")
@ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
        content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
public final class BillingResource {

    private final GetBillingOverview overview;
    private final GetTrialStatus trialStatus;
    private final GetUsageBreakdown usage;
    private final GetUsageChart chart;

    /** Serves the reads with these use cases. */
    public BillingResource(GetBillingOverview overview, GetTrialStatus trialStatus, GetUsageBreakdown usage,
                           GetUsageChart chart) {
        this.overview = overview;
        this.trialStatus = trialStatus;
        this.usage = usage;
        this.chart = chart;
    }

    /** Current plan and usage. */
    @GET
    @Operation(summary = "Get Billing", description = "Return current plan + usage for the billing page.")
    @ApiResponse(responseCode = "200", description = "Plan, live tier ids and the period's usage",
            content = @Content(schema = @Schema(implementation = BillingJson.OverviewJson.class)))
    public BillingJson.OverviewJson getBilling(@Context SecurityContext security) {
        return BillingJson.OverviewJson.of(overview.overview(Caller.of(security).accountId()));
    }

    /** Plan name, status and trial dates only. */
    @GET
    @Path("/trial-status")
    @Operation(summary = "Get Trial Status", description = "Fast trial status check — just subscription + trial dates.")
    @ApiResponse(responseCode = "200", description = "Trial status",
            content = @Content(schema = @Schema(implementation = BillingJson.TrialStatusJson.class)))
    public BillingJson.TrialStatusJson getTrialStatus(@Context SecurityContext security) {
        return BillingJson.TrialStatusJson.of(trialStatus.trialStatus(Caller.of(security).accountId()));
    }

    /** The period's usage split per instance. */
    @GET
    @Path("/usage")
    @Operation(summary = "Get Usage",
            description = "Detailed usage breakdown with per-instance split and allowance tracking.")
    @ApiResponse(responseCode = "200", description = "Usage of the current billing period",
            content = @Content(schema = @Schema(implementation = BillingJson.UsageJson.class)))
    public BillingJson.UsageJson getUsage(@Context SecurityContext security) {
        return BillingJson.UsageJson.of(usage.breakdown(Caller.of(security).accountId()));
    }

    /** Daily series in a time zone, optionally of one instance and/or one model. */
    @GET
    @Path("/usage/chart")
    @Operation(summary = "Get Usage Chart",
            description = "Daily usage time series in a time zone (UTC by default), optionally filtered to a single"
                    + " instance and/or a single model.")
    @ApiResponse(responseCode = "200", description = "One point per day of the zone, oldest first, zero-filled",
            content = @Content(schema = @Schema(implementation = BillingJson.ChartJson.class)))
    @ApiResponse(responseCode = "404", description = "The instance is not the caller's",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "422", description = "days is not an integer from 1 to 365, tz is not an IANA time-zone"
            + " id, or model is not 1 to 128 characters",
            content = @Content(schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public BillingJson.ChartJson getUsageChart(
            @Context SecurityContext security,
            @Parameter(description = "Days ending today (as tz sees it)",
                    schema = @Schema(type = "integer", defaultValue = "30", minimum = "1", maximum = "365"))
            @QueryParam("days") String days,
            @Parameter(description = "Only this instance of the caller's account")
            @QueryParam("instance_id") String instanceId,
            @Parameter(description = "Only this model's events (a model without usage gives zeros)",
                    schema = @Schema(type = "string", minLength = 1, maxLength = 128))
            @QueryParam("model") String model,
            @Parameter(description = "IANA time-zone id whose days the points are (Asia/Kolkata, America/New_York)",
                    schema = @Schema(type = "string", defaultValue = "UTC", example = "Asia/Kolkata"))
            @QueryParam("tz") String tz) {
        int dayCount = GetUsageChart.DEFAULT_DAYS;
        if (days != null) {
            List<Violation> problems = new ArrayList<>();
            Long parsed = FieldReader.integerText("days", days, 1, DailySeries.MAX_DAYS, problems);
            if (parsed == null) {
                throw RequestInvalidException.at(Location.QUERY, problems);
            }
            dayCount = parsed.intValue();
        }
        int chosen = dayCount;
        GetUsageChart.ChartQuery query = RequestInvalidException.locating(Location.QUERY, () -> {
            List<Violation> problems = new ArrayList<>(ModelName.problems(model));
            ZoneId zone = ZonedDays.UTC;
            try {
                zone = ZonedDays.zone(tz);
            } catch (InvalidInputException e) {
                problems.addAll(e.violations());
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return new GetUsageChart.ChartQuery(Caller.of(security).accountId(), chosen,
                    Optional.ofNullable(instanceId), Optional.ofNullable(model), zone);
        });
        return BillingJson.ChartJson.of(chart.chart(query));
    }
}

package com.hydracore.billing.adapter.rest.billing;

import com.hydracore.billing.adapter.rest.auth.Authenticated;
import com.hydracore.billing.adapter.rest.auth.Caller;
import com.hydracore.billing.adapter.rest.http.ErrorBodies;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException;
import com.hydracore.billing.adapter.rest.http.RequestInvalidException.Location;
import com.hydracore.billing.application.port.in.ExportUsage;
import com.hydracore.billing.application.port.in.ExportUsage.ExportQuery;
import com.hydracore.billing.domain.period.DayRange;
import com.hydracore.billing.domain.period.ZonedDays;
import com.hydracore.billing.domain.usage.UsageGrouping;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /v1/billing/usage/export}: the chart's numbers, day by day, as CSV or NDJSON, streamed. Every parameter
 * is checked before the first byte; the rows are then written as the one read of the sums hands them over, through a
 * small buffer, so a year of rows of a large account never sits whole in memory. No {@code @Produces}: the
 * {@code format} parameter decides the media type whatever {@code Accept} says.
 */
@Path("/v1/billing/usage/export")
@Authenticated
@Tag(name = "Billing")
@SecurityRequirement(name = "bearerAuth")
public final class UsageExportResource {

    /** Characters buffered before they are handed to the server (and then to the socket). */
    static final int BUFFER_CHARS = 16 * 1024;

    private final ExportUsage export;

    /** Serves the export with this use case. */
    public UsageExportResource(ExportUsage export) {
        this.export = export;
    }

    /** The usage of the days {@code from} … {@code to} of {@code tz}. */
    @GET
    @Operation(summary = "Export Usage", description = "The chart's numbers for the days from … to (inclusive, at most"
            + " 366) of the zone tz, as CSV (RFC 4180, a header row) or NDJSON, grouped by day (zero-filled), by day"
            + " and instance, or by day and model (only groups with usage). Rows by date, then by the group's key"
            + " ascending (model null last). Columns: date, [instance_id | model], tokens, input_tokens,"
            + " output_tokens, cached_input_tokens, cache_write_tokens, reasoning_tokens, requests, cost_usd.")
    @ApiResponse(responseCode = "200", description = "The rows, streamed",
            content = {@Content(mediaType = "text/csv", schema = @Schema(type = "string")),
                    @Content(mediaType = "application/x-ndjson", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "401", description = "Missing, invalid or expired token",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBodies.Detail.class)))
    @ApiResponse(responseCode = "422", description = "from or to missing or not a date, from after to, more than 366"
            + " days, an unknown tz, group_by or format",
            content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBodies.Problems.class)))
    public Response exportUsage(
            @Context SecurityContext security,
            @Parameter(required = true, description = "First date, YYYY-MM-DD", schema = @Schema(type = "string",
                    format = "date")) @QueryParam("from") String from,
            @Parameter(required = true, description = "Last date (inclusive), YYYY-MM-DD, at most 365 days after from",
                    schema = @Schema(type = "string", format = "date")) @QueryParam("to") String to,
            @Parameter(description = "Rows per day, per day and instance, or per day and model",
                    schema = @Schema(type = "string", defaultValue = "day",
                            allowableValues = {"day", "day,instance", "day,model"}))
            @QueryParam("group_by") String groupBy,
            @Parameter(description = "IANA time-zone id whose days the rows are",
                    schema = @Schema(type = "string", defaultValue = "UTC", example = "Asia/Kolkata"))
            @QueryParam("tz") String tz,
            @Parameter(description = "csv (text/csv; charset=utf-8) or ndjson (application/x-ndjson)",
                    schema = @Schema(type = "string", defaultValue = "csv", allowableValues = {"csv", "ndjson"}))
            @QueryParam("format") String format) {
        List<Violation> problems = new ArrayList<>();
        DayRange days = checked(problems, () -> DayRange.parse(from, to));
        ZoneId zone = checked(problems, () -> ZonedDays.zone(tz));
        UsageGrouping grouping = checked(problems, () -> UsageGrouping.parse(groupBy));
        ExportFormat body = checked(problems, () -> ExportFormat.parse(format));
        if (!problems.isEmpty()) {
            throw RequestInvalidException.at(Location.QUERY, problems);
        }
        ExportQuery query = new ExportQuery(Caller.of(security).accountId(), days, zone, grouping);
        StreamingOutput rows = output -> {
            Writer out = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), BUFFER_CHARS);
            body.writeHeader(out, grouping);
            try {
                export.export(query, row -> {
                    try {
                        body.writeRow(out, grouping, row);
                    } catch (IOException e) {
                        throw ExportFormat.unchecked(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.flush();
        };
        String file = "usage-" + days.from() + "-" + days.to() + "." + body.extension();
        return Response.ok(rows, body.mediaType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .build();
    }

    private static <T> T checked(List<Violation> problems, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (InvalidInputException e) {
            problems.addAll(e.violations());
            return null;
        }
    }
}

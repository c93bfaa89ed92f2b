package com.hydracore.billing.adapter.rest.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** {@code /metrics} in the Prometheus text format; no token needed. */
@Path("/metrics")
@Tag(name = "Operations")
public final class MetricsResource {

    /** The Prometheus text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    /** Exposes {@code registry}. */
    public MetricsResource(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** Every meter of the registry. */
    @GET
    @Produces(CONTENT_TYPE)
    @Operation(summary = "Prometheus metrics",
            description = "http_server_requests_seconds (count and histogram per method, route, status),"
                    + " billing_usage_events_ingested_total, billing_usage_events_duplicates_total, pool gauges.")
    public Response scrape() {
        return Response.ok(registry.scrape(), CONTENT_TYPE).build();
    }
}

package com.hydracore.billing.adapter.rest;

import com.hydracore.billing.adapter.rest.quota.QuotaResource;
import com.hydracore.billing.adapter.rest.quota.ReservationsResource;
import com.hydracore.billing.adapter.rest.admin.InventoryResource;
import com.hydracore.billing.adapter.rest.admin.SubscriptionsResource;
import com.hydracore.billing.adapter.rest.admin.TiersResource;
import com.hydracore.billing.adapter.rest.admin.WebhooksResource;
import com.hydracore.billing.adapter.rest.auth.BearerAuthFeature;
import com.hydracore.billing.adapter.rest.auth.TokenVerifier;
import com.hydracore.billing.adapter.rest.billing.BillingResource;
import com.hydracore.billing.adapter.rest.billing.UsageExportResource;
import com.hydracore.billing.adapter.rest.edge.DirectReads;
import com.hydracore.billing.adapter.rest.http.ErrorMappers;
import com.hydracore.billing.adapter.rest.http.ObjectMapperResolver;
import com.hydracore.billing.adapter.rest.http.PlainJsonWriting;
import com.hydracore.billing.adapter.rest.http.Observability;
import com.hydracore.billing.adapter.rest.http.RequestIds;
import com.hydracore.billing.adapter.rest.http.StrictUri;
import com.hydracore.billing.adapter.rest.ops.BillingPageResource;
import com.hydracore.billing.adapter.rest.ops.HealthResource;
import com.hydracore.billing.adapter.rest.ops.MetricsResource;
import com.hydracore.billing.adapter.rest.ops.OpenApiResource;
import com.hydracore.billing.adapter.rest.usage.UsageEventsResource;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The HTTP API: one {@link ResourceConfig} factory used by the server and the tests; {@link
 * com.hydracore.billing.adapter.rest.edge.HttpEdge} serves it.
 */
public final class RestApi {

    // Jersey warns that every resource registered as an instance "will be ignored"; it is not (Jersey issue #3700,
    // cosmetic). Held statically so the filter is not lost with a garbage-collected logger.
    private static final Logger JERSEY_PROVIDERS_LOG = quietResourceInstanceWarnings();
    // A client that goes away (or is cut for reading too slowly) while its answer is written is not a server error,
    // and a stack trace per such client would let anyone flood the log: Jersey's SEVERE for it is dropped (the edge
    // counts cut connections in billing_http_connections_cut_total).
    private static final Logger JERSEY_RESPONDER_LOG = quietClientsGone();

    private RestApi() {
    }

    private static Logger quietClientsGone() {
        Logger logger = Logger.getLogger("org.glassfish.jersey.server.ServerRuntime$Responder");
        logger.setFilter(entry -> !(entry.getMessage() != null
                && entry.getMessage().startsWith("An I/O error has occurred while writing a response")
                && causedByIo(entry.getThrown())));
        return logger;
    }

    private static boolean causedByIo(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static Logger quietResourceInstanceWarnings() {
        Logger logger =
                Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");
        String ours = RestApi.class.getPackageName() + ".";
        logger.setFilter(entry -> entry.getMessage() == null || !entry.getMessage().contains(ours)
                || !entry.getMessage().contains("does not implement any provider interfaces"));
        return logger;
    }

    /**
     * Every endpoint of the contract, wired to {@code useCases}.
     *
     * @param useCases  the application
     * @param auth      how tokens are verified
     * @param readiness what {@code /readyz} asks
     * @param registry  where request and ingestion metrics go, and what {@code /metrics} shows
     * @param clock     the clock tokens are judged by
     * @throws IllegalArgumentException when the JWK set file cannot be read
     */
    public static ResourceConfig resourceConfig(UseCases useCases, AuthSettings auth, ReadinessProbe readiness,
                                                PrometheusMeterRegistry registry, Clock clock) {
        ResourceConfig config = new ResourceConfig();
        // Only what is registered here runs: no provider found on the classpath (Jackson's, MOXy, WADL, bean
        // validation) can decode a body, answer an error or negotiate a format behind our back.
        config.property(CommonProperties.FEATURE_AUTO_DISCOVERY_DISABLE, true);
        config.property(CommonProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
        config.property(CommonProperties.MOXY_JSON_FEATURE_DISABLE, true);
        config.property(CommonProperties.JSON_PROCESSING_FEATURE_DISABLE, true);
        config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        config.property(ServerProperties.BV_FEATURE_DISABLE, true);
        // Error answers keep our JSON body instead of Grizzly's HTML error page.
        config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);

        // Jackson, configured once: answers are written with Json.mapper(); Jackson's own exception mappers stay
        // out so a mapping failure is our plain 500, never Jackson's message.
        config.register(JacksonFeature.withoutExceptionMappers());
        config.register(new ObjectMapperResolver());
        config.register(new PlainJsonWriting());
        config.register(new RequestIds());
        config.register(new StrictUri.Paths());
        config.register(new StrictUri.Queries());
        Observability observability = new Observability(registry);
        config.register(observability);
        BearerAuthFeature bearer = new BearerAuthFeature(new TokenVerifier(auth, clock));
        config.register(bearer);
        ErrorMappers.all().forEach(config::register);

        List<Object> hotReads = new ArrayList<>();
        BillingResource billing = new BillingResource(useCases.overview(), useCases.trialStatus(), useCases.usage(),
                useCases.chart());
        config.register(billing);
        hotReads.add(billing);
        if (useCases.export() != null) {
            config.register(new UsageExportResource(useCases.export()));
        }
        config.register(new UsageEventsResource(useCases.recordUsage(), registry));
        config.register(new TiersResource(useCases.tiers()));
        config.register(new SubscriptionsResource(useCases.subscriptions()));
        config.register(new InventoryResource(useCases.inventory()));
        if (useCases.webhooks() != null) {
            config.register(new WebhooksResource(useCases.webhooks()));
        }
        if (useCases.quota() != null && useCases.holds() != null) {
            QuotaResource quota = new QuotaResource(useCases.quota());
            config.register(quota);
            hotReads.add(quota);
            config.register(new ReservationsResource(useCases.holds()));
        }
        config.register(new HealthResource(readiness));
        config.register(new MetricsResource(registry));
        config.register(new OpenApiResource());
        config.register(new BillingPageResource());
        // The reads a page or a router makes on every load skip Jersey (its routing, injection and filters cost
        // several times the read): the edge answers them with what Jersey runs around the resource method.
        config.property(DirectReads.PROPERTY, DirectResourceReads.of(bearer, observability, hotReads));
        return config;
    }
}

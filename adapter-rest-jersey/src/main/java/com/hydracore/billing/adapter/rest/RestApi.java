package com.hydracore.billing.adapter.rest;

import com.hydracore.billing.adapter.rest.admin.InventoryResource;
import com.hydracore.billing.adapter.rest.admin.SubscriptionsResource;
import com.hydracore.billing.adapter.rest.admin.TiersResource;
import com.hydracore.billing.adapter.rest.auth.BearerAuthFeature;
import com.hydracore.billing.adapter.rest.auth.TokenVerifier;
import com.hydracore.billing.adapter.rest.billing.BillingResource;
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
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The HTTP API: one {@link ResourceConfig} factory used by the server and the tests, and the Grizzly server. */
public final class RestApi {

    // Jersey warns that every resource registered as an instance "will be ignored"; it is not (Jersey issue #3700,
    // cosmetic). Held statically so the filter is not lost with a garbage-collected logger.
    private static final Logger JERSEY_PROVIDERS_LOG = quietResourceInstanceWarnings();

    private RestApi() {
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
        config.register(new Observability(registry));
        config.register(new BearerAuthFeature(new TokenVerifier(auth, clock)));
        ErrorMappers.all().forEach(config::register);

        config.register(new BillingResource(useCases.overview(), useCases.trialStatus(), useCases.usage(),
                useCases.chart()));
        config.register(new UsageEventsResource(useCases.recordUsage(), clock, registry));
        config.register(new TiersResource(useCases.tiers()));
        config.register(new SubscriptionsResource(useCases.subscriptions()));
        config.register(new InventoryResource(useCases.inventory()));
        config.register(new HealthResource(readiness));
        config.register(new MetricsResource(registry));
        config.register(new OpenApiResource());
        config.register(new BillingPageResource());
        return config;
    }

    /**
     * Starts Grizzly on {@code baseUri} (port 0 picks a free port; read it from the server's listener) with
     * {@code workerThreads} threads serving requests.
     *
     * @throws UncheckedIOException when the port cannot be bound
     */
    public static HttpServer start(URI baseUri, ResourceConfig config, int workerThreads) {
        HttpServer server = GrizzlyHttpServerFactory.createHttpServer(baseUri, config, false);
        // Grizzly's default is a few threads per core, sized for handlers that never wait; ours wait on the
        // database, and ingestion's grouped writes form only from requests being served at the same time.
        server.getListeners().forEach(listener -> listener.getTransport().setWorkerThreadPoolConfig(
                ThreadPoolConfig.defaultConfig().copy().setPoolName("billing-http")
                        .setCorePoolSize(workerThreads).setMaxPoolSize(workerThreads)));
        ServerConfiguration serverConfiguration = server.getServerConfiguration();
        Map<HttpHandler, HttpHandlerRegistration[]> handlers =
                new LinkedHashMap<>(serverConfiguration.getHttpHandlersWithMapping());
        handlers.forEach((handler, registrations) -> {
            serverConfiguration.removeHttpHandler(handler);
            serverConfiguration.addHttpHandler(new PreparedForJersey(handler), registrations);
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the HTTP server on " + baseUri, e);
        }
        return server;
    }

    /** The port {@code server} listens on (useful after starting on port 0). */
    public static int port(HttpServer server) {
        return server.getListeners().iterator().next().getPort();
    }

    /**
     * What Grizzly hands over is made fit for Jersey:
     * <ul>
     *   <li>Grizzly stops writing {@code Content-Type} (and other content headers) when a request carries
     *       {@code Upgrade: h2c}, which Java's HttpClient and {@code curl --http2} send by default. We never upgrade,
     *       so the answer is a plain HTTP/1.1 one and must keep its headers.</li>
     *   <li>Jersey builds a {@link URI} from the request line and answers Grizzly's HTML 500 page, stack trace
     *       included, when it cannot ({@code %zz}, a raw byte above 0x7F or a control). The path and query are
     *       re-encoded so it always can; {@link StrictUri} then judges their bytes.</li>
     * </ul>
     */
    private static final class PreparedForJersey extends HttpHandler {

        private final HttpHandler delegate;

        PreparedForJersey(HttpHandler delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public void service(Request request, Response response) throws Exception {
            HttpRequestPacket packet = request.getRequest();
            packet.setIgnoreContentModifiers(false);
            // Read one character per byte, so that every byte received is still there to be judged.
            String path = packet.getRequestURIRef().getRequestURIBC().toString(StandardCharsets.ISO_8859_1);
            String representablePath = StrictUri.representable(path);
            if (!representablePath.equals(path)) {
                packet.setRequestURI(representablePath);
            }
            DataChunk query = packet.getQueryStringDC();
            if (!query.isNull()) {
                String raw = query.toString(StandardCharsets.ISO_8859_1);
                String representable = StrictUri.representable(raw);
                if (!representable.equals(raw)) {
                    packet.setQueryString(representable);
                }
            }
            delegate.service(request, response);
        }

        @Override
        public void start() {
            delegate.start();
        }

        @Override
        public void destroy() {
            delegate.destroy();
        }
    }
}

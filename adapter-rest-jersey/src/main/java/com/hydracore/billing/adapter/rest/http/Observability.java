package com.hydracore.billing.adapter.rest.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Once per request, when its answer is written: the request metric (count and latency histogram per method, route
 * template and status) and one access-log line. Routes are templates ({@code /v1/admin/tiers/{tier_id}}), never raw
 * paths, so ids do not explode the metric's cardinality.
 */
public final class Observability implements ApplicationEventListener {

    /** The logger of the access log, one line per request. */
    public static final String ACCESS_LOGGER = "com.hydracore.billing.access";
    /** The request metric's name (Prometheus: {@code http_server_requests_seconds_*}). */
    public static final String REQUEST_METRIC = "http.server.requests";
    /** The route recorded for a request no resource matched. */
    public static final String UNMATCHED = "UNMATCHED";

    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);
    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");
    // A dozen latency buckets from 5 ms to 10 s: enough for SLOs and heat maps, cheap per route.
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    // Timer.builder(...).register(...) allocates a builder, tags and an id and looks the meter up: once per series
    // instead of once per request. As bounded as the series are: known methods, route templates, statuses.
    private final ConcurrentMap<Series, Timer> timers = new ConcurrentHashMap<>();

    /** Records into {@code registry}. */
    public Observability(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(ApplicationEvent event) {
        // nothing to do at application level
    }

    @Override
    public RequestEventListener onRequest(RequestEvent requestEvent) {
        return new PerRequest(System.nanoTime());
    }

    private final class PerRequest implements RequestEventListener {

        private final long startNanos;
        private String requestId;
        private String account = "-";

        PerRequest(long startNanos) {
            this.startNanos = startNanos;
        }

        @Override
        public void onEvent(RequestEvent event) {
            if (event.getType() == RequestEvent.Type.RESP_FILTERS_START) {
                // Read while the request is being answered: by FINISHED the answer has gone out and the server may
                // already have recycled the request these come from.
                requestId = RequestIds.of(event.getContainerRequest());
                account = account(event.getContainerRequest().getSecurityContext());
                return;
            }
            if (event.getType() != RequestEvent.Type.FINISHED) {
                return;
            }
            try {
                record(event);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        }

        private void record(RequestEvent event) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            ContainerRequest request = event.getContainerRequest();
            ContainerResponse response = event.getContainerResponse();
            int status = response == null ? 500 : response.getStatus();
            String method = request.getMethod().toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                method = "OTHER"; // made-up methods must not mint new series
            }
            served(method, route(event.getUriInfo()), status, elapsed, requestId, account);
        }
    }

    /**
     * Records one request answered: its metric and its access-log line. Jersey's requests come here when their answer
     * is written; the edge's {@link com.hydracore.billing.adapter.rest.edge.DirectReads} call it themselves.
     *
     * @param method  a known method in upper case, or {@code OTHER}
     * @param route   the route template, or {@value #UNMATCHED}
     * @param account the caller's account, or {@code -}
     */
    public void served(String method, String route, int status, Duration elapsed, String requestId, String account) {
        timer(new Series(method, route, status)).record(elapsed);
        ACCESS.info("method={} route={} status={} duration_ms={} request_id={} account_id={}", method, route, status,
                milliseconds(elapsed), requestId, account);
    }

    private Timer timer(Series series) {
        Timer timer = timers.get(series);
        return timer != null ? timer : timers.computeIfAbsent(series, this::register);
    }

    private Timer register(Series series) {
        return Timer.builder(REQUEST_METRIC)
                .description("HTTP requests served, by method, route template and status")
                .tags("method", series.method(), "route", series.route(),
                        "status", Integer.toString(series.status()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** One series of the request metric. */
    private record Series(String method, String route, int status) {
    }

    /** Milliseconds with one decimal, e.g. {@code 12.3}: String.format cost as much as the rest of the line. */
    static String milliseconds(Duration elapsed) {
        long tenths = (elapsed.toNanos() + 50_000) / 100_000;
        return tenths / 10 + "." + tenths % 10;
    }

    /** The matched route template, e.g. {@code /v1/billing/usage/chart}, or {@value #UNMATCHED}. */
    static String route(ExtendedUriInfo uriInfo) {
        List<UriTemplate> templates = uriInfo == null ? List.of() : uriInfo.getMatchedTemplates();
        if (templates.isEmpty()) {
            return UNMATCHED;
        }
        StringBuilder path = new StringBuilder();
        for (int i = templates.size() - 1; i >= 0; i--) {
            String part = templates.get(i).getTemplate();
            if (!part.startsWith("/")) {
                path.append('/');
            }
            path.append(part);
        }
        String joined = path.indexOf("//") < 0 ? path.toString() : collapseSlashes(path);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    // What replaceAll("/{2,}", "/") did, without compiling and running a regex on every request.
    private static String collapseSlashes(CharSequence path) {
        StringBuilder collapsed = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c != '/' || collapsed.length() == 0 || collapsed.charAt(collapsed.length() - 1) != '/') {
                collapsed.append(c);
            }
        }
        return collapsed.toString();
    }

    private static String account(SecurityContext security) {
        Principal caller = security == null ? null : security.getUserPrincipal();
        return caller == null ? "-" : caller.getName();
    }
}

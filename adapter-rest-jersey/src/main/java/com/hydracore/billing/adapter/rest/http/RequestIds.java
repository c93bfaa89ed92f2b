package com.hydracore.billing.adapter.rest.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id (the caller's {@code X-Request-Id} when it is sane, else a new one), puts it in the
 * logging context and on the response.
 *
 * <p>Also ignores {@code Accept}: the API answers JSON whatever the client asks, as FastAPI does, instead of a 406.
 */
@PreMatching
@Priority(0)
public final class RequestIds implements ContainerRequestFilter, ContainerResponseFilter {

    /** The header carrying the id both ways. */
    public static final String HEADER = "X-Request-Id";
    /** The SLF4J MDC key holding the id while the request is served. */
    public static final String MDC_KEY = "request_id";
    /** The request property holding the id. */
    public static final String PROPERTY = "billing.request_id";

    // Printable ASCII without spaces, bounded: safe to echo in a header and to write in a log line.
    private static final Pattern SANE = Pattern.compile("[!-~]{1,128}");

    @Override
    public void filter(ContainerRequestContext request) {
        String offered = request.getHeaderString(HEADER);
        String id = idFor(offered);
        request.setProperty(PROPERTY, id);
        MDC.put(MDC_KEY, id);
        request.getHeaders().remove(HttpHeaders.ACCEPT);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        response.getHeaders().putSingle(HEADER, id != null ? id : UUID.randomUUID().toString());
    }

    /** The id to answer with: {@code offered} when it is 1–128 visible ASCII characters, else a new UUID. */
    public static String idFor(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** The id of {@code request}, or {@code null} before the filter ran. */
    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? null : id.toString();
    }
}

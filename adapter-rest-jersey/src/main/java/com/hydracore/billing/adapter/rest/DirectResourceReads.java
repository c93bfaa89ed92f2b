package com.hydracore.billing.adapter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hydracore.billing.adapter.rest.auth.Authenticated;
import com.hydracore.billing.adapter.rest.auth.BearerAuthFeature;
import com.hydracore.billing.adapter.rest.auth.Caller;
import com.hydracore.billing.adapter.rest.edge.DirectReads;
import com.hydracore.billing.adapter.rest.http.ErrorMappers;
import com.hydracore.billing.adapter.rest.http.Json;
import com.hydracore.billing.adapter.rest.http.Observability;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The edge's {@link DirectReads}: the authenticated GETs of the resources given whose only parameter is the caller
 * (the overview, usage breakdown, trial status and quota), found by their JAX-RS annotations, so each path is still
 * written once, on its resource method.
 *
 * <p>For such a GET it does what Jersey does around the method: the {@link Authenticated} bearer check, the method,
 * Jackson with {@link Json#mapper()}, the request metric and access-log line. Refusals and database outages are
 * answered with the error mappers' answers ({@link ErrorMappers#expected}). Any other failure is declined, and Jersey
 * serves the request from the start, so a bug is answered and logged in the one place it always is.
 */
final class DirectResourceReads implements DirectReads {

    /**
     * The JSON kept, in bytes: bounded by size, not count, since a breakdown grows with the account's instances (a few
     * kB for 20); the answers kept beside it are of the same order.
     */
    static final long WRITTEN_BYTES = 4L * 1024 * 1024;

    private final Map<String, Route> routes;
    private final BearerAuthFeature auth;
    private final Observability observability;
    /**
     * The last answer of each read and account with its JSON: a page loaded again unchanged gives an equal answer,
     * whose JSON is the same (the answers are records of strings, numbers and lists, whose equality is their JSON's),
     * and comparing them costs a small part of writing them with Jackson.
     */
    private final Cache<Asked, Written> written = Caffeine.newBuilder().maximumWeight(WRITTEN_BYTES)
            .<Asked, Written>weigher((asked, kept) -> kept.json().length).build();

    private record Asked(String template, String account) {
    }

    private record Written(Object body, byte[] json) {
    }

    private DirectResourceReads(Map<String, Route> routes, BearerAuthFeature auth, Observability observability) {
        this.routes = Map.copyOf(routes);
        this.auth = auth;
        this.observability = observability;
    }

    /** One read: its route template (the path itself, since it has no parameters) and how it is answered. */
    private record Route(String template, String scope, Object resource, Method method) {
    }

    /**
     * The direct reads of {@code resources}, checked with {@code auth} and recorded in {@code observability}.
     *
     * @throws IllegalStateException when two of them claim the same path
     */
    static DirectResourceReads of(BearerAuthFeature auth, Observability observability, List<Object> resources) {
        Map<String, Route> routes = new HashMap<>();
        for (Object resource : resources) {
            Class<?> type = resource.getClass();
            for (Method method : type.getMethods()) {
                Authenticated marker = method.isAnnotationPresent(Authenticated.class)
                        ? method.getAnnotation(Authenticated.class) : type.getAnnotation(Authenticated.class);
                if (marker == null || !method.isAnnotationPresent(GET.class) || !takesOnlyTheCaller(method)
                        || !method.getReturnType().isRecord() || !producesJson(type, method)) {
                    continue;
                }
                String template = template(type.getAnnotation(Path.class), method.getAnnotation(Path.class));
                if (template.indexOf('{') >= 0) {
                    continue;
                }
                Route previous = routes.put(template, new Route(template, marker.scope(), resource, method));
                if (previous != null) {
                    throw new IllegalStateException("two direct reads of " + template);
                }
            }
        }
        return new DirectResourceReads(routes, auth, observability);
    }

    /** The paths answered directly. */
    List<String> paths() {
        return routes.keySet().stream().sorted().toList();
    }

    private static boolean takesOnlyTheCaller(Method method) {
        return method.getParameterCount() == 1 && method.getParameterTypes()[0] == SecurityContext.class
                && method.getParameters()[0].isAnnotationPresent(Context.class);
    }

    private static boolean producesJson(Class<?> type, Method method) {
        Produces produces = method.isAnnotationPresent(Produces.class)
                ? method.getAnnotation(Produces.class) : type.getAnnotation(Produces.class);
        return produces != null && Arrays.asList(produces.value()).contains(MediaType.APPLICATION_JSON);
    }

    private static String template(Path base, Path sub) {
        String joined = Arrays.stream(new Path[] {base, sub})
                .filter(path -> path != null)
                .flatMap(path -> Arrays.stream(path.value().split("/")))
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining("/"));
        return "/" + joined;
    }

    @Override
    public boolean covers(String path) {
        return routes.containsKey(path);
    }

    @Override
    public Answer answer(String path, String authorization, String requestId) {
        long start = System.nanoTime();
        Route route = routes.get(path);
        if (route == null) {
            return null;
        }
        String account = "-";
        Answer answer;
        try {
            Caller caller = auth.caller(authorization, route.scope());
            account = caller.accountId();
            answer = new Answer(200, Map.of(), jsonOf(new Asked(route.template(), account), invoke(route, caller)));
        } catch (RuntimeException e) {
            Optional<Response> expected = ErrorMappers.expected(e);
            if (expected.isEmpty()) {
                return null; // a bug: the application answers it, and logs it
            }
            answer = answerOf(expected.get());
        }
        observability.served("GET", route.template(), answer.status(), Duration.ofNanos(System.nanoTime() - start),
                requestId, account);
        return answer;
    }

    private static Object invoke(Route route, Caller caller) {
        try {
            // Not secure: the resource methods read only the caller from it, and the edge serves plain HTTP.
            return route.method().invoke(route.resource(), BearerAuthFeature.securityContext(caller, false));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] jsonOf(Asked asked, Object body) {
        Written last = written.getIfPresent(asked);
        if (last != null && last.body().equals(body)) {
            return last.json();
        }
        byte[] json = json(body);
        written.put(asked, new Written(body, json));
        return json;
    }

    private static byte[] json(Object body) {
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getName(), e);
        }
    }

    private static Answer answerOf(Response response) {
        Map<String, String> headers = new HashMap<>();
        response.getStringHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE) && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        });
        return new Answer(response.getStatus(), headers, json(response.getEntity()));
    }
}

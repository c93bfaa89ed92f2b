package com.hydracore.billing.adapter.rest.ops;

import com.hydracore.billing.adapter.rest.http.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The billing page: {@code /billing} is {@code billing-page/index.html} from the classpath, {@code /billing/assets/x}
 * any other file of that folder (a bare file name: no sub-folders, no way out of it), and
 * {@code /billing/assets/chart.umd.js} Chart.js from its WebJar, so the page needs nothing from the internet.
 */
@Path("/billing")
@Tag(name = "Operations")
public final class BillingPageResource {

    /** The classpath folder holding the page's files. */
    public static final String FOLDER = "billing-page/";
    /** The asset name Chart.js is served under. */
    public static final String CHART_JS = "chart.umd.js";

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*");
    private static final String CHART_JS_POM = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final ClassLoader classLoader = BillingPageResource.class.getClassLoader();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** The page. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The billing page (HTML)")
    public Response page() {
        return serve("index.html", FOLDER + "index.html", "no-cache");
    }

    /** A file of the page, or Chart.js. */
    @GET
    @Path("/assets/{file}")
    @Hidden
    public Response asset(@PathParam("file") String file) {
        if (CHART_JS.equals(file)) {
            return chartJsPath().map(path -> serve(file, path, "public, max-age=86400"))
                    .orElseThrow(BillingPageResource::notFound);
        }
        if (!FILE_NAME.matcher(file).matches()) {
            throw notFound();
        }
        return serve(file, FOLDER + file, "no-cache");
    }

    private Response serve(String name, String resource, String cacheControl) {
        byte[] bytes = cache.get(resource);
        if (bytes == null) {
            // Only files that exist are kept: caching misses would let any made-up name take memory forever.
            bytes = load(resource).orElseThrow(BillingPageResource::notFound);
            cache.put(resource, bytes);
        }
        return Response.ok(bytes, contentType(name))
                .header("Cache-Control", cacheControl)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private Optional<byte[]> load(String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    // The WebJar's folder carries its version; read it from the jar so a version bump needs no code change.
    private Optional<String> chartJsPath() {
        try (InputStream in = classLoader.getResourceAsStream(CHART_JS_POM)) {
            if (in == null) {
                return Optional.empty();
            }
            Properties pom = new Properties();
            pom.load(in);
            String version = pom.getProperty("version");
            return version == null ? Optional.empty()
                    : Optional.of("META-INF/resources/webjars/chart.js/" + version + "/dist/" + CHART_JS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CHART_JS_POM, e);
        }
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, MediaType.APPLICATION_OCTET_STREAM);
    }

    private static ApiException notFound() {
        return new ApiException(404, "Not Found");
    }
}

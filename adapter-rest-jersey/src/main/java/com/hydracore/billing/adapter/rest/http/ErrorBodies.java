package com.hydracore.billing.adapter.rest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.hydracore.billing.domain.validation.Violation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** FastAPI's error shapes: {@code {"detail": "..."}} and the 422 list of {@code {type, loc, msg, input}}. */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    /** The body {@code {"detail": detail}}. */
    @Schema(name = "HTTPError", description = "Every error but 422")
    public record Detail(String detail) {
    }

    /** The 402 of a refused hold (API §7). */
    @Schema(name = "QuotaExceeded")
    public record QuotaExceeded(@Schema(example = "Quota exceeded") String detail,
                                @Schema(allowableValues = {"tokens", "api_calls", "conversations", "instances"})
                                String metric,
                                @Schema(description = "That quota's remaining before the hold") long remaining) {
    }

    /** One 422 entry, as pydantic writes it. */
    @Schema(name = "ValidationError")
    public record Problem(@Schema(description = "pydantic's error type, e.g. int_parsing, missing") String type,
                          @ArraySchema(schema = @Schema(oneOf = {String.class, Integer.class}),
                                  arraySchema = @Schema(description = "Starts with body, query, path or header"))
                          List<Object> loc,
                          String msg,
                          @Schema(description = "The offending value", nullable = true) Object input) {
    }

    /** The 422 body. */
    @Schema(name = "HTTPValidationError")
    public record Problems(List<Problem> detail) {
    }

    /** {@code status} with {@code {"detail": detail}}. */
    public static Response detail(int status, String detail) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new Detail(detail)).build();
    }

    /** 422 listing every violation (already located from the request's root). */
    public static Response unprocessable(List<Violation> violations) {
        List<Problem> problems = new ArrayList<>(violations.size());
        for (Violation v : violations) {
            problems.add(new Problem(v.type(), v.path(), v.message(), jsonSafe(v.input())));
        }
        return Response.status(422).type(MediaType.APPLICATION_JSON_TYPE).entity(new Problems(problems)).build();
    }

    // The offending value goes back to the caller as JSON; anything that is not plain JSON data is shown as text so
    // that no Java type ever leaks into a body.
    private static Object jsonSafe(Object input) {
        if (input == null || input instanceof String || input instanceof Boolean || input instanceof Integer
                || input instanceof Long || input instanceof BigInteger || input instanceof BigDecimal
                || input instanceof JsonNode) {
            return input;
        }
        if (input instanceof Instant) {
            return Json.instant((Instant) input);
        }
        if (input instanceof List<?>) {
            List<Object> copy = new ArrayList<>();
            ((List<?>) input).forEach(item -> copy.add(jsonSafe(item)));
            return copy;
        }
        if (input instanceof Map<?, ?>) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<?, ?>) input).forEach((k, val) -> copy.put(String.valueOf(k), jsonSafe(val)));
            return copy;
        }
        if (input instanceof Number) {
            return new BigDecimal(input.toString());
        }
        return input.toString();
    }
}

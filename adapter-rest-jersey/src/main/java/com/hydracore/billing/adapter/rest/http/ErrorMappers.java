package com.hydracore.billing.adapter.rest.http;

import com.hydracore.billing.application.error.ConflictException;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.error.QuotaExceededException;
import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.domain.validation.InvalidInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns every failure into one of the contract's error bodies. Messages shown come from our own exceptions or from
 * a fixed table; never from Jersey, Jackson or the database, so no stack trace, SQL or class name can leak.
 */
public final class ErrorMappers {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);

    /** When a client may try again after a database outage answer (API §9): about the wait for a connection. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "2";

    private ErrorMappers() {
    }

    /** Every mapper, to register on the resource config. */
    public static List<Object> all() {
        return List.of(new Api(), new RequestInvalid(), new InvalidInput(), new NotFound(), new Conflict(),
                new QuotaExceeded(), new StoreUnavailable(), new Jaxrs(), new Unexpected());
    }

    /** The detail shown for a status when no more precise message exists. */
    public static String standardDetail(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Not authenticated";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 405: return "Method Not Allowed";
            case 406: return "Not Acceptable";
            case 409: return "Conflict";
            case 411: return "Length Required";
            case 413: return "Request Entity Too Large";
            case 414: return "URI Too Long";
            case 415: return "Unsupported Media Type";
            case 431: return "Request Header Fields Too Large";
            case 503: return "Service Unavailable";
            default:
                Response.Status known = Response.Status.fromStatusCode(status);
                if (status >= 500) {
                    return "Internal Server Error";
                }
                return known == null ? "Error" : known.getReasonPhrase();
        }
    }

    /**
     * The answer to a failure that is not a bug, as the mappers give it: an {@link ApiException} (a refused token,
     * say) or a database outage. Empty for anything else, which only the application's mappers answer (and log).
     */
    public static Optional<Response> expected(Throwable failure) {
        if (failure instanceof ApiException api) {
            return Optional.of(new Api().toResponse(api));
        }
        return StoreUnavailableException.in(failure).map(ErrorMappers::databaseUnavailable);
    }

    /** Errors the adapter decided. */
    static final class Api implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            Response.ResponseBuilder answer = Response.fromResponse(ErrorBodies.detail(e.status(), e.detail()));
            for (Map.Entry<String, String> header : e.headers().entrySet()) {
                answer.header(header.getKey(), header.getValue());
            }
            return answer.build();
        }
    }

    /** 422 with every located problem. */
    static final class RequestInvalid implements ExceptionMapper<RequestInvalidException> {
        @Override
        public Response toResponse(RequestInvalidException e) {
            return ErrorBodies.unprocessable(e.violations());
        }
    }

    /** An application validation that a resource did not locate: bodies are where input comes from. */
    static final class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return ErrorBodies.unprocessable(e.under(RequestInvalidException.Location.BODY.wireName()).violations());
        }
    }

    /** The application's "not found", with its message ("Instance not found"...). */
    static final class NotFound implements ExceptionMapper<NotFoundException> {
        @Override
        public Response toResponse(NotFoundException e) {
            return ErrorBodies.detail(404, e.getMessage());
        }
    }

    /** A refused transition, with the application's reason. */
    static final class Conflict implements ExceptionMapper<ConflictException> {
        @Override
        public Response toResponse(ConflictException e) {
            return ErrorBodies.detail(409, e.getMessage());
        }
    }

    /** A hold refused under a hard limit (API §7): 402 naming the metric and its remaining. */
    static final class QuotaExceeded implements ExceptionMapper<QuotaExceededException> {
        @Override
        public Response toResponse(QuotaExceededException e) {
            return Response.status(402).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ErrorBodies.QuotaExceeded(e.getMessage(), e.metric().wireName(), e.remaining()))
                    .build();
        }
    }

    /** The database could not be reached: not a bug, and the client should come back shortly. */
    static final class StoreUnavailable implements ExceptionMapper<StoreUnavailableException> {
        @Override
        public Response toResponse(StoreUnavailableException e) {
            return databaseUnavailable(e);
        }
    }

    /**
     * 503 {@code {"detail":"Database unavailable"}} with {@code Retry-After}. Logged as one line per request, without
     * the stack trace: during an outage every request fails the same way, and the message says why.
     */
    static Response databaseUnavailable(StoreUnavailableException e) {
        LOG.warn("database unavailable (request_id={}): {}", MDC.get(RequestIds.MDC_KEY), e.getMessage());
        return Response.fromResponse(ErrorBodies.detail(503, "Database unavailable"))
                .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS).build();
    }

    /** Jersey's own errors (no route, wrong method, wrong content type...), with a fixed detail per status. */
    static final class Jaxrs implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            int status = original == null ? 500 : original.getStatus();
            if (status >= 500) {
                LOG.error("request failed (request_id={})", MDC.get(RequestIds.MDC_KEY), e);
            }
            if (status < 400) {
                // A redirect or similar from Jersey itself: keep it as it is.
                return original;
            }
            Response.ResponseBuilder answer = Response.fromResponse(ErrorBodies.detail(status, standardDetail(status)));
            if (original != null && original.getHeaderString(HttpHeaders.ALLOW) != null) {
                answer.header(HttpHeaders.ALLOW, original.getHeaderString(HttpHeaders.ALLOW));
            }
            return answer.build();
        }
    }

    /**
     * Anything else is our fault: logged with the request id, answered without a hint of what happened. Unless a
     * database outage is what it wraps (a library rethrowing it in its own exception): that is still a 503.
     */
    static final class Unexpected implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            Optional<StoreUnavailableException> outage = StoreUnavailableException.in(e);
            if (outage.isPresent()) {
                return databaseUnavailable(outage.get());
            }
            LOG.error("unhandled error (request_id={})", MDC.get(RequestIds.MDC_KEY), e);
            return ErrorBodies.detail(500, "Internal Server Error");
        }
    }
}

package com.hydracore.billing.adapter.rest.edge;

import com.hydracore.billing.adapter.rest.http.JsonBody;
import com.hydracore.billing.adapter.rest.http.RequestIds;
import com.hydracore.billing.adapter.rest.http.StrictUri;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.RequestExecutorProvider;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.DataChunk;
import org.glassfish.grizzly.utils.DelayedExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Stands between Grizzly and the application (Jersey). It runs on Grizzly's selector threads and never blocks:
 * <ul>
 *   <li>{@code GET /healthz} is answered here, so liveness never waits behind other work;</li>
 *   <li>a body is read without a worker (Grizzly buffers it as it arrives, up to the 2 MiB limit and one byte
 *       more, so the application can still tell an oversized body), so a slow sender holds no thread;</li>
 *   <li>a whole request goes to the bounded worker pool; when its queue is full, the request is answered 503
 *       {@code {"detail": "Server busy"}} with {@code Retry-After: 1} at once;</li>
 *   <li>on the worker, a GET without query or body that the {@link DirectReads} answer is answered by them, every
 *       other request by the application.</li>
 * </ul>
 */
final class EdgeHandler extends HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(EdgeHandler.class);
    private static final RequestExecutorProvider IN_PLACE = new RequestExecutorProvider.SameThreadProvider();
    private static final String HEALTHZ = "/healthz";

    private final HttpHandler application;
    private final DirectReads direct;
    private final Executor workers;
    private final ConnectionGuard guard;
    private final BodyBudget bodies;
    private final AtomicLong busy = new AtomicLong();

    EdgeHandler(HttpHandler application, DirectReads direct, Executor workers, ConnectionGuard guard,
                BodyBudget bodies) {
        super(application.getName());
        this.application = application;
        this.direct = direct;
        this.workers = workers;
        this.guard = guard;
        this.bodies = bodies;
    }

    @Override
    public RequestExecutorProvider getRequestExecutorProvider() {
        return IN_PLACE; // service() decides where the application runs
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        // Grizzly drops Content-Type and other content headers when a request carries "Upgrade: h2c" (Java's
        // HttpClient and curl --http2 send it); we never upgrade, so the answer is plain HTTP/1.1 and keeps them.
        request.getRequest().setIgnoreContentModifiers(false);
        makeRepresentable(request.getRequest());
        Connection<?> connection = request.getContext().getConnection();
        long generation = guard.headReceived(connection);
        if (request.getMethod() == Method.GET && HEALTHZ.equals(request.getRequestURI())) {
            guard.serving(connection);
            EdgeAnswers.answer(request, response, 200, EdgeAnswers.HEALTHY, 0);
            guard.served(connection, generation);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        AtomicLong bodyBytes = new AtomicLong();
        response.suspend(DelayedExecutor.UNSET_TIMEOUT, TimeUnit.MILLISECONDS, new CompletionHandler<>() {
            @Override
            public void cancelled() {
                done();
            }

            @Override
            public void failed(Throwable throwable) {
                done();
            }

            @Override
            public void completed(Response result) {
                done();
            }

            @Override
            public void updated(Response result) {
                // not a state change
            }

            private void done() {
                answered.set(true);
                bodies.give(bodyBytes.getAndSet(0));
                guard.served(connection, generation);
            }
        });
        // Grizzly's protocol for an answer given later: the response and its filter-chain context are both
        // suspended (as Grizzly's own HttpHandler does when it hands a request to a thread pool).
        request.getContext().suspend();
        Exchange exchange = new Exchange(request, response, connection, answered, bodyBytes);
        guard.whenDrained(connection, () -> readBody(exchange));
    }

    /**
     * Jersey builds a {@link java.net.URI} from the request line and fails (Grizzly's HTML 500, stack trace included)
     * when it cannot: {@code %zz}, a raw byte above 0x7F or a control. The path and query are re-encoded so it always
     * can; {@link StrictUri} then judges their bytes (404 for a path, 422 for a query).
     */
    private static void makeRepresentable(HttpRequestPacket packet) {
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
    }

    /** One request and its answer, followed from the head to the worker. */
    private record Exchange(Request request, Response response, Connection<?> connection, AtomicBoolean answered,
                            AtomicLong bodyBytes) {
    }

    private void readBody(Exchange exchange) {
        Request request = exchange.request();
        long declared = request.getContentLengthLong();
        boolean hasBody = declared > 0 || request.getRequest().isChunked();
        if (!hasBody || declared > JsonBody.MAX_BYTES || exchange.answered().get()) {
            // Nothing to wait for: no body, or one the application refuses by its declared length alone.
            dispatch(exchange);
            return;
        }
        // At most the limit and one byte more is read (enough for the application to tell it is too large).
        long reserved = declared > 0 ? declared : JsonBody.MAX_BYTES + 1;
        if (!bodies.take(reserved)) {
            busy.incrementAndGet();
            // Its body is never read: the connection ends with the answer (Grizzly would otherwise wait to skip the
            // rest of the body, which a client could trickle for ever). A close flushes the answer first.
            exchange.response().setHeader("Connection", "close");
            finish(exchange, 503, EdgeAnswers.BUSY, EdgeAnswers.BUSY_RETRY_AFTER_SECONDS);
            exchange.connection().closeSilently();
            return;
        }
        exchange.bodyBytes().set(reserved);
        if (exchange.answered().get()) { // ended (the connection closed) before the bytes were noted: give them back
            bodies.give(exchange.bodyBytes().getAndSet(0));
            return;
        }
        request.getNIOInputStream().notifyAvailable(new ReadHandler() {
            @Override
            public void onDataAvailable() {
                dispatch(exchange); // more than the limit has arrived: the application answers 413
            }

            @Override
            public void onAllDataRead() {
                dispatch(exchange);
            }

            @Override
            public void onError(Throwable t) {
                // The connection broke mid-body; Grizzly cancels the suspended answer as it closes.
                LOG.debug("request body not received", t);
            }
        }, JsonBody.MAX_BYTES + 1);
    }

    private void dispatch(Exchange exchange) {
        guard.serving(exchange.connection());
        try {
            workers.execute(() -> serve(exchange));
        } catch (RejectedExecutionException full) {
            busy.incrementAndGet();
            finish(exchange, 503, EdgeAnswers.BUSY, EdgeAnswers.BUSY_RETRY_AFTER_SECONDS);
        }
    }

    private void serve(Exchange exchange) {
        try {
            if (answeredDirectly(exchange)) {
                return;
            }
            application.service(exchange.request(), exchange.response());
        } catch (Throwable t) {
            // Jersey answers every failure of a resource itself; this is one before it took the request.
            if (!exchange.answered().get()) {
                LOG.error("request failed before the application answered it", t);
                finish(exchange, 500, EdgeAnswers.INTERNAL, 0);
            }
            return;
        }
        // Jersey resumes the answer when it commits it; a request it left suspended would hang its connection.
        if (!exchange.answered().get()) {
            LOG.error("the application returned without answering {}", exchange.request().getRequestURI());
            finish(exchange, 500, EdgeAnswers.INTERNAL, 0);
        }
    }

    private boolean answeredDirectly(Exchange exchange) {
        Request request = exchange.request();
        if (request.getMethod() != Method.GET || request.getQueryString() != null
                || request.getContentLengthLong() > 0 || request.getRequest().isChunked()
                || !direct.covers(request.getRequestURI())
                || repeated(request, "Authorization") || repeated(request, RequestIds.HEADER)) {
            return false; // Jersey joins a repeated header's values into one: it answers those as it always has
        }
        String id = RequestIds.idFor(request.getHeader(RequestIds.HEADER));
        MDC.put(RequestIds.MDC_KEY, id);
        try {
            DirectReads.Answer answer = direct.answer(request.getRequestURI(), request.getHeader("Authorization"), id);
            if (answer == null) {
                return false;
            }
            try {
                EdgeAnswers.write(exchange.response(), answer.status(), id, answer.headers(), answer.json());
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not answer {}", answer.status(), e);
            } finally {
                if (exchange.response().isSuspended()) {
                    exchange.response().resume();
                }
            }
            return true;
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private static boolean repeated(Request request, String header) {
        Iterator<String> values = request.getRequest().getHeaders().values(header).iterator();
        return values.hasNext() && values.next() != null && values.hasNext();
    }

    private static void finish(Exchange exchange, int status, String json, int retryAfter) {
        try {
            EdgeAnswers.answer(exchange.request(), exchange.response(), status, json, retryAfter);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not answer {}", status, e);
        } finally {
            if (exchange.response().isSuspended()) {
                exchange.response().resume();
            }
        }
    }

    /** Requests answered 503 because the worker queue was full, since the start. */
    long busyAnswers() {
        return busy.get();
    }

    @Override
    public void start() {
        application.start();
    }

    @Override
    public void destroy() {
        application.destroy();
    }
}

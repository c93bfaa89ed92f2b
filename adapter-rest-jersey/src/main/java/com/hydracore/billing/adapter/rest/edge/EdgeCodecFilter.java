package com.hydracore.billing.adapter.rest.edge;

import com.hydracore.billing.adapter.rest.http.RequestIds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * Grizzly's HTTP codec, answering the requests it cannot parse in the contract's shape: headers over the limit
 * (8 KiB in all) are 431 {@code {"detail": "Request Header Fields Too Large"}}, anything else unparseable 400
 * {@code {"detail": "Bad Request"}}, both with an {@code X-Request-Id} — where Grizzly sends a bare 400 with no body.
 * Such a request never reaches the application; the connection is closed after the answer.
 */
final class EdgeCodecFilter extends HttpServerFilter {

    @SuppressWarnings("deprecation") // the constructor Grizzly's own HttpServer uses for its listeners
    EdgeCodecFilter(NetworkListener listener, int maxHeaderBytes, long maxPayloadRemainderToSkip) {
        super(listener.isChunkingEnabled(), maxHeaderBytes, null, listener.getKeepAlive(), null,
                listener.getMaxRequestHeaders(), listener.getMaxResponseHeaders());
        setMaxPayloadRemainderToSkip(maxPayloadRemainderToSkip);
    }

    /** An add-on that puts this codec in place of the one Grizzly builds for {@code listener}. */
    static AddOn replacing(int maxHeaderBytes) {
        return (NetworkListener listener, FilterChainBuilder chain) -> {
            int at = chain.indexOfType(HttpServerFilter.class);
            HttpServerFilter grizzlys = (HttpServerFilter) chain.get(at);
            chain.set(at, new EdgeCodecFilter(listener, maxHeaderBytes, grizzlys.getMaxPayloadRemainderToSkip()));
        };
    }

    @Override
    protected void onHttpHeaderError(HttpHeader header, FilterChainContext ctx, Throwable t)
            throws IOException {
        HttpResponsePacket response = ((HttpRequestPacket) header).getResponse();
        // Grizzly says "HTTP packet header is too large" (or "intial line"): the request head passed the limit.
        if (t != null && t.getMessage() != null && t.getMessage().contains("too large")) {
            response.setStatus(431);
            response.setReasonPhrase("Request Header Fields Too Large");
        }
        super.onHttpHeaderError(header, ctx, t);
    }

    @Override
    protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
        // 431, 400, or 505 for an unknown protocol version, each with its standard phrase as the detail.
        String json = EdgeAnswers.detail(response.getHttpStatus().getReasonPhrase());
        byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        // The head could not be read, so the caller's own id (if any) is unknown: a fresh one.
        response.setHeader(RequestIds.HEADER, UUID.randomUUID().toString());
        Buffer body = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, bytes);
        return HttpContent.builder(response).content(body).last(true).build();
    }
}

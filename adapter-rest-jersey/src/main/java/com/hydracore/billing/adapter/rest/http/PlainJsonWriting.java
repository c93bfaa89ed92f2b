package com.hydracore.billing.adapter.rest.http;

import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.lang.annotation.Annotation;

/**
 * Hands answers to Jackson without the resource method's annotations. Jackson's JAX-RS provider keys its per-answer
 * writer cache on the hash of those annotations, and the OpenAPI ones (nested {@code @ApiResponse} and
 * {@code @Content} arrays) are hashed reflectively, member by member, on every answer: a tenth of the server's CPU on
 * the read endpoints in the benchmark's profile. No answer here relies on a Jackson annotation on a resource method
 * ({@code @JsonView} and the like), so none is lost.
 */
public final class PlainJsonWriting implements WriterInterceptor {

    private static final Annotation[] NONE = new Annotation[0];

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        context.setAnnotations(NONE);
        context.proceed();
    }
}

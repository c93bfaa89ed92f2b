package com.hydracore.billing.adapter.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.junit.jupiter.api.Test;

/**
 * The route label of the request metric and the access log: the matched templates joined from the class's down to
 * the method's, runs of slashes made one and a trailing slash dropped.
 */
class RouteTemplateTest {

    private static String route(String... classToMethod) {
        List<UriTemplate> templates = new ArrayList<>();
        for (String template : classToMethod) {
            // Jersey lists the innermost match first
            templates.add(0, template.isEmpty() ? UriTemplate.EMPTY : new UriTemplate(template));
        }
        ExtendedUriInfo uriInfo = mock(ExtendedUriInfo.class);
        when(uriInfo.getMatchedTemplates()).thenReturn(templates);
        return Observability.route(uriInfo);
    }

    @Test
    void joinsTheTemplatesOfClassAndMethod() {
        assertEquals("/v1/billing/trial-status", route("/v1/billing", "/trial-status"));
        assertEquals("/v1/billing", route("/v1/billing"));
        assertEquals("/v1/admin/tiers/{tier_id}", route("/v1/admin/tiers", "{tier_id}"));
    }

    @Test
    void runsOfSlashesBecomeOneAndATrailingSlashIsDropped() {
        assertEquals("/healthz", route("/", "healthz"));
        assertEquals("/healthz", route("/", "/healthz"));
        assertEquals("/v1/billing", route("/v1/billing/"));
        assertEquals("/v1/billing", route("/v1/billing", ""));
        assertEquals("/v1/admin/tiers/{tier_id}", route("/v1/admin/tiers/", "//{tier_id}"));
        assertEquals("/v1/a/b/c", route("v1//a///b", "c"));
        assertEquals("/", route("/"));
        assertEquals("/", route("//", "/"));
    }

    @Test
    void noMatchedTemplateIsUnmatched() {
        assertEquals(Observability.UNMATCHED, route());
        assertEquals(Observability.UNMATCHED, Observability.route(null));
    }
}

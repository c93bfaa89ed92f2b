package com.hydracore.billing.adapter.rest.auth;

import com.hydracore.billing.adapter.rest.http.ApiException;
import com.hydracore.billing.adapter.rest.http.RequestIds;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Puts a bearer-token check in front of every resource method marked {@link Authenticated}, after routing, so an
 * unknown route is a 404 with or without a token. The verified {@link Caller} becomes the request's principal.
 */
public final class BearerAuthFeature implements DynamicFeature {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthFeature.class);

    private static final String SCHEME = "bearer ";

    private final TokenVerifier verifier;

    /** Checks tokens with {@code verifier}. */
    public BearerAuthFeature(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Authenticated marker = resource.getResourceMethod().getAnnotation(Authenticated.class);
        if (marker == null) {
            marker = resource.getResourceClass().getAnnotation(Authenticated.class);
        }
        if (marker != null) {
            context.register(new Check(marker.scope()), Priorities.AUTHENTICATION);
        }
    }

    /**
     * The caller an {@code Authorization} header stands for, when its token grants {@code scope} (empty: any).
     *
     * @throws ApiException 401 without an acceptable bearer token, 403 without the scope, 503 when the keys to
     *                      check it cannot be fetched
     */
    public Caller caller(String authorization, String scope) {
        String token = token(authorization);
        if (token == null) {
            throw new ApiException(401, "Not authenticated", Map.of(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        Caller caller;
        try {
            caller = verifier.verify(token);
        } catch (TokenVerifier.RejectedTokenException e) {
            throw new ApiException(401, "Invalid token", Map.of(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"invalid_token\", error_description=\"" + e.getMessage() + "\""));
        } catch (TokenVerifier.KeysUnavailableException e) {
            LOG.warn("cannot verify a token: JWK set unavailable (request_id={})", MDC.get(RequestIds.MDC_KEY), e);
            throw new ApiException(503, "Token verification keys are unavailable, try again later");
        }
        if (!scope.isEmpty() && !caller.has(scope)) {
            throw new ApiException(403, "Missing scope: " + scope, Map.of(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\""));
        }
        return caller;
    }

    private static String token(String authorization) {
        // regionMatches compares the scheme in place: no substring and lower-cased copy per request.
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = authorization.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }

    /** What a resource method is given as its {@code @Context SecurityContext} for {@code caller}. */
    public static SecurityContext securityContext(Caller caller, boolean secure) {
        return new CallerContext(caller, secure);
    }

    private final class Check implements ContainerRequestFilter {

        private final String scope;

        Check(String scope) {
            this.scope = scope;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            Caller caller = caller(request.getHeaderString(HttpHeaders.AUTHORIZATION), scope);
            SecurityContext original = request.getSecurityContext();
            request.setSecurityContext(new CallerContext(caller, original != null && original.isSecure()));
        }
    }

    private static final class CallerContext implements SecurityContext {

        private final Caller caller;
        private final boolean secure;

        CallerContext(Caller caller, boolean secure) {
            this.caller = caller;
            this.secure = secure;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.has(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}

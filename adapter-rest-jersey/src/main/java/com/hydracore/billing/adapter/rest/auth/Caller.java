package com.hydracore.billing.adapter.rest.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as a verified token says: the account every read is scoped to, and the granted scopes.
 *
 * @param accountId the caller's account
 * @param scopes    the scopes the token grants
 */
public record Caller(String accountId, Set<String> scopes) implements Principal {

    /** The scope needed to ingest usage. */
    public static final String USAGE_WRITE = "usage:write";
    /** The scope needed for the admin endpoints. */
    public static final String BILLING_ADMIN = "billing:admin";

    /** Requires an account and freezes the scopes. */
    public Caller {
        Objects.requireNonNull(accountId, "accountId");
        scopes = Set.copyOf(scopes);
    }

    /** Whether the token grants {@code scope}. */
    public boolean has(String scope) {
        return scopes.contains(scope);
    }

    @Override
    public String getName() {
        return accountId;
    }

    /** The caller of an authenticated request. */
    public static Caller of(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal instanceof Caller) {
            return (Caller) principal;
        }
        throw new IllegalStateException("resource reached without authentication");
    }
}

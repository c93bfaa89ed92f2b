package com.hydracore.billing.adapter.rest.auth;

import com.hydracore.billing.adapter.rest.AuthSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies bearer JWTs as the contract says: HS256 with the shared secret, or RS256/ES256 against a JWK set (and
 * then never HMAC); never {@code alg: none}; {@code exp} required; {@code nbf}/{@code iat} honoured with 60 s of
 * skew, judged by the injected clock; issuer and audience when configured.
 */
public final class TokenVerifier {

    /** The clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final AuthSettings settings;
    private final Clock clock;

    /** A token was refused; the reason is safe to show. */
    public static final class RejectedTokenException extends Exception {

        private static final long serialVersionUID = 1L;

        RejectedTokenException(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The keys to check signatures could not be fetched: not the caller's fault. */
    public static final class KeysUnavailableException extends Exception {

        private static final long serialVersionUID = 1L;

        KeysUnavailableException(Throwable cause) {
            super("the JWK set cannot be fetched", cause);
        }
    }

    /** A verifier for {@code settings}, judging time by {@code clock}. */
    public TokenVerifier(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        if (settings.usesJwks()) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                    jwkSource(settings)));
        } else {
            byte[] secret = settings.hmacSecret().orElseThrow().getBytes(StandardCharsets.UTF_8);
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                    new ImmutableSecret<>(secret)));
        }
        // Time-based claims are checked below with the injected clock, not nimbus's wall clock.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
    }

    private static JWKSource<SecurityContext> jwkSource(AuthSettings settings) {
        if (settings.jwksFile().isPresent()) {
            try {
                JWKSet keys = JWKSet.load(settings.jwksFile().get().toFile()).toPublicJWKSet();
                return new ImmutableJWKSet<>(keys);
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("BILLING_JWKS_FILE cannot be read as a JWK set: "
                        + settings.jwksFile().get());
            }
        }
        try {
            return JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().orElseThrow().toURL())
                    .retrying(true)
                    .build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("BILLING_JWKS_URL is not a valid URL");
        }
    }

    /**
     * The caller a token stands for.
     *
     * @throws RejectedTokenException   when the token is not acceptable, with a reason safe to show
     * @throws KeysUnavailableException when the JWK set cannot be fetched
     */
    public Caller verify(String token) throws RejectedTokenException, KeysUnavailableException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        } catch (ParseException e) {
            throw new RejectedTokenException("malformed token");
        } catch (BadJOSEException | JOSEException e) {
            throw new RejectedTokenException("signature or algorithm not accepted");
        }
        try {
            checkTimes(claims);
            checkIssuerAndAudience(claims);
            return new Caller(account(claims), scopes(claims));
        } catch (ParseException e) {
            throw new RejectedTokenException("malformed claims");
        }
    }

    private void checkTimes(JWTClaimsSet claims) throws ParseException, RejectedTokenException {
        Instant now = clock.instant();
        Date exp = claims.getDateClaim("exp");
        if (exp == null) {
            throw new RejectedTokenException("exp claim required");
        }
        if (now.isAfter(exp.toInstant().plus(MAX_SKEW))) {
            throw new RejectedTokenException("token expired");
        }
        Date nbf = claims.getDateClaim("nbf");
        if (nbf != null && now.plus(MAX_SKEW).isBefore(nbf.toInstant())) {
            throw new RejectedTokenException("token not yet valid");
        }
        Date iat = claims.getDateClaim("iat");
        if (iat != null && now.plus(MAX_SKEW).isBefore(iat.toInstant())) {
            throw new RejectedTokenException("token issued in the future");
        }
    }

    private void checkIssuerAndAudience(JWTClaimsSet claims) throws ParseException, RejectedTokenException {
        if (settings.issuer().isPresent() && !settings.issuer().get().equals(claims.getStringClaim("iss"))) {
            throw new RejectedTokenException("issuer not accepted");
        }
        if (settings.audience().isPresent()) {
            List<String> audience = claims.getAudience();
            if (audience == null || !audience.contains(settings.audience().get())) {
                throw new RejectedTokenException("audience not accepted");
            }
        }
    }

    private String account(JWTClaimsSet claims) throws RejectedTokenException {
        Object value = claims.getClaim(settings.accountClaim());
        if (value == null || value.toString().isBlank()) {
            value = claims.getClaim("sub");
        }
        if (!(value instanceof String || value instanceof Number) || value.toString().isBlank()) {
            throw new RejectedTokenException("no account in the token");
        }
        return value.toString();
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new LinkedHashSet<>();
        addScopes(claims.getClaim("scope"), scopes);
        addScopes(claims.getClaim("scp"), scopes);
        return scopes;
    }

    private static void addScopes(Object claim, Set<String> into) {
        if (claim instanceof String) {
            for (String scope : ((String) claim).trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    into.add(scope);
                }
            }
        } else if (claim instanceof List<?>) {
            for (Object item : (List<?>) claim) {
                if (item instanceof String) {
                    addScopes(item, into);
                }
            }
        }
    }
}

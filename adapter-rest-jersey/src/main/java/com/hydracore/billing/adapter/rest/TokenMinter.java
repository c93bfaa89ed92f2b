package com.hydracore.billing.adapter.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Mints HS256 tokens the API accepts: for development mode, the {@code token} subcommand and tests. */
public final class TokenMinter {

    private final byte[] secret;
    private final Clock clock;
    private final Optional<String> issuer;
    private final Optional<String> audience;

    /**
     * A minter signing with {@code secret}'s UTF-8 bytes, dating tokens by {@code clock}.
     *
     * @throws IllegalArgumentException when the secret is shorter than {@value AuthSettings#MIN_SECRET_BYTES} bytes
     */
    public TokenMinter(String secret, Clock clock) {
        this(secret.getBytes(StandardCharsets.UTF_8), clock, Optional.empty(), Optional.empty());
    }

    private TokenMinter(byte[] secret, Clock clock, Optional<String> issuer, Optional<String> audience) {
        if (secret.length < AuthSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "BILLING_JWT_SECRET must be at least " + AuthSettings.MIN_SECRET_BYTES + " bytes (UTF-8)");
        }
        this.secret = secret.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.issuer = issuer;
        this.audience = audience;
    }

    /** The same minter, also writing {@code iss} (for a server that requires an issuer). */
    public TokenMinter withIssuer(String value) {
        return new TokenMinter(secret, clock, Optional.of(value), audience);
    }

    /** The same minter, also writing {@code aud} (for a server that requires an audience). */
    public TokenMinter withAudience(String value) {
        return new TokenMinter(secret, clock, issuer, Optional.of(value));
    }

    /**
     * A token for {@code accountId} ({@code sub} and {@code account_id}) with {@code scopes} (the {@code scope}
     * claim, space-separated), issued now and expiring after {@code ttl}.
     */
    public String mint(String accountId, Set<String> scopes, Duration ttl) {
        Objects.requireNonNull(accountId, "accountId");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(accountId)
                .claim(AuthSettings.DEFAULT_ACCOUNT_CLAIM, accountId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)));
        if (!scopes.isEmpty()) {
            claims.claim("scope", String.join(" ", new TreeSet<>(scopes)));
        }
        issuer.ifPresent(claims::issuer);
        audience.ifPresent(claims::audience);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}

package com.hydracore.billing.adapter.rest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How bearer tokens are verified: an HS256 shared secret, or a JWK set (RS256/ES256) from a URL or a file, with the
 * optional issuer and audience to require and the claim that names the caller's account.
 *
 * @param hmacSecret   the HS256 key as a string whose raw UTF-8 bytes are the key (at least 32 of them)
 * @param jwksUrl      where to fetch the JWK set (cached, refreshed on unknown key ids)
 * @param jwksFile     a file holding the JWK set, read once at start
 * @param issuer       the {@code iss} every token must carry, when present
 * @param audience     a value the token's {@code aud} must contain, when present
 * @param accountClaim the claim holding the caller's account ({@code sub} when a token lacks it); blank means
 *                     {@value #DEFAULT_ACCOUNT_CLAIM}
 */
public record AuthSettings(Optional<String> hmacSecret, Optional<URI> jwksUrl, Optional<Path> jwksFile,
                           Optional<String> issuer, Optional<String> audience, String accountClaim) {

    /** The account claim when none is configured. */
    public static final String DEFAULT_ACCOUNT_CLAIM = "account_id";
    /** Fewest bytes an HS256 secret may have (RFC 7518 §3.2: a key of the hash's size). */
    public static final int MIN_SECRET_BYTES = 32;

    /**
     * Normalises absent values and refuses a configuration that cannot verify tokens safely.
     *
     * @throws IllegalArgumentException with a one-line message naming the environment variable to fix
     */
    public AuthSettings {
        hmacSecret = hmacSecret == null ? Optional.empty() : hmacSecret.filter(s -> !s.isEmpty());
        jwksUrl = jwksUrl == null ? Optional.empty() : jwksUrl;
        jwksFile = jwksFile == null ? Optional.empty() : jwksFile;
        issuer = issuer == null ? Optional.empty() : issuer.filter(s -> !s.isBlank());
        audience = audience == null ? Optional.empty() : audience.filter(s -> !s.isBlank());
        accountClaim = accountClaim == null || accountClaim.isBlank() ? DEFAULT_ACCOUNT_CLAIM : accountClaim.strip();

        if (jwksUrl.isPresent() && jwksFile.isPresent()) {
            throw new IllegalArgumentException("Set only one of BILLING_JWKS_URL and BILLING_JWKS_FILE");
        }
        boolean jwks = jwksUrl.isPresent() || jwksFile.isPresent();
        if (hmacSecret.isPresent() && jwks) {
            throw new IllegalArgumentException(
                    "Set either BILLING_JWT_SECRET or a JWK set (BILLING_JWKS_URL / BILLING_JWKS_FILE), not both");
        }
        if (hmacSecret.isEmpty() && !jwks) {
            throw new IllegalArgumentException(
                    "Set BILLING_JWT_SECRET (HS256) or a JWK set (BILLING_JWKS_URL / BILLING_JWKS_FILE) to verify tokens");
        }
        if (hmacSecret.isPresent() && hmacSecret.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "BILLING_JWT_SECRET must be at least " + MIN_SECRET_BYTES + " bytes (UTF-8)");
        }
        jwksUrl.ifPresent(url -> {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("BILLING_JWKS_URL must be an http(s) URL");
            }
        });
        Objects.requireNonNull(accountClaim);
    }

    /** HS256 with {@code secret}, no issuer or audience, the default account claim. */
    public static AuthSettings hmac(String secret) {
        return new AuthSettings(Optional.of(secret), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_ACCOUNT_CLAIM);
    }

    /** RS256/ES256 against the JWK set at {@code url}. */
    public static AuthSettings jwksUrl(URI url) {
        return new AuthSettings(Optional.empty(), Optional.of(url), Optional.empty(), Optional.empty(),
                Optional.empty(), DEFAULT_ACCOUNT_CLAIM);
    }

    /** RS256/ES256 against the JWK set in {@code file}. */
    public static AuthSettings jwksFile(Path file) {
        return new AuthSettings(Optional.empty(), Optional.empty(), Optional.of(file), Optional.empty(),
                Optional.empty(), DEFAULT_ACCOUNT_CLAIM);
    }

    /** The same settings, also requiring {@code iss} to equal {@code value}. */
    public AuthSettings withIssuer(String value) {
        return new AuthSettings(hmacSecret, jwksUrl, jwksFile, Optional.ofNullable(value), audience, accountClaim);
    }

    /** The same settings, also requiring {@code aud} to contain {@code value}. */
    public AuthSettings withAudience(String value) {
        return new AuthSettings(hmacSecret, jwksUrl, jwksFile, issuer, Optional.ofNullable(value), accountClaim);
    }

    /** The same settings, reading the account from {@code claim}. */
    public AuthSettings withAccountClaim(String claim) {
        return new AuthSettings(hmacSecret, jwksUrl, jwksFile, issuer, audience, claim);
    }

    /** Whether tokens are verified against a JWK set (so HMAC tokens are refused). */
    public boolean usesJwks() {
        return jwksUrl.isPresent() || jwksFile.isPresent();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        String keys = jwksUrl.map(url -> "jwks=" + url)
                .orElse(jwksFile.map(file -> "jwks=" + file).orElse("hmac=***"));
        return "AuthSettings[" + keys + ", issuer=" + issuer.orElse("-") + ", audience=" + audience.orElse("-")
                + ", accountClaim=" + accountClaim + "]";
    }
}

package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Misconfigured token verification is refused at start, with a message naming the variable to fix. */
class AuthSettingsTest {

    private static final String SECRET = "s".repeat(32);

    private static String refusal(Runnable configure) {
        return assertThrows(IllegalArgumentException.class, configure::run).getMessage();
    }

    @Test
    void aSecretShorterThan32BytesIsRefused() {
        assertEquals("BILLING_JWT_SECRET must be at least 32 bytes (UTF-8)",
                refusal(() -> AuthSettings.hmac("s".repeat(31))));
        assertEquals("BILLING_JWT_SECRET must be at least 32 bytes (UTF-8)",
                refusal(() -> new TokenMinter("short", Clock.systemUTC())));
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Bytes() {
        AuthSettings.hmac("é".repeat(16)); // 32 bytes, 16 characters
    }

    @Test
    void exactlyOneWayToVerifyTokensMustBeConfigured() {
        assertEquals("Set BILLING_JWT_SECRET (HS256) or a JWK set (BILLING_JWKS_URL / BILLING_JWKS_FILE) to verify tokens",
                refusal(() -> new AuthSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), null)));
        assertEquals("Set either BILLING_JWT_SECRET or a JWK set (BILLING_JWKS_URL / BILLING_JWKS_FILE), not both",
                refusal(() -> new AuthSettings(Optional.of(SECRET), Optional.of(URI.create("https://id/jwks")),
                        Optional.empty(), Optional.empty(), Optional.empty(), null)));
        assertEquals("Set only one of BILLING_JWKS_URL and BILLING_JWKS_FILE",
                refusal(() -> new AuthSettings(Optional.empty(), Optional.of(URI.create("https://id/jwks")),
                        Optional.of(Path.of("jwks.json")), Optional.empty(), Optional.empty(), null)));
        assertEquals("BILLING_JWKS_URL must be an http(s) URL",
                refusal(() -> AuthSettings.jwksUrl(URI.create("file:///etc/jwks.json"))));
    }

    @Test
    void theAccountClaimDefaultsToAccountIdAndTheSecretIsNeverPrinted() {
        AuthSettings settings = new AuthSettings(Optional.of(SECRET), null, null, Optional.of(" "), null, " ");

        assertEquals("account_id", settings.accountClaim());
        assertEquals(Optional.empty(), settings.issuer());
        assertFalse(settings.toString().contains(SECRET));
    }

    @Test
    void anUnreadableJwkSetFileIsRefusedAtStart() {
        AuthSettings settings = AuthSettings.jwksFile(Path.of("does-not-exist.json"));

        assertEquals("BILLING_JWKS_FILE cannot be read as a JWK set: does-not-exist.json",
                refusal(() -> new com.hydracore.billing.adapter.rest.auth.TokenVerifier(settings, Clock.systemUTC())));
    }
}

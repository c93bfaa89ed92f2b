package com.hydracore.billing.adapter.rest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.rest.AuthSettings;
import com.hydracore.billing.adapter.rest.TokenMinter;
import com.hydracore.billing.application.testing.MutableClock;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache: a remembered token is judged against the clock on every call exactly like a fresh one,
 * a refused token is never remembered, and the cache stays bounded.
 */
class TokenVerifierTest {

    private static final String SECRET = "a-test-secret-of-more-than-32-bytes-0123456789";

    private final MutableClock clock = MutableClock.at("2026-11-24T09:30:00Z");
    private final TokenMinter minter = new TokenMinter(SECRET, clock);

    private TokenVerifier verifier() {
        return new TokenVerifier(AuthSettings.hmac(SECRET), clock);
    }

    private static String refusal(TokenVerifier verifier, String token) {
        return assertThrows(TokenVerifier.RejectedTokenException.class, () -> verifier.verify(token)).getMessage();
    }

    private static String hs256(String secret, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private JWTClaimsSet.Builder claims(String account) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().subject(account).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofHours(1))));
    }

    @Test
    void aRememberedTokenIsRefusedAtTheSameInstantAsAFreshOne() throws Exception {
        String token = minter.mint("acct-1", Set.of("usage:write"), Duration.ofMinutes(1));
        TokenVerifier warm = verifier();
        assertEquals(new Caller("acct-1", Set.of("usage:write")), warm.verify(token));
        assertEquals(1, warm.cachedTokens());

        clock.advance(Duration.ofMinutes(1).plus(TokenVerifier.MAX_SKEW)); // exp + 60 s: still within the skew
        assertEquals(new Caller("acct-1", Set.of("usage:write")), warm.verify(token));
        clock.advance(Duration.ofMillis(1));

        assertEquals("token expired", refusal(warm, token));
        assertEquals("token expired", refusal(verifier(), token));
        assertEquals("token expired", refusal(warm, token), "refused again on the next call");
        assertEquals(0, warm.cachedTokens(), "a refused token is dropped");
    }

    @Test
    void aTokenWithABadSignatureStaysRefusedAndIsNeverRemembered() throws Exception {
        TokenVerifier verifier = verifier();
        String valid = hs256(SECRET, claims("acct-1").build());
        String forged = hs256("another-secret-of-more-than-32-bytes-0123456789", claims("acct-1").build());
        String otherAccount = hs256(SECRET, claims("acct-2").build());
        // The valid token's signature on another payload: only the exact token text may hit the cache.
        String spliced = otherAccount.substring(0, otherAccount.lastIndexOf('.'))
                + valid.substring(valid.lastIndexOf('.'));

        assertEquals("signature or algorithm not accepted", refusal(verifier, forged));
        assertEquals("signature or algorithm not accepted", refusal(verifier, forged));
        assertEquals(0, verifier.cachedTokens());
        assertEquals("acct-1", verifier.verify(valid).accountId());
        assertEquals("signature or algorithm not accepted", refusal(verifier, spliced));
        assertEquals("signature or algorithm not accepted", refusal(verifier, forged));
        assertEquals("acct-1", verifier.verify(valid).accountId());
        assertEquals(1, verifier.cachedTokens());
    }

    @Test
    void aTokenNotYetValidIsRefusedOnEveryCallUntilItsTime() throws Exception {
        TokenVerifier verifier = verifier();
        String early = hs256(SECRET, claims("acct-1").notBeforeTime(Date.from(clock.instant().plusSeconds(120)))
                .build());

        assertEquals("token not yet valid", refusal(verifier, early));
        assertEquals("token not yet valid", refusal(verifier, early));
        assertEquals(0, verifier.cachedTokens());
        clock.advance(Duration.ofSeconds(60)); // nbf is now within the 60 s of skew

        assertEquals("acct-1", verifier.verify(early).accountId());
    }

    @Test
    void issuerAudienceAndAccountAreCheckedOnEveryCall() throws Exception {
        TokenVerifier verifier = new TokenVerifier(AuthSettings.hmac(SECRET).withIssuer("https://id.example")
                .withAudience("billing"), clock);
        String right = hs256(SECRET, claims("acct-1").issuer("https://id.example").audience("billing").build());
        String noAudience = hs256(SECRET, claims("acct-1").issuer("https://id.example").build());
        String noAccount = hs256(SECRET, claims(null).issuer("https://id.example").audience("billing").build());

        for (int call = 0; call < 2; call++) {
            assertEquals("acct-1", verifier.verify(right).accountId());
            assertEquals("audience not accepted", refusal(verifier, noAudience));
            assertEquals("no account in the token", refusal(verifier, noAccount));
        }
        assertEquals(1, verifier.cachedTokens());
    }

    @Test
    void aRememberedTokenIsVerifiedAgainAfterFiveMinutes() throws Exception {
        TokenVerifier verifier = verifier();
        String token = minter.mint("acct-1", Set.of(), Duration.ofHours(1));
        verifier.verify(token);
        clock.advance(TokenVerifier.CACHED_FOR.minusSeconds(1));
        assertEquals(1, verifier.cachedTokens());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(0, verifier.cachedTokens());
        assertEquals("acct-1", verifier.verify(token).accountId());
        assertEquals(1, verifier.cachedTokens());
    }

    @Test
    void theCacheIsBoundedAndEveryTokenStillVerifies() throws Exception {
        TokenVerifier verifier = new TokenVerifier(AuthSettings.hmac(SECRET), clock, 3);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 10; i++) {
                assertEquals("acct-" + i, verifier.verify(minter.mint("acct-" + i, Set.of(), Duration.ofHours(1)))
                        .accountId());
            }
        }
        assertTrue(verifier.cachedTokens() <= 3, "remembered: " + verifier.cachedTokens());
    }
}

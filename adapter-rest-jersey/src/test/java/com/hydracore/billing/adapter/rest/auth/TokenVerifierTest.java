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
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verified-token cache: a remembered token is judged against the clock on every call exactly like a fresh one,
 * a refused token is never remembered, and the cache stays bounded. The claims as API.md section 3 reads them: every
 * string valid Unicode without NUL, the account a non-empty string, the scopes in their exact shapes.
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

    /** A token signed with the secret whose payload is exactly {@code payload}. */
    private static String signedPayload(byte[] payload) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payload));
            jws.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** A valid token's claims plus {@code claims} (JSON members, "~" written for a backslash). */
    private String withClaims(String claims) {
        long now = clock.instant().getEpochSecond();
        String json = "{\"iat\":" + now + ",\"exp\":" + (now + 3600) + (claims.isEmpty() ? "" : "," + claims) + "}";
        return signedPayload(json.replace('~', '\\').getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\"sub\":\"a~u0000\"",
            "\"sub\":\"~ud800\"",
            "\"sub\":\"acct-1\",\"account_id\":\"~udc00\"",
            "\"sub\":\"acct-1\",\"account_id\":\"x~ud83dy\"",
            "\"sub\":\"acct-1\",\"scope\":\"usage:write~u0000\"",
            "\"sub\":\"acct-1\",\"scp\":[\"usage:write\",\"~udc00\"]",
            "\"sub\":\"acct-1\",\"iss\":\"~ud800\"",
            "\"sub\":\"acct-1\",\"name\":\"Ann~u0000\"",
            "\"sub\":\"acct-1\",\"ext\":{\"deep\":[\"fine\",[\"~ude00\"]]}",
            "\"sub\":\"acct-1\",\"ext\":{\"k~u0000\":true}",
            "\"sub\":\"acct-1\",\"~ud800\":1"})
    void aClaimThatIsNotValidUnicodeAnywhereRefusesTheToken(String claims) {
        TokenVerifier verifier = verifier();

        assertEquals("claims are not valid Unicode text", refusal(verifier, withClaims(claims)));
        assertEquals(0, verifier.cachedTokens());
    }

    @ParameterizedTest(name = "bytes {0} in a claim")
    @ValueSource(strings = {"eda080", "eda0bdedb880", "c181", "c080", "ff", "e282"})
    void aPayloadThatIsNotStrictUtf8RefusesTheToken(String hex) {
        long now = clock.instant().getEpochSecond();
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(("{\"exp\":" + (now + 60) + ",\"sub\":\"acct-1\",\"name\":\"x").getBytes(
                StandardCharsets.UTF_8));
        payload.writeBytes(HexFormat.of().parseHex(hex));
        payload.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals("claims are not valid Unicode text", refusal(verifier(), signedPayload(payload.toByteArray())));
    }

    @Test
    void validUnicodeEverywhereIsAccepted() throws Exception {
        String token = withClaims("\"sub\":\"~ud83d~ude00\",\"name\":\"Zo\u00eb \ud83d\ude00\","
                + "\"ext\":{\"\u00e9\":[\"~u00e9\"]}");

        assertEquals("\ud83d\ude00", verifier().verify(token).accountId());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"account_id\":\"acct-1\",\"sub\":\"user-9\" | acct-1",
            "\"sub\":\"user-9\"                              | user-9",
            "\"account_id\":null,\"sub\":\"user-9\"           | user-9",
            "\"account_id\":\"acct-1\",\"sub\":123            | acct-1",
            "\"account_id\":\"~ud83d~ude00\"                  | \ud83d\ude00"})
    void theAccountIsAccountIdWhenPresentElseSub(String claims, String account) throws Exception {
        assertEquals(account, verifier().verify(withClaims(claims)).accountId());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\"account_id\":123,\"sub\":\"user-9\"",
            "\"account_id\":12.5,\"sub\":\"user-9\"",
            "\"account_id\":true,\"sub\":\"user-9\"",
            "\"account_id\":[],\"sub\":\"user-9\"",
            "\"account_id\":[\"acct-1\"],\"sub\":\"user-9\"",
            "\"account_id\":{},\"sub\":\"user-9\"",
            "\"account_id\":\"\",\"sub\":\"user-9\"",
            "\"account_id\":\"  \",\"sub\":\"user-9\"",
            "\"sub\":123",
            "\"sub\":\"\"",
            "\"sub\":\" \""})
    void anAccountClaimThatIsNotANonEmptyStringRefusesTheToken(String claims) {
        TokenVerifier verifier = verifier();

        assertEquals("the account claim is not a non-empty string", refusal(verifier, withClaims(claims)));
        assertEquals(0, verifier.cachedTokens());
    }

    @Test
    void aTokenWithoutAnyAccountIsRefused() {
        assertEquals("no account in the token", refusal(verifier(), withClaims("\"scope\":\"usage:write\"")));
        assertEquals("no account in the token", refusal(verifier(), withClaims("\"account_id\":null")));
    }

    @Test
    void theConfiguredAccountClaimIsHeldToTheSameRule() throws Exception {
        TokenVerifier verifier = new TokenVerifier(AuthSettings.hmac(SECRET).withAccountClaim("tenant"), clock);

        assertEquals("t-1", verifier.verify(withClaims("\"tenant\":\"t-1\",\"account_id\":5,\"sub\":\"u\""))
                .accountId());
        assertEquals("u", verifier.verify(withClaims("\"account_id\":5,\"sub\":\"u\"")).accountId());
        assertEquals("the account claim is not a non-empty string",
                refusal(verifier, withClaims("\"tenant\":7,\"sub\":\"u\"")));
    }

    /** Scope claims of every shape: the scopes granted ("-" for none), and the token is valid either way. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"scope\":\"usage:write\"                               | usage:write",
            "\"scope\":\"openid usage:write billing:admin\"          | billing:admin openid usage:write",
            "\"scope\":\"a!#[]~~{}\"                                 | -",
            "\"scope\":\"x!#$%&()*+,-./:;<=>?@[]^_`{}\"              | x!#$%&()*+,-./:;<=>?@[]^_`{}",
            "\"scope\":\"openid  usage:write\"                       | -",
            "\"scope\":\" usage:write\"                              | -",
            "\"scope\":\"usage:write \"                              | -",
            "\"scope\":\"openid~tusage:write\"                       | -",
            "\"scope\":\"openid~nusage:write\"                       | -",
            "\"scope\":\"usage:write caf\u00e9\"                     | -",
            "\"scope\":\"usage:write a~\"b\"                         | -",
            "\"scope\":\"\"                                          | -",
            "\"scope\":[\"usage:write\"]                             | -",
            "\"scope\":7                                             | -",
            "\"scp\":[\"usage:write\",\"billing:admin\"]             | billing:admin usage:write",
            "\"scp\":\"usage:write\"                                 | -",
            "\"scp\":\"usage:write billing:admin\"                   | -",
            "\"scp\":[\"read usage:write\"]                          | -",
            "\"scp\":[\"usage:write\",7]                             | -",
            "\"scp\":[\"usage:write\",\"\"]                          | -",
            "\"scp\":[\"usage:write\",null]                          | -",
            "\"scp\":[\"usage:write\",[\"billing:admin\"]]           | -",
            "\"scp\":[]                                              | -",
            "\"scope\":\"openid\",\"scp\":[\"usage:write\"]           | openid usage:write",
            "\"scope\":[\"billing:admin\"],\"scp\":[\"usage:write\"]  | usage:write",
            "\"scope\":\"usage:write\",\"scp\":\"billing:admin\"      | usage:write"})
    void scopesAreGrantedOnlyByAClaimOfTheirExactShape(String claims, String granted) throws Exception {
        Caller caller = verifier().verify(withClaims("\"sub\":\"acct-1\"," + claims));

        assertEquals("acct-1", caller.accountId(), "a malformed scope claim voids itself, not the token");
        Set<String> expected = granted.equals("-") ? Set.of() : new TreeSet<>(Arrays.asList(granted.split(" ")));
        assertEquals(expected, new TreeSet<>(caller.scopes()));
    }
}

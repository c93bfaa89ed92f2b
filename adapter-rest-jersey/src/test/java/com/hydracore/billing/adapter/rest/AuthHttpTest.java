package com.hydracore.billing.adapter.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bearer tokens over HTTP: HS256, JWK sets (file and URL), every way a token is refused, scopes and accounts. */
class AuthHttpTest {

    private static TestApi api;
    private static RSAKey rsa;
    private static ECKey ec;

    @BeforeAll
    static void start() throws JOSEException {
        api = TestApi.start();
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static JWTClaimsSet.Builder claims(TestApi on, String account) {
        Instant now = on.clock.instant();
        return new JWTClaimsSet.Builder().subject(account).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))));
    }

    private static String sign(JWSAlgorithm alg, JWSSigner signer, String keyId, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(keyId).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String hs256(TestApi on, JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.HS256, new MACSigner(on.secret.getBytes(StandardCharsets.UTF_8)), null, claims);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String rs256(RSAKey key, JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.RS256, new RSASSASigner(key), key.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static String es256(ECKey key, JWTClaimsSet claims) {
        try {
            return sign(JWSAlgorithm.ES256, new ECDSASigner(key), key.getKeyID(), claims);
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    /** HS256 over exactly this JSON, plus a valid {@code exp} ("~" written for a backslash). */
    private static String hs256Json(TestApi on, String claims) {
        long exp = on.clock.instant().getEpochSecond() + 600;
        String json = "{\"exp\":" + exp + "," + claims.replace('~', '\\') + "}";
        try {
            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(json));
            jws.sign(new MACSigner(on.secret.getBytes(StandardCharsets.UTF_8)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertRejected(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("{\"detail\":\"Invalid token\"}", response.body());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer error=\"invalid_token\""), challenge);
    }

    private static HttpResponse<String> billing(TestApi on, String token) {
        return on.get("/v1/billing", token);
    }

    @Test
    void aRequestWithoutTokenIs401WithABearerChallenge() {
        HttpResponse<String> none = billing(api, null);
        HttpResponse<String> basic = api.send(api.request("/v1/billing").header("Authorization", "Basic dXNlcjpwdw=="));
        HttpResponse<String> empty = api.send(api.request("/v1/billing").header("Authorization", "Bearer "));

        for (HttpResponse<String> response : List.of(none, basic, empty)) {
            assertEquals(401, response.statusCode());
            assertEquals("{\"detail\":\"Not authenticated\"}", response.body());
            assertEquals(List.of("Bearer"), response.headers().allValues("WWW-Authenticate"));
        }
    }

    @Test
    void theSchemeIsMatchedWithoutRegardToCase() {
        String token = api.userToken("scheme");
        for (String scheme : List.of("Bearer ", "bearer ", "BEARER ", "bEaReR   ")) {
            HttpResponse<String> response = api.send(api.request("/v1/billing")
                    .header("Authorization", scheme + token));
            assertEquals(200, response.statusCode(), scheme);
        }
        for (String other : List.of("Bearer" + token, "Bearerx " + token, "Beare " + token)) {
            HttpResponse<String> response = api.send(api.request("/v1/billing").header("Authorization", other));
            assertEquals(401, response.statusCode(), other);
            assertEquals("{\"detail\":\"Not authenticated\"}", response.body());
        }
    }

    @Test
    void aMalformedTokenIsRejectedAsInvalid() {
        assertRejected(billing(api, "not.a.jwt"));
        assertRejected(billing(api, "garbage"));
    }

    @Test
    void expiryIsRequiredAndJudgedByTheClockWithSixtySecondsOfSkew() {
        Instant now = api.clock.instant();
        assertRejected(billing(api, hs256(api, claims(api, "a").expirationTime(Date.from(now.minusSeconds(61)))
                .build())));
        assertEquals(200, billing(api, hs256(api, claims(api, "a").expirationTime(Date.from(now.minusSeconds(59)))
                .build())).statusCode());
        assertRejected(billing(api, hs256(api, claims(api, "a").expirationTime(null).build())));
    }

    @Test
    void notBeforeAndIssuedAtInTheFutureAreRefusedBeyondTheSkew() {
        Instant now = api.clock.instant();
        assertRejected(billing(api, hs256(api, claims(api, "a").notBeforeTime(Date.from(now.plusSeconds(120)))
                .build())));
        assertEquals(200, billing(api, hs256(api, claims(api, "a").notBeforeTime(Date.from(now.plusSeconds(30)))
                .build())).statusCode());
        assertRejected(billing(api, hs256(api, claims(api, "a").issueTime(Date.from(now.plusSeconds(300))).build())));
    }

    @Test
    void aTokenSignedWithAnotherKeyOrAnotherAlgorithmIsRejected() throws JOSEException {
        JWTClaimsSet claims = claims(api, "a").build();
        assertRejected(billing(api, sign(JWSAlgorithm.HS256,
                new MACSigner(TestApi.randomSecret().getBytes(StandardCharsets.UTF_8)), null, claims)));
        byte[] longSecret = (api.secret + api.secret).getBytes(StandardCharsets.UTF_8);
        assertRejected(billing(api, sign(JWSAlgorithm.HS512, new MACSigner(longSecret), null, claims)));
        assertRejected(billing(api, rs256(rsa, claims)));
        assertRejected(billing(api, es256(ec, claims)));
    }

    @Test
    void anUnsignedTokenIsAlwaysRejected() {
        String none = new PlainJWT(claims(api, "a").build()).serialize();
        String withSignatureStripped = hs256(api, claims(api, "a").build());
        withSignatureStripped = withSignatureStripped.substring(0, withSignatureStripped.lastIndexOf('.') + 1);

        assertRejected(billing(api, none));
        assertRejected(billing(api, withSignatureStripped));
    }

    @Test
    void theAccountComesFromAccountIdElseSub() {
        api.post("/v1/usage/events", api.writerToken(), "{\"events\":["
                + UsageIngestionHttpTest.event("claimed", "c1") + "]}");
        String withClaim = hs256(api, claims(api, "someone-else").claim("account_id", "claimed").build());
        String subOnly = hs256(api, claims(api, "claimed").build());
        String neither = hs256(api, claims(api, null).build());

        assertEquals(100, TestApi.json(billing(api, withClaim)).get("usage").get("total_tokens").asLong());
        assertEquals(100, TestApi.json(billing(api, subOnly)).get("usage").get("total_tokens").asLong());
        assertRejected(billing(api, neither));
    }

    @Test
    void theAccountClaimIsConfigurable() {
        try (TestApi own = TestApi.withAuth(a -> a.withAccountClaim("tenant"))) {
            own.post("/v1/usage/events", own.writerToken(), "{\"events\":["
                    + UsageIngestionHttpTest.event("t-1", "c1") + "]}");
            String token = hs256(own, claims(own, "user-9").claim("tenant", "t-1").claim("account_id", "x").build());

            assertEquals(100, TestApi.json(billing(own, token)).get("usage").get("total_tokens").asLong());
        }
    }

    @Test
    void scopesComeFromScopeOrScp() {
        String scp = hs256(api, claims(api, "ops").claim("scp", List.of("usage:write", "billing:admin")).build());
        String scope = hs256(api, claims(api, "ops").claim("scope", "openid billing:admin profile").build());
        String elsewhere = hs256(api, claims(api, "ops").claim("roles", List.of("billing:admin")).build());

        assertEquals(200, api.get("/v1/admin/tiers", scp).statusCode());
        assertEquals(200, api.get("/v1/admin/tiers", scope).statusCode());
        HttpResponse<String> forbidden = api.get("/v1/admin/tiers", elsewhere);
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.headers().firstValue("WWW-Authenticate").orElseThrow().contains("insufficient_scope"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "\"sub\":\"a~u0000\"",
            "\"sub\":\"~ud800\"",
            "\"sub\":\"ok\",\"account_id\":\"~udc00\"",
            "\"sub\":\"ok\",\"scope\":\"billing:admin ~ud83d\"",
            "\"sub\":\"ok\",\"other\":{\"list\":[\"~u0000\"]}",
            "\"sub\":\"ok\",\"account_id\":123",
            "\"sub\":\"ok\",\"account_id\":\"\"",
            "\"sub\":true"})
    void aTokenWithAClaimThatIsNotValidUnicodeOrABadAccountIsAnInvalidToken(String claims) {
        assertRejected(billing(api, hs256Json(api, claims)));
        assertRejected(api.get("/v1/admin/tiers", hs256Json(api, claims)));
    }

    @Test
    void aMalformedScopeClaimGrantsNothingButTheTokenStillReads() {
        for (String claims : List.of("\"sub\":\"ops\",\"scope\":\"openid  billing:admin\"",
                "\"sub\":\"ops\",\"scope\":[\"billing:admin\"]",
                "\"sub\":\"ops\",\"scp\":\"billing:admin\"",
                "\"sub\":\"ops\",\"scp\":[\"openid billing:admin\"]")) {
            String token = hs256Json(api, claims);

            assertEquals(200, billing(api, token).statusCode(), claims);
            assertEquals(403, api.get("/v1/admin/tiers", token).statusCode(), claims);
        }
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        try (TestApi own = TestApi.withAuth(a -> a.withIssuer("https://id.example").withAudience("billing"))) {
            JWTClaimsSet right = claims(own, "a").issuer("https://id.example").audience(List.of("other", "billing"))
                    .build();
            assertEquals(200, billing(own, hs256(own, right)).statusCode());
            assertRejected(billing(own, hs256(own, claims(own, "a").audience("billing").build())));
            assertRejected(billing(own, hs256(own, claims(own, "a").issuer("https://id.example").build())));
            assertRejected(billing(own, hs256(own, claims(own, "a").issuer("https://evil.example")
                    .audience("billing").build())));
        }
    }

    @Test
    void aJwkSetFileAcceptsRs256AndEs256AndRefusesHmac(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwks.json");
        Files.writeString(file, new JWKSet(List.of(rsa, ec)).toString(false)); // private parts too: only public used
        try (TestApi own = TestApi.withAuth(a -> AuthSettings.jwksFile(file))) {
            assertEquals(200, billing(own, rs256(rsa, claims(own, "a").build())).statusCode());
            assertEquals(200, billing(own, es256(ec, claims(own, "a").build())).statusCode());
            assertRejected(billing(own, hs256(own, claims(own, "a").build())));
            RSAKey impostor = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            assertRejected(billing(own, rs256(impostor, claims(own, "a").build())));
            assertRejected(billing(own, new PlainJWT(claims(own, "a").build()).serialize()));
        }
    }

    @Test
    void aJwkSetUrlIsFetchedAndRefetchedForANewKey() throws Exception {
        AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(rsa.toPublicJWK()));
        HttpServer keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.createContext("/jwks.json", exchange -> {
            byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        keys.start();
        URI url = URI.create("http://127.0.0.1:" + keys.getAddress().getPort() + "/jwks.json");
        try (TestApi own = TestApi.withAuth(a -> AuthSettings.jwksUrl(url))) {
            assertEquals(200, billing(own, rs256(rsa, claims(own, "a").build())).statusCode());

            published.set(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));
            assertEquals(200, billing(own, es256(ec, claims(own, "a").build())).statusCode(), "rotated key");
            assertRejected(billing(own, hs256(own, claims(own, "a").build())));
        } finally {
            keys.stop(0);
        }
    }

    @Test
    void anUnreachableJwkSetIsA503NotTheCallersFault() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/jwks.json");
        try (TestApi own = TestApi.withAuth(a -> AuthSettings.jwksUrl(url))) {
            HttpResponse<String> response = billing(own, rs256(rsa, claims(own, "a").build()));

            assertEquals(503, response.statusCode());
            assertTrue(TestApi.json(response).get("detail").isTextual());
        }
    }

    @Test
    void anotherAccountsDataIsNeverReachedWithAUserToken() {
        api.put("/v1/admin/accounts/victim/instances/private-bot", api.adminToken(),
                "{\"name\":\"Private\",\"status\":\"active\"}");
        api.post("/v1/usage/events", api.writerToken(), "{\"events\":["
                + UsageIngestionHttpTest.event("victim", "v1") + "]}");
        String attacker = api.userToken("attacker");

        assertEquals(0, TestApi.json(billing(api, attacker)).get("usage").get("total_tokens").asLong());
        assertEquals(404, api.get("/v1/billing/usage/chart?instance_id=private-bot", attacker).statusCode());
        assertEquals(403, api.get("/v1/admin/tiers", attacker).statusCode());
    }

    @Test
    void unknownRoutesAre404WithOrWithoutAToken() {
        for (String token : new String[] {null, api.userToken("x"), "garbage"}) {
            HttpResponse<String> response = api.get("/v1/billing/nothing-here", token);
            assertEquals(404, response.statusCode());
            assertEquals("{\"detail\":\"Not Found\"}", response.body());
        }
    }

    @Test
    void mintedTokensCarryAccountScopesAndExpiry() throws Exception {
        String token = api.minter.mint("acct-7", Set.of("usage:write", "billing:admin"), Duration.ofMinutes(5));

        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("acct-7", claims.getSubject());
        assertEquals("acct-7", claims.getStringClaim("account_id"));
        assertEquals("billing:admin usage:write", claims.getStringClaim("scope"));
        assertEquals(api.clock.instant().plus(Duration.ofMinutes(5)), claims.getExpirationTime().toInstant());
        api.clock.advance(Duration.ofMinutes(7));
        try {
            assertRejected(billing(api, token));
        } finally {
            api.clock.set(Instant.parse(TestApi.START));
        }
    }
}

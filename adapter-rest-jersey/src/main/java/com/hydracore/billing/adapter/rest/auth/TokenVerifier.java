package com.hydracore.billing.adapter.rest.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hydracore.billing.adapter.rest.AuthSettings;
import com.hydracore.billing.adapter.rest.http.StrictUtf8;
import com.hydracore.billing.domain.validation.UnicodeText;
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
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Verifies bearer JWTs as the contract says: HS256 with the shared secret, or RS256/ES256 against a JWK set (and
 * then never HMAC); never {@code alg: none}; {@code exp} required; {@code nbf}/{@code iat} honoured with 60 s of
 * skew, judged by the injected clock; issuer and audience when configured. Claims are read as written: every string
 * in them valid Unicode without NUL, the account claim a non-empty string, scopes only from a claim of the exact
 * shape (see {@link #scopes}).
 *
 * <p>A token that was accepted is remembered by its exact text (at most 10,000 tokens, each for at most 5 minutes
 * after its verification), so the same token on the next requests skips decoding, parsing and the signature check.
 * The time, issuer and audience checks still run on every request against the clock, so a remembered token is
 * refused at the very instant a fresh one would be. A refused token is never remembered. With a JWK set, a key
 * removed from the set keeps accepting the tokens already verified with it until they leave the cache, at most
 * 5 minutes later.
 */
public final class TokenVerifier {

    /** The clock skew tolerated on {@code exp}, {@code nbf} and {@code iat}. */
    public static final Duration MAX_SKEW = Duration.ofSeconds(60);

    // Verifying the same bearer token again on every request (base64, JSON parsing, HMAC or RSA/EC) was a large
    // share of an authenticated read's CPU. Bounded, and rejected tokens are never stored, so no one can fill it.
    static final int MAX_CACHED_TOKENS = 10_000;
    // Counted from the verification, not the last use, so a key dropped from the JWK set stops working within the
    // same 5 minutes nimbus already caches the fetched set for.
    static final Duration CACHED_FOR = Duration.ofMinutes(5);

    private static final String SCOPE_CHARACTERS = "[\\x21\\x23-\\x5B\\x5D-\\x7E]+";
    private static final Pattern SCOPE_TOKEN = Pattern.compile(SCOPE_CHARACTERS);
    private static final Pattern SCOPE_LIST = Pattern.compile(SCOPE_CHARACTERS + "(?: " + SCOPE_CHARACTERS + ")*");

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final AuthSettings settings;
    private final Clock clock;
    private final Cache<String, Facts> verified;

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
        this(settings, clock, MAX_CACHED_TOKENS);
    }

    /** A verifier remembering at most {@code maxCachedTokens} verified tokens. */
    TokenVerifier(AuthSettings settings, Clock clock, int maxCachedTokens) {
        this.settings = settings;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxCachedTokens)
                .expireAfterWrite(CACHED_FOR)
                // Entries age by the injected clock, like the claims: tests move time instead of sleeping.
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
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
        Facts known = verified.getIfPresent(token);
        if (known != null) {
            try {
                return judge(known);
            } catch (RejectedTokenException e) {
                verified.invalidate(token); // only accepted tokens are remembered; the next call verifies afresh
                throw e;
            }
        }
        Facts facts = Facts.of(signed(token), writtenClaims(token), settings.accountClaim());
        Caller caller = judge(facts);
        verified.put(token, facts);
        return caller;
    }

    /** How many verified tokens are remembered, once pending evictions are done: for tests of the bound. */
    long cachedTokens() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    private JWTClaimsSet signed(String token) throws RejectedTokenException, KeysUnavailableException {
        try {
            return processor.process(token, null);
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        } catch (ParseException e) {
            throw new RejectedTokenException("malformed token");
        } catch (BadJOSEException | JOSEException e) {
            throw new RejectedTokenException("signature or algorithm not accepted");
        }
    }

    // Runs on every request, remembered token or not: a token is refused at the same instant either way.
    private Caller judge(Facts facts) throws RejectedTokenException {
        checkTimes(facts);
        checkIssuerAndAudience(facts);
        if (facts.caller() == null) {
            throw new RejectedTokenException("no account in the token");
        }
        return facts.caller();
    }

    private void checkTimes(Facts facts) throws RejectedTokenException {
        Instant now = clock.instant();
        if (facts.exp() == null) {
            throw new RejectedTokenException("exp claim required");
        }
        if (now.isAfter(facts.exp().plus(MAX_SKEW))) {
            throw new RejectedTokenException("token expired");
        }
        if (facts.nbf() != null && now.plus(MAX_SKEW).isBefore(facts.nbf())) {
            throw new RejectedTokenException("token not yet valid");
        }
        if (facts.iat() != null && now.plus(MAX_SKEW).isBefore(facts.iat())) {
            throw new RejectedTokenException("token issued in the future");
        }
    }

    private void checkIssuerAndAudience(Facts facts) throws RejectedTokenException {
        if (settings.issuer().isPresent() && !settings.issuer().get().equals(facts.issuer())) {
            throw new RejectedTokenException("issuer not accepted");
        }
        if (settings.audience().isPresent() && !facts.audience().contains(settings.audience().get())) {
            throw new RejectedTokenException("audience not accepted");
        }
    }

    /**
     * The claims as the token's JSON writes them, once its signature verified: nimbus's claims set reads a numeric
     * {@code sub} as text, and nimbus decodes the payload leniently (bad UTF-8 becomes U+FFFD). Every string in them,
     * names included, at any depth, must be valid Unicode without NUL.
     */
    private static Map<String, Object> writtenClaims(String token) throws RejectedTokenException {
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new RejectedTokenException("malformed token");
        }
        Optional<String> json = StrictUtf8.decode(payload);
        Map<String, Object> claims;
        try {
            claims = json.isPresent() ? JSONObjectUtils.parse(json.get()) : null;
        } catch (ParseException e) {
            claims = null;
        }
        if (claims == null || !everyStringValid(claims)) {
            throw new RejectedTokenException("claims are not valid Unicode text");
        }
        return claims;
    }

    private static boolean everyStringValid(Map<String, Object> claims) {
        Deque<Object> pending = new ArrayDeque<>();
        pending.push(claims);
        while (!pending.isEmpty()) {
            Object value = pending.pop();
            if (value instanceof String) {
                if (!UnicodeText.isValid((String) value)) {
                    return false;
                }
            } else if (value instanceof Map<?, ?>) {
                ((Map<?, ?>) value).forEach((name, item) -> {
                    pending.push(name);
                    if (item != null) {
                        pending.push(item);
                    }
                });
            } else if (value instanceof List<?>) {
                ((List<?>) value).stream().filter(Objects::nonNull).forEach(pending::push);
            }
        }
        return true;
    }

    /**
     * What the checks read from a token whose signature verified, taken from its claims once; {@code null} where
     * the token has no such claim.
     *
     * @param caller the account and scopes, or {@code null} when the token names no account
     */
    private record Facts(Instant exp, Instant nbf, Instant iat, String issuer, List<String> audience,
                         Caller caller) {

        static Facts of(JWTClaimsSet claims, Map<String, Object> written, String accountClaim)
                throws RejectedTokenException {
            try {
                List<String> audience = claims.getAudience();
                String account = account(written, accountClaim);
                return new Facts(instant(claims.getDateClaim("exp")), instant(claims.getDateClaim("nbf")),
                        instant(claims.getDateClaim("iat")), claims.getStringClaim("iss"),
                        audience == null ? List.of() : Collections.unmodifiableList(audience),
                        account == null ? null : new Caller(account, scopes(written)));
            } catch (ParseException e) {
                // Unreached today (nimbus refuses a non-date exp/nbf/iat or a non-string iss while parsing), kept
                // so a change there still refuses the token instead of failing the request.
                throw new RejectedTokenException("malformed claims");
            }
        }

        private static Instant instant(Date date) {
            return date == null ? null : date.toInstant();
        }
    }

    /**
     * The configured account claim when the token has it (JSON {@code null} counts as absent), else {@code sub};
     * whichever is read must be a string with a non-blank character, or the token is refused: never a number read
     * as text, never a silent fall-back from a bad account claim to {@code sub}. {@code null} when neither is there.
     */
    private static String account(Map<String, Object> claims, String accountClaim) throws RejectedTokenException {
        Object value = claims.get(accountClaim);
        if (value == null) {
            value = claims.get("sub");
        }
        if (value == null) {
            return null;
        }
        if (!(value instanceof String) || ((String) value).isBlank()) {
            throw new RejectedTokenException("the account claim is not a non-empty string");
        }
        return (String) value;
    }

    /**
     * The scopes granted, as API.md section 3 reads them: {@code scope} is one string of scope-tokens separated by
     * single spaces, {@code scp} an array of strings each exactly one scope-token (RFC 6749 section 3.3: 1+ of
     * %x21 / %x23-5B / %x5D-7E). A claim of any other shape (an array in {@code scope}, a string in {@code scp}, a
     * tab, a doubled, leading or trailing space, an item that is not a string or holds a space) grants nothing, and
     * the token stays valid for what needs no scope: a bad claim voids itself, not the token.
     */
    private static Set<String> scopes(Map<String, Object> claims) {
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = claims.get("scope");
        if (scope instanceof String && SCOPE_LIST.matcher((String) scope).matches()) {
            scopes.addAll(List.of(((String) scope).split(" ")));
        }
        Object scp = claims.get("scp");
        if (scp instanceof List<?> && ((List<?>) scp).stream()
                .allMatch(item -> item instanceof String && SCOPE_TOKEN.matcher((String) item).matches())) {
            ((List<?>) scp).forEach(item -> scopes.add((String) item));
        }
        return scopes;
    }
}

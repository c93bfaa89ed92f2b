package com.hydracore.billing.domain.webhook;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A receiver of webhook messages, as an admin registers it (API §8): where to POST, the secret to sign with, which
 * event types it wants and whether it receives anything at all.
 *
 * <p>The URL is checked here for its form only; whether its host is, or resolves to, a loopback, private or
 * link-local address is judged by {@link AddressPolicy} where names are resolved (when saving, and again when
 * sending).
 *
 * @param endpointId the admin's identifier, 1–{@value #MAX_ID_LENGTH} characters
 * @param url        an absolute {@code https://} or {@code http://} URL with a host, no user info, at most
 *                   {@value #MAX_URL_LENGTH} characters; kept exactly as given
 * @param secret     the signing secret
 * @param eventTypes the types it receives, at least one (an unmodifiable set in the contract's order)
 * @param enabled    whether it receives messages; a disabled endpoint gets no new message and its pending ones fail
 */
public record WebhookEndpoint(String endpointId, String url, WebhookSecret secret, Set<EventType> eventTypes,
                              boolean enabled) {

    /** Longest endpoint id. */
    public static final int MAX_ID_LENGTH = 128;
    /** Longest URL. */
    public static final int MAX_URL_LENGTH = 2048;

    /** Checks every field, reporting all problems at once at their snake_case names. */
    public WebhookEndpoint {
        Checks checks = new Checks();
        checks.text("endpoint_id", endpointId, 1, MAX_ID_LENGTH);
        checkUrl(checks, url);
        checks.present("secret", secret);
        if (checks.present("event_types", eventTypes) && eventTypes.isEmpty()) {
            checks.add(Violation.of("event_types", Violation.TOO_SHORT,
                    "List should have at least 1 item after validation, not 0", List.of()));
        }
        checks.throwIfAny();
        eventTypes = Collections.unmodifiableSet(EnumSet.copyOf(eventTypes));
    }

    /**
     * The endpoint a PUT body describes, with the contract's defaults: {@code eventTypes} {@code null} means every
     * type, {@code enabled} {@code null} means true. Repeated types count once.
     *
     * @throws InvalidInputException listing every problem: at {@code endpoint_id}, {@code url}, {@code secret},
     *     {@code event_types} (an empty list) or {@code ["event_types", i]} (an unknown or missing name)
     */
    public static WebhookEndpoint of(String endpointId, String url, String secret, List<String> eventTypes,
                                     Boolean enabled) {
        Checks checks = new Checks();
        checks.text("endpoint_id", endpointId, 1, MAX_ID_LENGTH);
        checkUrl(checks, url);
        WebhookSecret parsed = null;
        try {
            parsed = WebhookSecret.parse(secret);
        } catch (InvalidInputException e) {
            checks.addAll(e.violations());
        }
        Set<EventType> types = eventTypes == null ? EventType.all() : types(checks, eventTypes);
        checks.throwIfAny();
        return new WebhookEndpoint(endpointId, url, parsed, types, enabled == null || enabled);
    }

    /** The URL, parsed. */
    public URI uri() {
        return URI.create(url);
    }

    /**
     * The URL's host as a resolver takes it: a name, an IPv4 literal, or an IPv6 literal without its brackets.
     */
    public String host() {
        String host = uri().getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether this endpoint is enabled and wants messages of {@code type}. */
    public boolean receives(EventType type) {
        return enabled && eventTypes.contains(type);
    }

    /** The same endpoint with another secret, e.g. after a rotation. */
    public WebhookEndpoint withSecret(WebhookSecret newSecret) {
        return new WebhookEndpoint(endpointId, url, newSecret, eventTypes, enabled);
    }

    private static Set<EventType> types(Checks checks, List<String> names) {
        if (names.isEmpty()) {
            checks.add(Violation.of("event_types", Violation.TOO_SHORT,
                    "List should have at least 1 item after validation, not 0", List.of()));
            return EventType.all();
        }
        EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                checks.add(new Violation(List.of("event_types", i), Violation.STRING_TYPE,
                        "Input should be a valid string", null));
                continue;
            }
            Optional<EventType> type = EventType.fromWireName(name);
            if (type.isPresent()) {
                types.add(type.get());
            } else {
                checks.add(new Violation(List.of("event_types", i), Violation.ENUM,
                        "Input should be " + EventType.expected(), UnicodeText.shown(name)));
            }
        }
        return types.isEmpty() ? EventType.all() : types;
    }

    private static void checkUrl(Checks checks, String url) {
        int before = checks.count();
        checks.text("url", url, 1, MAX_URL_LENGTH);
        if (checks.count() > before) {
            return;
        }
        String problem = urlProblem(url);
        if (problem != null) {
            checks.add(Violation.of("url", Violation.VALUE_ERROR, "Value error, " + problem, url));
        }
    }

    private static String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "url must be an absolute http:// or https:// URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "url must start with https:// or http://";
        }
        if (uri.getHost() == null || uri.getRawAuthority() == null) {
            return "url must name a host (letters, digits, hyphens and dots, or an IP address)";
        }
        if (uri.getRawUserInfo() != null) {
            return "url must not carry a user name or password";
        }
        if (uri.getPort() > 65_535) {
            return "url port must be at most 65535";
        }
        return null;
    }

    /** Names the endpoint without its secret (the secret's own {@code toString} is redacted). */
    @Override
    public String toString() {
        return "WebhookEndpoint[endpointId=" + endpointId + ", url=" + url + ", eventTypes=" + eventTypes
                + ", enabled=" + enabled + "]";
    }

    /** Compares every field; the secret in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookEndpoint that && endpointId.equals(that.endpointId) && url.equals(that.url)
                && secret.equals(that.secret) && eventTypes.equals(that.eventTypes) && enabled == that.enabled;
    }

    @Override
    public int hashCode() {
        return Objects.hash(endpointId, url, eventTypes, enabled);
    }
}

package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.port.out.WebhookEndpoints;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookSecret;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link WebhookEndpoints} must honour: subclass it and implement {@link #newEndpoints()}.
 *
 * <p>Isolation: endpoint ids are global, so every case uses ids that start with a random UUID and looks only at
 * those; {@link #newEndpoints()} may return a fresh empty store or one shared by every case.
 *
 * <p>Beyond the port's Javadoc: the secret's key bytes round-trip exactly (24 to 64 bytes); URLs of 2048 characters
 * and ids of 128 code points of any Unicode round-trip (H2 counts UTF-16 units, so give it 256); every subset of
 * event types round-trips; {@link WebhookEndpoints#list()} orders by {@link String#compareTo} — binary order, which in
 * PostgreSQL means {@code COLLATE "C"}.
 */
public abstract class WebhookEndpointsContract {

    private static final String URL = "https://hooks.example.com/billing";

    private final ContractRun run = new ContractRun();

    /** The store under test, from {@link #newEndpoints()}, once per case. */
    protected WebhookEndpoints endpoints;

    /** The store under test, called once before each case: fresh and empty, or shared by every case. */
    protected abstract WebhookEndpoints newEndpoints();

    @BeforeEach
    void createStore() {
        endpoints = newEndpoints();
    }

    private static WebhookSecret secret(int bytes, int seed) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (seed + 31 * i);
        }
        return WebhookSecret.parse("whsec_" + Base64.getEncoder().encodeToString(key));
    }

    private static WebhookEndpoint endpoint(String id, String url, WebhookSecret secret, Set<EventType> types,
                                            boolean enabled) {
        return new WebhookEndpoint(id, url, secret, types, enabled);
    }

    private List<WebhookEndpoint> ours() {
        return endpoints.list().stream().filter(e -> e.endpointId().startsWith(run.prefix())).toList();
    }

    @Test
    void aPutEndpointIsFoundWithEveryFieldAndItsSecret() {
        WebhookEndpoint ops = endpoint(run.global("ops"), URL, secret(32, 1),
                EnumSet.of(EventType.TRIAL_WILL_END, EventType.TRIAL_EXPIRED), false);

        endpoints.put(ops);

        Optional<WebhookEndpoint> found = endpoints.get(ops.endpointId());
        assertEquals(Optional.of(ops), found, "every field round-trips");
        assertEquals(ops.secret().encoded(), found.orElseThrow().secret().encoded(), "the key bytes round-trip");
        assertFalse(found.orElseThrow().enabled(), "enabled false round-trips");
    }

    @Test
    void everySubsetOfEventTypesRoundTrips() {
        List<Set<EventType>> subsets = List.of(EnumSet.of(EventType.USAGE_THRESHOLD_REACHED),
                EnumSet.of(EventType.TRIAL_WILL_END), EnumSet.of(EventType.TRIAL_EXPIRED),
                EnumSet.of(EventType.USAGE_THRESHOLD_REACHED, EventType.TRIAL_EXPIRED), EnumSet.allOf(EventType.class));
        for (int i = 0; i < subsets.size(); i++) {
            WebhookEndpoint e = endpoint(run.global("e" + i), URL, secret(24, i), subsets.get(i), true);
            endpoints.put(e);
            assertEquals(subsets.get(i), endpoints.get(e.endpointId()).orElseThrow().eventTypes(),
                    "event types round-trip exactly: " + subsets.get(i));
        }
    }

    @Test
    void extremeValuesRoundTrip() {
        String id = "é✓𝄞" + run.ofLength(124);
        String longestId = run.ofLength(90) + "𝄞".repeat(38);
        String longUrl = "https://hooks.example.com/" + "p".repeat(2048 - 26);
        WebhookEndpoint a = endpoint(id, "http://[2001:db8::1]:8080/h?x=1&y=%20", secret(64, 7),
                EventType.all(), true);
        WebhookEndpoint b = endpoint(longestId, longUrl, secret(24, 9), EventType.all(), true);

        endpoints.put(a);
        endpoints.put(b);

        assertEquals(Optional.of(a), endpoints.get(id), "Unicode ids, IPv6 URLs and 64-byte keys round-trip");
        assertEquals(Optional.of(b), endpoints.get(longestId), "128 code points and 2048-character URLs round-trip");
        assertEquals(128, longestId.codePointCount(0, longestId.length()));
        assertEquals(2048, longUrl.length());
    }

    @Test
    void puttingAnEndpointAgainReplacesEveryField() {
        String id = run.global("ops");
        endpoints.put(endpoint(id, URL, secret(32, 1), EventType.all(), true));
        WebhookEndpoint changed = endpoint(id, "http://other.example.com/x", secret(48, 2),
                EnumSet.of(EventType.TRIAL_EXPIRED), false);

        endpoints.put(changed);

        assertEquals(Optional.of(changed), endpoints.get(id), "a put replaces the url, secret, types and enabled");
        assertEquals(List.of(changed), ours(), "a put never adds a second endpoint with the same id");
    }

    @Test
    void listIsOrderedByIdInBinaryOrder() {
        List<String> names = List.of("b", "B", "a", "_", "é", "Z", "10", "9");
        for (String name : names) {
            endpoints.put(endpoint(run.global(name), URL, secret(24, 1), EventType.all(), true));
        }

        assertEquals(names.stream().map(run::global).sorted().toList(),
                ours().stream().map(WebhookEndpoint::endpointId).toList(),
                "list orders by String.compareTo (COLLATE \"C\"), not a locale's collation");
    }

    @Test
    void deleteRemovesTheEndpointAndSaysWhetherItExisted() {
        String id = run.global("ops");
        endpoints.put(endpoint(id, URL, secret(32, 1), EventType.all(), true));

        assertTrue(endpoints.delete(id), "deleting an existing endpoint answers true");
        assertEquals(Optional.empty(), endpoints.get(id), "a deleted endpoint is not found");
        assertEquals(List.of(), ours(), "a deleted endpoint is not listed");
        assertFalse(endpoints.delete(id), "deleting it again answers false");
        assertFalse(endpoints.delete(run.global("never")), "deleting an unknown endpoint answers false");
    }

    @Test
    void anEndpointPutAgainAfterDeletionIsTheNewOne() {
        String id = run.global("ops");
        endpoints.put(endpoint(id, URL, secret(32, 1), EventType.all(), true));
        endpoints.delete(id);
        WebhookEndpoint again = endpoint(id, "https://new.example.com/", secret(24, 5), EventType.all(), true);

        endpoints.put(again);

        assertEquals(Optional.of(again), endpoints.get(id), "an id may be used again after deletion");
    }

    @Test
    void idsAreComparedExactly() {
        String id = run.global("Ops");
        endpoints.put(endpoint(id, URL, secret(32, 1), EventType.all(), true));

        assertEquals(Optional.empty(), endpoints.get(run.global("ops")), "ids are case-sensitive");
        assertEquals(Optional.empty(), endpoints.get(id + " "), "trailing spaces count");
        assertEquals(Optional.empty(), endpoints.get(run.global("nobody")), "an unknown id finds nothing");
    }
}

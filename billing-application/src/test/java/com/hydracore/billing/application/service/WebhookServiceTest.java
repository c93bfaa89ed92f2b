package com.hydracore.billing.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.WebhookSettings;
import com.hydracore.billing.application.error.NotFoundException;
import com.hydracore.billing.application.port.in.ManageWebhooks.WebhookView;
import com.hydracore.billing.application.testing.InMemoryWebhooks;
import com.hydracore.billing.application.testing.MutableClock;
import com.hydracore.billing.domain.alert.TrialEvent;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import com.hydracore.billing.domain.webhook.AddressPolicy;
import com.hydracore.billing.domain.webhook.Delivery;
import com.hydracore.billing.domain.webhook.EventType;
import com.hydracore.billing.domain.webhook.WebhookEndpoint;
import com.hydracore.billing.domain.webhook.WebhookEvent;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookServiceTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");

    private final InMemoryWebhooks app = new InMemoryWebhooks(new MutableClock(T0));

    private static WebhookEndpoint endpoint(String id, String url) {
        return WebhookEndpoint.of(id, url, SECRET, null, null);
    }

    private static Violation onlyProblem(InvalidInputException e) {
        assertEquals(1, e.violations().size(), () -> "one problem expected: " + e.violations());
        return e.violations().get(0);
    }

    @Test
    void aPutEndpointIsStoredWithItsSecretAndAnsweredWithoutIt() {
        app.resolver.map("hooks.example.com", "93.184.216.34");
        WebhookEndpoint ops = WebhookEndpoint.of("ops", "https://hooks.example.com/b", SECRET,
                List.of("trial.expired"), false);

        WebhookView view = app.webhooks.put(ops);

        assertEquals(new WebhookView("ops", "https://hooks.example.com/b", EnumSet.of(EventType.TRIAL_EXPIRED),
                false), view);
        assertEquals(Optional.of(ops), app.endpoints.get("ops"));
        assertEquals(view, app.webhooks.get("ops"));
    }

    @Test
    void aPutReplacesTheEndpoint() {
        app.webhooks.put(endpoint("ops", "https://93.184.216.34/a"));
        app.webhooks.put(endpoint("ops", "https://93.184.216.34/b"));

        assertEquals(List.of("https://93.184.216.34/b"), app.webhooks.list().stream().map(WebhookView::url).toList());
    }

    @Test
    void theListIsOrderedById() {
        app.webhooks.put(endpoint("b", "https://93.184.216.34/"));
        app.webhooks.put(endpoint("a", "https://93.184.216.34/"));
        app.webhooks.put(endpoint("C", "https://93.184.216.34/"));

        assertEquals(List.of("C", "a", "b"), app.webhooks.list().stream().map(WebhookView::endpointId).toList());
    }

    @Test
    void anUnknownEndpointIsWebhookNotFound() {
        assertEquals("Webhook not found", assertThrows(NotFoundException.class, () -> app.webhooks.get("x"))
                .getMessage());
        assertEquals("Webhook not found", assertThrows(NotFoundException.class, () -> app.webhooks.delete("x"))
                .getMessage());
        assertEquals("Webhook not found", assertThrows(NotFoundException.class,
                () -> app.webhooks.deliveries("x")).getMessage());
    }

    @Test
    void aDeletedEndpointIsGoneWithItsDeliveries() {
        app.webhooks.put(endpoint("ops", "https://93.184.216.34/"));
        app.outbox.enqueue(event("sub-1"), T0);

        app.webhooks.delete("ops");

        assertThrows(NotFoundException.class, () -> app.webhooks.get("ops"));
        assertThrows(NotFoundException.class, () -> app.webhooks.delete("ops"));
        app.webhooks.put(endpoint("ops", "https://93.184.216.34/"));
        assertEquals(List.of(), app.webhooks.deliveries("ops"));
    }

    @Test
    void theDeliveriesViewIsNewestFirstAndAtMostOneHundred() {
        app.webhooks.put(endpoint("ops", "https://93.184.216.34/"));
        for (int i = 0; i < 101; i++) {
            app.outbox.enqueue(event("sub-" + i), T0.plusSeconds(i));
        }

        List<Delivery> view = app.webhooks.deliveries("ops");

        assertEquals(100, view.size());
        assertEquals(event("sub-100").messageId(), view.get(0).messageId());
        assertEquals(event("sub-1").messageId(), view.get(99).messageId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/h", "http://10.1.2.3:8080/h", "https://[::1]/h",
        "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/h", "https://0.0.0.0/h"})
    void aUrlWhoseHostIsARefusedAddressIsAValueErrorAtUrl(String url) {
        Violation problem = onlyProblem(assertThrows(InvalidInputException.class,
                () -> app.webhooks.put(endpoint("ops", url))));

        assertEquals(List.of("url"), problem.path());
        assertEquals(Violation.VALUE_ERROR, problem.type());
        assertTrue(problem.message().startsWith("Value error, url's host is, or resolves to, a "), problem.message());
        assertEquals(url, problem.input());
        assertEquals(List.of(), app.webhooks.list(), "nothing was stored");
    }

    @Test
    void aNameIsRefusedWhenAnyAddressItResolvesToIs() {
        app.resolver.map("localhost", "127.0.0.1", "::1");
        app.resolver.map("mixed.example.com", "93.184.216.34", "192.168.1.20");

        Violation loopback = onlyProblem(assertThrows(InvalidInputException.class,
                () -> app.webhooks.put(endpoint("a", "http://localhost:8080/h"))));
        Violation mixed = onlyProblem(assertThrows(InvalidInputException.class,
                () -> app.webhooks.put(endpoint("b", "https://mixed.example.com/h"))));

        assertTrue(loopback.message().contains("loopback"), loopback.message());
        assertTrue(mixed.message().contains("private"), mixed.message());
        assertTrue(!mixed.message().contains("192.168"), "the resolved address is not disclosed");
    }

    @Test
    void aNameThatDoesNotResolveNowIsAccepted() {
        app.webhooks.put(endpoint("ops", "https://not-yet.example.com/h"));

        assertEquals("https://not-yet.example.com/h", app.webhooks.get("ops").url());
    }

    @Test
    void privateTargetsAreAcceptedWhenAllowedButNeverUnspecifiedOrMulticastOnes() {
        InMemoryWebhooks dev = new InMemoryWebhooks(new MutableClock(T0),
                WebhookSettings.DEFAULTS.withAddressPolicy(new AddressPolicy(true)));
        dev.resolver.map("localhost", "127.0.0.1");

        dev.webhooks.put(endpoint("a", "http://localhost:8080/h"));
        dev.webhooks.put(endpoint("b", "http://10.0.0.7/h"));
        dev.webhooks.put(endpoint("c", "http://169.254.1.1/h"));

        assertEquals(3, dev.webhooks.list().size());
        assertThrows(InvalidInputException.class, () -> dev.webhooks.put(endpoint("d", "http://0.0.0.0/h")));
        assertThrows(InvalidInputException.class, () -> dev.webhooks.put(endpoint("e", "http://224.0.0.1/h")));
    }

    private static WebhookEvent event(String subscriptionId) {
        return WebhookEvent.of(new TrialEvent(EventType.TRIAL_EXPIRED, "acme", subscriptionId, "tier-pro", T0), T0);
    }
}

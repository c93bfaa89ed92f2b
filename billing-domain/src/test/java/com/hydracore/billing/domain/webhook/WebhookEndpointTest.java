package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookEndpointTest {

    private static final String SECRET = WebhookSecretTest.SPEC_SECRET;
    private static final String URL = "https://hooks.example.com/billing";

    private static List<Violation> refuse(String id, String url, String secret, List<String> types) {
        return assertThrows(InvalidInputException.class, () -> WebhookEndpoint.of(id, url, secret, types, null))
                .violations();
    }

    private static Violation onlyProblem(String id, String url, String secret, List<String> types) {
        List<Violation> problems = refuse(id, url, secret, types);
        assertEquals(1, problems.size(), () -> "one problem expected: " + problems);
        return problems.get(0);
    }

    @Test
    void eventTypesDefaultToAllAndEnabledToTrue() {
        WebhookEndpoint endpoint = WebhookEndpoint.of("ops", URL, SECRET, null, null);

        assertEquals(EventType.all(), endpoint.eventTypes());
        assertTrue(endpoint.enabled());
        assertEquals(URL, endpoint.url());
        assertEquals(WebhookSecret.parse(SECRET), endpoint.secret());
    }

    @Test
    void givenFieldsAreKeptAndRepeatedTypesCountOnce() {
        WebhookEndpoint endpoint = WebhookEndpoint.of("ops", "http://hooks.example.com:8080/x?y=1", SECRET,
                List.of("trial.expired", "usage.threshold_reached", "trial.expired"), false);

        assertEquals(EnumSet.of(EventType.USAGE_THRESHOLD_REACHED, EventType.TRIAL_EXPIRED), endpoint.eventTypes());
        assertFalse(endpoint.enabled());
        assertEquals("http://hooks.example.com:8080/x?y=1", endpoint.url());
    }

    @Test
    void eventTypesAreAnsweredInTheContractsOrder() {
        WebhookEndpoint endpoint = WebhookEndpoint.of("ops", URL, SECRET,
                List.of("trial.expired", "trial.will_end", "usage.threshold_reached"), true);

        assertEquals(List.of(EventType.USAGE_THRESHOLD_REACHED, EventType.TRIAL_WILL_END, EventType.TRIAL_EXPIRED),
                List.copyOf(endpoint.eventTypes()));
    }

    @Test
    void everyProblemIsReportedAtOnceAtItsField() {
        List<Violation> problems = refuse("", "ftp://example.com", "nope", List.of("trial.expired", "trial.ended"));

        assertEquals(List.of(List.of("endpoint_id"), List.of("url"), List.of("secret"), List.of("event_types", 1)),
                problems.stream().map(Violation::path).toList());
        assertEquals(List.of(Violation.STRING_TOO_SHORT, Violation.VALUE_ERROR, Violation.VALUE_ERROR,
                Violation.ENUM), problems.stream().map(Violation::type).toList());
        assertEquals("Input should be 'usage.threshold_reached', 'trial.will_end' or 'trial.expired'",
                problems.get(3).message());
        assertEquals("trial.ended", problems.get(3).input());
    }

    @Test
    void missingFieldsAreMissing() {
        List<Violation> problems = refuse(null, null, null, null);

        assertEquals(List.of(Violation.MISSING, Violation.MISSING, Violation.MISSING),
                problems.stream().map(Violation::type).toList());
    }

    @Test
    void anEmptyListOfTypesIsTooShort() {
        Violation problem = onlyProblem("ops", URL, SECRET, List.of());

        assertEquals(List.of("event_types"), problem.path());
        assertEquals(Violation.TOO_SHORT, problem.type());
    }

    @Test
    void aNullTypeIsNotAString() {
        Violation problem = onlyProblem("ops", URL, SECRET, Arrays.asList("trial.expired", null));

        assertEquals(List.of("event_types", 1), problem.path());
        assertEquals(Violation.STRING_TYPE, problem.type());
    }

    @Test
    void idsOfOneToOneHundredTwentyEightCharactersAreAccepted() {
        assertEquals("x", WebhookEndpoint.of("x", URL, SECRET, null, null).endpointId());
        String longest = "𝄞".repeat(128);
        assertEquals(longest, WebhookEndpoint.of(longest, URL, SECRET, null, null).endpointId());
        assertEquals(Violation.STRING_TOO_LONG, onlyProblem("x".repeat(129), URL, SECRET, null).type());
        assertEquals(Violation.STRING_UNICODE, onlyProblem("a\u0000b", URL, SECRET, null).type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com", "http://example.com/", "HTTPS://Example.COM/a/b?c=d#e",
        "https://203.0.113.9:8443/x", "https://[2001:db8::1]/hook", "http://localhost:8080/hook"})
    void httpAndHttpsUrlsWithAHostAreAccepted(String url) {
        assertEquals(url, WebhookEndpoint.of("ops", url, SECRET, null, null).url());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "example.com/hook", "/relative", "mailto:ops@example.com",
        "https:///no-host", "https://exa mple.com/", "https://user:pass@example.com/", "https://ops@example.com/",
        "http://example.com:70000/", "https://bad_host.example.com/", "https://exämple.com/", "javascript:alert(1)"})
    void otherUrlsAreRefusedAtUrl(String url) {
        Violation problem = onlyProblem("ops", url, SECRET, null);

        assertEquals(List.of("url"), problem.path());
        assertEquals(Violation.VALUE_ERROR, problem.type());
        assertTrue(problem.message().startsWith("Value error, url "), problem.message());
        assertEquals(url, problem.input());
    }

    @Test
    void aUrlLongerThan2048CharactersIsTooLong() {
        String url = "https://example.com/" + "a".repeat(2029);

        assertEquals(Violation.STRING_TOO_LONG, onlyProblem("ops", url, SECRET, null).type());
        assertEquals(2048, WebhookEndpoint.of("ops", url.substring(0, 2048), SECRET, null, null).url().length());
    }

    @Test
    void theHostIsGivenWithoutIpv6Brackets() {
        assertEquals("2001:db8::1", WebhookEndpoint.of("a", "https://[2001:db8::1]:8443/h", SECRET, null, null)
                .host());
        assertEquals("hooks.example.com", WebhookEndpoint.of("a", URL, SECRET, null, null).host());
    }

    @Test
    void anEndpointReceivesItsTypesOnlyWhileEnabled() {
        WebhookEndpoint trials = WebhookEndpoint.of("a", URL, SECRET, List.of("trial.expired"), true);
        WebhookEndpoint off = WebhookEndpoint.of("b", URL, SECRET, null, false);

        assertTrue(trials.receives(EventType.TRIAL_EXPIRED));
        assertFalse(trials.receives(EventType.TRIAL_WILL_END));
        assertFalse(off.receives(EventType.TRIAL_EXPIRED));
    }

    @Test
    void toStringLeavesTheSecretOut() {
        String text = WebhookEndpoint.of("ops", URL, SECRET, null, null).toString();

        assertFalse(text.contains("MfKQ"), text);
        assertTrue(text.contains("ops") && text.contains(URL), text);
    }

    @Test
    void theTypesCannotBeChangedAfterwards() {
        WebhookEndpoint endpoint = new WebhookEndpoint("ops", URL, WebhookSecret.parse(SECRET),
                EnumSet.of(EventType.TRIAL_EXPIRED), true);

        Set<EventType> types = endpoint.eventTypes();
        assertThrows(UnsupportedOperationException.class, () -> types.add(EventType.TRIAL_WILL_END));
    }

    @Test
    void equalityComparesEveryFieldIncludingTheSecret() {
        WebhookEndpoint a = WebhookEndpoint.of("ops", URL, SECRET, null, null);

        assertEquals(a, WebhookEndpoint.of("ops", URL, SECRET, null, null));
        assertFalse(a.equals(a.withSecret(WebhookSecret.ofKey(new byte[24]))));
        assertEquals(a.hashCode(), WebhookEndpoint.of("ops", URL, SECRET, null, null).hashCode());
    }
}

package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSecretTest {

    /** The secret of the Standard Webhooks specification's example: 24 bytes. */
    static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static String secretOf(int bytes) {
        byte[] key = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    private static Violation refusal(String text) {
        List<Violation> problems = assertThrows(InvalidInputException.class, () -> WebhookSecret.parse(text))
                .violations();
        assertEquals(1, problems.size(), () -> "one problem expected: " + problems);
        return problems.get(0);
    }

    @Test
    void theSpecificationsExampleSecretIsTwentyFourBytesOfKey() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

        assertArrayEquals(Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"), secret.key());
        assertEquals(24, secret.key().length);
    }

    @Test
    void keysOfTwentyFourToSixtyFourBytesAreAccepted() {
        assertEquals(24, WebhookSecret.parse(secretOf(24)).key().length);
        assertEquals(32, WebhookSecret.parse(secretOf(32)).key().length);
        assertEquals(64, WebhookSecret.parse(secretOf(64)).key().length);
    }

    @Test
    void paddingIsOptional() {
        String padded = secretOf(25);
        assertTrue(padded.endsWith("="));

        assertEquals(WebhookSecret.parse(padded), WebhookSecret.parse(padded.replace("=", "")));
    }

    @Test
    void shorterOrLongerKeysAreRefused() {
        assertEquals(Violation.VALUE_ERROR, refusal(secretOf(23)).type());
        assertEquals(Violation.VALUE_ERROR, refusal(secretOf(65)).type());
        assertEquals(Violation.VALUE_ERROR, refusal("whsec_").type());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw!", "whsec_MfKQ9r8GKYqrTwjU PD8ILPZIo2LaLaSw", "",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw==="})
    void anythingButWhsecAndBase64IsRefusedAtSecretWithoutShowingIt(String text) {
        Violation problem = refusal(text);

        assertEquals(List.of("secret"), problem.path());
        assertEquals(Violation.VALUE_ERROR, problem.type());
        assertTrue(problem.message().startsWith("Value error, secret must be whsec_"), problem.message());
        assertNull(problem.input(), "a refused secret is never shown back");
    }

    @Test
    void aMissingSecretIsMissing() {
        assertEquals(Violation.MISSING, refusal(null).type());
    }

    @Test
    void invalidUnicodeIsStringUnicodeWithoutShowingIt() {
        Violation problem = refusal("whsec_\ud800abc");

        assertEquals(Violation.STRING_UNICODE, problem.type());
        assertNull(problem.input());
    }

    @Test
    void toStringNeverShowsTheKey() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);

        assertFalse(secret.toString().contains("MfKQ"), secret.toString());
        assertFalse(secret.toString().contains("whsec_"), secret.toString());
        assertEquals("WebhookSecret[24 bytes, redacted]", secret.toString());
    }

    @Test
    void encodedGivesTheSecretBackForTheStore() {
        assertEquals(SPEC_SECRET, WebhookSecret.parse(SPEC_SECRET).encoded());
        assertEquals(WebhookSecret.parse(SPEC_SECRET), WebhookSecret.parse(WebhookSecret.parse(SPEC_SECRET).encoded()));
    }

    @Test
    void theKeyCannotBeChangedFromOutside() {
        WebhookSecret secret = WebhookSecret.parse(SPEC_SECRET);
        byte[] copy = secret.key();
        copy[0] ^= 1;
        byte[] given = new byte[24];
        WebhookSecret ofKey = WebhookSecret.ofKey(given);
        given[0] = 9;

        assertEquals(WebhookSecret.parse(SPEC_SECRET), secret);
        assertEquals(0, ofKey.key()[0]);
    }

    @Test
    void secretsAreEqualExactlyWhenTheirKeysAre() {
        assertEquals(WebhookSecret.parse(secretOf(32)), WebhookSecret.ofKey(Base64.getDecoder()
                .decode(secretOf(32).substring(6))));
        assertNotEquals(WebhookSecret.parse(secretOf(32)), WebhookSecret.parse(secretOf(33)));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.ofKey(new byte[23]));
        assertThrows(IllegalArgumentException.class, () -> WebhookSecret.ofKey(new byte[65]));
    }
}

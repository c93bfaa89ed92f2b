package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SignatureTest {

    // The example of the Standard Webhooks specification and of its reference libraries' test suites.
    private static final WebhookSecret SECRET = WebhookSecret.parse(WebhookSecretTest.SPEC_SECRET);
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1_614_265_330L;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void theSpecificationsExampleSignsToItsPublishedSignature() {
        assertEquals(EXPECTED, Signature.sign(SECRET, ID, TIMESTAMP, BODY));
    }

    @Test
    void theSignatureIsHmacSha256OfIdTimestampAndBodyJoinedByDots() throws Exception {
        byte[] body = "{\"type\":\"trial.expired\",\"x\":\"é𝄞\"}".getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.key(), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                ("msg_1.42." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));

        assertEquals("v1," + expected, Signature.sign(SECRET, "msg_1", 42, body));
    }

    @Test
    void aReceiverVerifiesTheExample() {
        assertTrue(Signature.verify(SECRET, ID, TIMESTAMP, BODY, EXPECTED));
    }

    @Test
    void oneMatchingEntryAmongSeveralIsEnough() {
        assertTrue(Signature.verify(SECRET, ID, TIMESTAMP, BODY,
                "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + EXPECTED));
    }

    @Test
    void anyChangeToIdTimestampBodyOrKeyFailsVerification() {
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        WebhookSecret other = WebhookSecret.ofKey(new byte[24]);

        assertFalse(Signature.verify(SECRET, ID, TIMESTAMP, tampered, EXPECTED));
        assertFalse(Signature.verify(SECRET, ID + "x", TIMESTAMP, BODY, EXPECTED));
        assertFalse(Signature.verify(SECRET, ID, TIMESTAMP + 1, BODY, EXPECTED));
        assertFalse(Signature.verify(other, ID, TIMESTAMP, BODY, EXPECTED));
    }

    @Test
    void otherVersionsAndGarbageAreIgnored() {
        assertFalse(Signature.verify(SECRET, ID, TIMESTAMP, BODY, EXPECTED.replace("v1,", "v2,")));
        assertFalse(Signature.verify(SECRET, ID, TIMESTAMP, BODY, "v1,!!!notbase64"));
        assertFalse(Signature.verify(SECRET, ID, TIMESTAMP, BODY, "garbage"));
        assertFalse(Signature.verify(SECRET, ID, TIMESTAMP, BODY, ""));
        assertFalse(Signature.verify(SECRET, ID, TIMESTAMP, BODY, null));
    }
}

package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
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
    void theHmacAgreesWithRfc4231() {
        // Test cases 1, 2 and 6 (a key longer than a block) of RFC 4231.
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                hex(Signature.hmacSha256(bytes(0x0b, 20), "Hi There".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                hex(Signature.hmacSha256("Jefe".getBytes(StandardCharsets.US_ASCII),
                        "what do ya want ".getBytes(StandardCharsets.US_ASCII),
                        "for nothing?".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
                hex(Signature.hmacSha256(bytes(0xaa, 131),
                        "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void theHmacAgreesWithTheJdksMacForAnyKeyAndMessage() throws Exception {
        java.util.Random random = new Random(2104);
        for (int i = 0; i < 500; i++) {
            byte[] key = new byte[1 + random.nextInt(200)];
            byte[] message = new byte[random.nextInt(300)];
            random.nextBytes(key);
            random.nextBytes(message);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            int cut = message.length / 3;
            assertEquals(hex(mac.doFinal(message)), hex(Signature.hmacSha256(key,
                    Arrays.copyOfRange(message, 0, cut),
                    Arrays.copyOfRange(message, cut, message.length))), "key " + key.length);
        }
    }

    private static byte[] bytes(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
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

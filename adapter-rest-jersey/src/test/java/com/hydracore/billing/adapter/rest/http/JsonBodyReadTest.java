package com.hydracore.billing.adapter.rest.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.ws.rs.core.HttpHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How a body's bytes are read: by its declared length when it has one, else up to the limit. */
class JsonBodyReadTest {

    private static final byte[] BODY = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);

    private static HttpHeaders declaring(String length) {
        HttpHeaders headers = mock(HttpHeaders.class);
        when(headers.getHeaderString(HttpHeaders.CONTENT_LENGTH)).thenReturn(length);
        return headers;
    }

    @Test
    void aBodyOfItsDeclaredLengthIsReadWhole() {
        assertArrayEquals(BODY, JsonBody.readLimited(new ByteArrayInputStream(BODY), declaring("" + BODY.length)));
    }

    @Test
    void aStreamEndingBeforeTheDeclaredLengthYieldsWhatCame() {
        byte[] read = JsonBody.readLimited(new ByteArrayInputStream(BODY), declaring("" + (BODY.length + 100)));
        assertArrayEquals(BODY, read);
    }

    @Test
    void aBodyWithoutADeclaredLengthIsReadToItsEnd() {
        byte[] large = ("[" + "1,".repeat(40_000) + "1]").getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(large, JsonBody.readLimited(new ByteArrayInputStream(large), declaring(null)));
        assertArrayEquals(BODY, JsonBody.readLimited(new ByteArrayInputStream(BODY), declaring("not a number")));
    }

    @Test
    void aDeclaredLengthPastTheLimitIs413WithoutReading() {
        ApiException e = assertThrows(ApiException.class, () -> JsonBody.readLimited(
                new ByteArrayInputStream(BODY), declaring("" + (JsonBody.MAX_BYTES + 1))));
        assertEquals(413, e.status());
    }
}

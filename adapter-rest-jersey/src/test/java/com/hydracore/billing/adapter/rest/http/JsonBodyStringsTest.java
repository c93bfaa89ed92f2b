package com.hydracore.billing.adapter.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the body reader finds strings that are not valid Unicode, keys included, without a 500 or a lost location. */
class JsonBodyStringsTest {

    // Test data is written with "~" for a backslash, so that no Java escape gets in the way.
    private static byte[] json(String tildes) {
        return tildes.replace('~', '\\').getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "[\"~ud800\"]                 | [\"~u0000\"]",
            "[\"~uDC00x\"]                | [\"~u0000x\"]",
            "[\"~ud83d~ud83d~ude00\"]     | [\"~u0000~ud83d~ude00\"]",
            "[\"~ud83d~ude00~ude00\"]     | [\"~ud83d~ude00~u0000\"]",
            "{\"~ud800\":1}               | {\"~u0000\":1}",
            "[\"~ud83d~ude00\"]           | [\"~ud83d~ude00\"]",
            "[\"~~ud800\"]                | [\"~~ud800\"]",
            "[\"~~~ud800\"]               | [\"~~~u0000\"]",
            "[\"~u00e9 ~n ~\" ~ud8\"]     | [\"~u00e9 ~n ~\" ~ud8\"]"})
    void loneSurrogateEscapesAreRewrittenAsNulAndNothingElseIs(String before, String after) {
        byte[] bytes = json(before);

        JsonBody.escapeLoneSurrogatesAsNul(bytes);

        assertEquals(new String(json(after), StandardCharsets.UTF_8), new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void aLoneSurrogateInAKeyIsReportedAtTheKeyLikeANul() {
        RequestInvalidException e = assertThrows(RequestInvalidException.class,
                () -> JsonBody.parse(json("{\"a\":{\"k~udc00\":[\"~u0000\"]},\"b\":\"~ud800\"}")));

        assertEquals(List.of(
                new Violation(List.of("body", "a", "k\ufffd"), Violation.STRING_UNICODE,
                        "Input should be a valid string, unable to parse raw data as a unicode string", "k\ufffd"),
                new Violation(List.of("body", "a", "k\ufffd", 0), Violation.STRING_UNICODE,
                        "Input should be a valid string, unable to parse raw data as a unicode string", "\ufffd"),
                new Violation(List.of("body", "b"), Violation.STRING_UNICODE,
                        "Input should be a valid string, unable to parse raw data as a unicode string", "\ufffd")),
                e.violations());
    }

    @Test
    void syntaxWinsOverBadStrings() {
        RequestInvalidException e = assertThrows(RequestInvalidException.class,
                () -> JsonBody.parse(json("[\"~u0000\", oops]")));

        assertEquals(List.of(Violation.JSON_INVALID), e.violations().stream().map(Violation::type).toList());
    }

    @Test
    void atMostAThousandBadStringsAreListed() {
        String many = "[" + "\"~u0000\",".repeat(JsonBody.MAX_BAD_STRINGS + 500) + "\"~u0000\"]";

        RequestInvalidException e = assertThrows(RequestInvalidException.class, () -> JsonBody.parse(json(many)));

        assertEquals(JsonBody.MAX_BAD_STRINGS, e.violations().size());
        assertEquals(List.of("body", JsonBody.MAX_BAD_STRINGS - 1), e.violations().get(JsonBody.MAX_BAD_STRINGS - 1)
                .path());
    }
}

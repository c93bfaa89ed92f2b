package com.hydracore.billing.adapter.rest.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.domain.validation.UnicodeText;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Strict UTF-8 accepts exactly the well-formed byte sequences of Unicode Table 3-7, without NUL, and agrees with the
 * JDK's decoder on every text it accepts.
 */
class StrictUtf8Test {

    @ParameterizedTest(name = "{0} is refused at byte {1}")
    @CsvSource({
            "00, 0", "6100, 1", // NUL, raw or after text
            "c080, 0", "c1bf, 0", "e08080, 0", "e09fbf, 0", "f0808080, 0", "f08fbfbf, 0", // overlong forms
            "eda080, 0", "edbfbf, 0", "61eda0bdedb880, 1", // surrogates, alone or as a CESU-8 pair
            "f4908080, 0", "f5808080, 0", "ff, 0", "fe, 0", // above U+10FFFF, no such byte
            "80, 0", "61bf, 1", // a continuation byte without a lead
            "c2, 0", "e282, 0", "f09f98, 0", "61e28261, 1", // cut short
            "c241, 0", "e2ac41, 0", "f09fc080, 0"}) // a lead followed by something else
    void malformedBytesAreRefusedWhereTheyStart(String hex, int at) {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertEquals(at, StrictUtf8.firstInvalid(bytes, 0, bytes.length));
        assertEquals(Optional.empty(), StrictUtf8.decode(bytes));
        assertTrue(UnicodeText.isValid(StrictUtf8.shown(bytes)), "what is shown is itself valid");
    }

    @ParameterizedTest(name = "bytes [{0}]")
    @ValueSource(strings = {"", "41", "7f", "c280", "dfbf", "e0a080", "ed9fbf", "ee8080", "efbfbf", "efbfbd",
            "f0908080", "f09f9880", "f48fbfbf", "636166c3a9"})
    void wellFormedBytesDecodeAsTheJdkDecodesThem(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertEquals(-1, StrictUtf8.firstInvalid(bytes, 0, bytes.length));
        assertEquals(Optional.of(new String(bytes, StandardCharsets.UTF_8)), StrictUtf8.decode(bytes));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"eda080", "c180", "00"})
    void onlyTheGivenRangeIsJudged(String hex) {
        byte[] bytes = HexFormat.of().parseHex("41" + hex + "42");

        assertEquals(-1, StrictUtf8.firstInvalid(bytes, 0, 1));
        assertEquals(-1, StrictUtf8.firstInvalid(bytes, bytes.length - 1, bytes.length));
        assertEquals(1, StrictUtf8.firstInvalid(bytes, 1, bytes.length));
    }
}

package com.hydracore.billing.domain.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UnicodeTextTest {

    // Written as Java escapes in a CSV column, so each case reads as the JSON a caller would send.
    private static String unescape(String escaped) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.startsWith("\\u", i)) {
                text.append((char) Integer.parseInt(escaped.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                text.append(escaped.charAt(i));
            }
        }
        return text.toString();
    }

    @ParameterizedTest(name = "{0} is refused and shown as {1}")
    @CsvSource(delimiter = '|', value = {
            "\\u0000           | \\ufffd",
            "a\\u0000b         | a\\ufffdb",
            "\\ud800           | \\ufffd",
            "\\udc00           | \\ufffd",
            "x\\ud83d          | x\\ufffd",
            "\\ud83dx          | \\ufffdx",
            "\\ude00\\ud83d    | \\ufffd\\ufffd",
            "\\ud83d\\ud83d\\ude00 | \\ufffd\\ud83d\\ude00",
            "\\ud83d\\ude00\\u0000 | \\ud83d\\ude00\\ufffd"})
    void aLoneSurrogateOrANulIsRefusedAndShownReplaced(String escaped, String shownEscaped) {
        String text = unescape(escaped);

        assertFalse(UnicodeText.isValid(text));
        assertEquals(unescape(shownEscaped), UnicodeText.shown(text));
        assertTrue(UnicodeText.isValid(UnicodeText.shown(text)), "what is shown is itself valid");
    }

    @ParameterizedTest(name = "{0} is valid")
    @ValueSource(strings = {"", "evt-1", "caf\u00e9", "\ud83d\ude00", "\u4e2d\u6587", "\ufffd", "\uffff", " \t\n"})
    void validTextIsAcceptedAndShownUnchanged(String text) {
        assertTrue(UnicodeText.isValid(text));
        assertEquals(text, UnicodeText.shown(text));
    }

    @ParameterizedTest(name = "checks refuse {0}")
    @ValueSource(strings = {"a\u0000", "\ud800", "x\udc00y"})
    void domainChecksRefuseInvalidTextBeforeMeasuringIt(String text) {
        Checks checks = new Checks();
        checks.text("event_id", text, 5, 10);
        checks.optionalText("end_user_id", text, 5, 10);

        InvalidInputException e = assertThrows(InvalidInputException.class, checks::throwIfAny);

        assertEquals(List.of(UnicodeText.violation(List.of("event_id"), text),
                UnicodeText.violation(List.of("end_user_id"), text)), e.violations());
        assertEquals(Violation.STRING_UNICODE, e.violations().get(0).type());
        assertEquals(UnicodeText.shown(text), e.violations().get(0).input());
    }
}

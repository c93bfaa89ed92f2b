package com.hydracore.billing.domain.usage.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelNameTest {

    private static Violation onlyProblem(String model) {
        List<Violation> problems = ModelName.problems(model);
        assertEquals(1, problems.size(), () -> "one problem expected, got " + problems);
        assertEquals(problems, assertThrows(InvalidInputException.class, () -> new ModelName(model)).violations());
        return problems.get(0);
    }

    @Test
    void namesOfOneToOneHundredTwentyEightCharactersAreAccepted() {
        assertEquals("g", new ModelName("g").value());
        assertEquals(128, new ModelName("m".repeat(128)).value().length());
        assertEquals(List.of(), ModelName.problems("gpt-4o-mini-2024-07-18"));
    }

    @Test
    void lengthCountsCharactersNotUtf16Units() {
        String rockets = "\uD83D\uDE80".repeat(128);

        assertEquals(rockets, new ModelName(rockets).value());
        assertEquals(Violation.STRING_TOO_LONG, onlyProblem(rockets + "x").type());
    }

    @Test
    void anEmptyNameIsTooShortAndALongerOneTooLong() {
        assertEquals(new Violation(List.of("model"), Violation.STRING_TOO_SHORT,
                "String should have at least 1 character", ""), onlyProblem(""));
        assertEquals(new Violation(List.of("model"), Violation.STRING_TOO_LONG,
                "String should have at most 128 characters", "m".repeat(129)), onlyProblem("m".repeat(129)));
    }

    @ParameterizedTest(name = "{index}")
    @ValueSource(strings = {"gpt\u0000", "gpt\uD800", "\uDC00gpt"})
    void aNameThatIsNotValidUnicodeIsRefusedAndShownRepaired(String model) {
        Violation v = onlyProblem(model);

        assertEquals(List.of("model"), v.path());
        assertEquals(Violation.STRING_UNICODE, v.type());
        assertEquals(-1, ((String) v.input()).indexOf('\u0000'));
    }

    @Test
    void anAbsentModelIsNoProblemAndNoName() {
        assertEquals(List.of(), ModelName.problems(null));
        assertNull(ModelName.ofNullable(null));
        assertEquals(new ModelName("claude"), ModelName.ofNullable("claude"));
        assertThrows(InvalidInputException.class, () -> new ModelName(null));
    }

    @Test
    void namesAreKeptVerbatimCaseAndSpacesIncluded() {
        assertNotEquals(new ModelName("gpt-4o"), new ModelName("GPT-4o"));
        assertEquals(" gpt-4o ", new ModelName(" gpt-4o ").value());
        assertEquals("gpt-4o", new ModelName("gpt-4o").toString());
    }
}

package com.hydracore.billing.domain.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LimitPolicyTest {

    @Test
    void thePoliciesAreSoftAndHardOnTheWire() {
        assertEquals("soft", LimitPolicy.SOFT.wireName());
        assertEquals("hard", LimitPolicy.HARD.wireName());
        assertEquals(Optional.of(LimitPolicy.SOFT), LimitPolicy.fromWireName("soft"));
        assertEquals(Optional.of(LimitPolicy.HARD), LimitPolicy.fromWireName("hard"));
    }

    @Test
    void softIsTheDefault() {
        assertEquals(LimitPolicy.SOFT, LimitPolicy.DEFAULT);
        assertEquals(LimitPolicy.SOFT, LimitPolicy.parseOrDefault(null));
    }

    @Test
    void aNamedPolicyIsParsed() {
        assertEquals(LimitPolicy.HARD, LimitPolicy.parseOrDefault("hard"));
        assertEquals(LimitPolicy.SOFT, LimitPolicy.parseOrDefault("soft"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "Hard", "HARD", " hard", "hard ", "strict"})
    void anyOtherNameIsAnEnumProblemAtLimitPolicy(String name) {
        assertEquals(Optional.empty(), LimitPolicy.fromWireName(name));

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LimitPolicy.parseOrDefault(name));

        assertEquals(List.of(new Violation(List.of("limit_policy"), Violation.ENUM, "Input should be 'soft' or 'hard'",
                name)), e.violations());
    }

    @Test
    void aNameThatIsNotValidUnicodeIsReportedAsSuchAndShownRepaired() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> LimitPolicy.parseOrDefault("ha\u0000rd"));

        Violation v = e.violations().get(0);
        assertEquals(List.of("limit_policy"), v.path());
        assertEquals(Violation.STRING_UNICODE, v.type());
        assertEquals("ha\uFFFDrd", v.input());
    }
}

package com.hydracore.billing.domain.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void everyProblemIsCollectedBeforeAnythingIsThrown() {
        Checks checks = new Checks();
        checks.text("name", null, 1, 10);
        checks.text("slug", "", 1, 10);
        checks.optionalText("note", "x".repeat(11), 1, 10);
        checks.range("count", -1, 0, 5);
        checks.range("size", 6, 0, 5);

        InvalidInputException e = assertThrows(InvalidInputException.class, checks::throwIfAny);

        assertEquals(List.of(
                new Violation(List.of("name"), Violation.MISSING, "Field required", null),
                new Violation(List.of("slug"), Violation.STRING_TOO_SHORT, "String should have at least 1 character", ""),
                new Violation(List.of("note"), Violation.STRING_TOO_LONG, "String should have at most 10 characters",
                        "x".repeat(11)),
                new Violation(List.of("count"), Violation.GREATER_THAN_EQUAL,
                        "Input should be greater than or equal to 0", -1L),
                new Violation(List.of("size"), Violation.LESS_THAN_EQUAL, "Input should be less than or equal to 5",
                        6L)), e.violations());
    }

    @Test
    void nothingIsThrownWhenEveryCheckPasses() {
        Checks checks = new Checks();
        checks.text("name", "ok", 1, 10);
        checks.optionalText("note", null, 1, 10);
        checks.range("count", 5, 0, 5);
        checks.nonNegative("zero", 0);

        checks.throwIfAny();

        assertTrue(checks.isEmpty());
    }

    @Test
    void eachPathIsReportedOnceAndAProblemStandsForEverythingBelowIt() {
        Checks checks = new Checks()
                .add(new Violation(List.of("tokens"), Violation.INT_PARSING, "not an integer", "lots"))
                .add(new Violation(List.of("events", 2), Violation.MODEL_TYPE, "not an object", 7));

        checks.present("tokens", null);
        checks.add(new Violation(List.of("events", 2, "event_id"), Violation.MISSING, "Field required", null));
        checks.add(new Violation(List.of("events", 3, "event_id"), Violation.MISSING, "Field required", null));
        checks.add(new Violation(List.of("events"), Violation.TOO_LONG, "too many", null));

        assertEquals(List.of(List.of("tokens"), List.of("events", 2), List.of("events", 3, "event_id"),
                List.of("events")), checks.violations().stream().map(Violation::path).toList(),
                "the first problem at a path wins; one found later above it is still reported");
        assertEquals(Violation.INT_PARSING, checks.violations().get(0).type());
        assertEquals(4, checks.count(), "the count is of the problems kept, a path's later ones not among them");
    }

    @Test
    void aValueIsBuiltWhenNothingIsWrongAndItsConstructorsProblemsJoinTheOthersOtherwise() {
        assertEquals("built", new Checks().build(() -> "built"));

        Checks checks = new Checks().add(Violation.of("slug", Violation.STRING_TYPE, "not a string", 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> checks.build(() -> {
            throw new InvalidInputException(List.of(Violation.of("slug", Violation.MISSING, "Field required", null),
                    Violation.of("name", Violation.MISSING, "Field required", null)));
        }));

        assertEquals(List.of(Violation.of("slug", Violation.STRING_TYPE, "not a string", 1),
                Violation.of("name", Violation.MISSING, "Field required", null)), e.violations());
    }

    @Test
    void problemsCanBeLocatedUnderAPrefixWithoutChangingAnythingElse() {
        InvalidInputException e = InvalidInputException.of(Violation.of("tokens", Violation.MISSING, "Field required",
                null));

        InvalidInputException located = e.under("body", "events", 3);

        assertEquals(List.of(new Violation(List.of("body", "events", 3, "tokens"), Violation.MISSING, "Field required",
                null)), located.violations());
        assertEquals(List.of("tokens"), e.violations().get(0).path(), "the original is unchanged");
    }

    @Test
    void theMessageSummarisesEveryProblemForLogs() {
        InvalidInputException e = new InvalidInputException(List.of(
                Violation.of("a", Violation.MISSING, "Field required", null),
                Violation.of("b", Violation.STRING_TOO_SHORT, "String should have at least 1 character", "")));

        assertEquals("[a]: Field required; [b]: String should have at least 1 character", e.getMessage());
    }

    @Test
    void anExceptionWithoutProblemsCannotExist() {
        assertThrows(IllegalArgumentException.class, () -> new InvalidInputException(List.of()));
    }
}

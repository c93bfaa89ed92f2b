package com.hydracore.billing.domain.usage.llm;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;

/**
 * The model that served an LLM call, as the router names it: 1–{@value #MAX_LENGTH} characters (code points) of valid
 * Unicode without NUL ({@link UnicodeText}), kept verbatim: {@code gpt-4o} and {@code GPT-4o} are two models, and
 * nothing is trimmed, so what a router sends is what {@code by_model} and the export show.
 *
 * @param value the name
 */
public record ModelName(String value) {

    /** Longest name, in characters. */
    public static final int MAX_LENGTH = 128;

    /** Refuses a missing, empty, too long or invalid name, at {@code model}. */
    public ModelName {
        Checks checks = new Checks();
        checks.text("model", value, 1, MAX_LENGTH);
        checks.throwIfAny();
    }

    /**
     * The problems of an optional {@code model} field: none when it is absent ({@code null}) or valid.
     */
    public static List<Violation> problems(String model) {
        Checks checks = new Checks();
        checks.optionalText("model", model, 1, MAX_LENGTH);
        return checks.violations();
    }

    /**
     * The model of an optional field, or {@code null} when absent: events without a model are summed under
     * {@code "model": null}.
     *
     * @throws InvalidInputException when present and invalid
     */
    public static ModelName ofNullable(String model) {
        return model == null ? null : new ModelName(model);
    }

    /** The name itself. */
    @Override
    public String toString() {
        return value;
    }
}

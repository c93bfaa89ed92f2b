package com.hydracore.billing.domain.catalog;

import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.UnicodeText;
import com.hydracore.billing.domain.validation.Violation;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What a plan does when a hold would pass one of its limits: hold it anyway, or refuse it. */
public enum LimitPolicy {
    /** Holds past a limit are granted, marked {@code over_limit}: the limit is a warning. The default. */
    SOFT("soft"),
    /** Holds past a limit are refused (402) and nothing is held: the limit is a ceiling. */
    HARD("hard");

    /** The policy of a tier that does not name one, and of an account with no plan. */
    public static final LimitPolicy DEFAULT = SOFT;

    private final String wireName;

    LimitPolicy(String wireName) {
        this.wireName = wireName;
    }

    /** The contract's name: {@code soft} or {@code hard}. */
    public String wireName() {
        return wireName;
    }

    /** The policy with this wire name, if any (exact, case-sensitive, like every wire name of the contract). */
    public static Optional<LimitPolicy> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    /**
     * The policy a body names in {@code limit_policy}, {@link #DEFAULT} when it names none ({@code null}).
     *
     * @throws InvalidInputException at {@code limit_policy} ({@code enum}, or {@code string_unicode}) for any other
     *     text
     */
    public static LimitPolicy parseOrDefault(String name) {
        if (name == null) {
            return DEFAULT;
        }
        if (!UnicodeText.isValid(name)) {
            throw InvalidInputException.of(UnicodeText.violation(List.of("limit_policy"), name));
        }
        return fromWireName(name).orElseThrow(() -> InvalidInputException.of(
                Violation.of("limit_policy", Violation.ENUM, "Input should be 'soft' or 'hard'", name)));
    }
}

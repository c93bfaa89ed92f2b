package com.hydracore.billing.domain.usage.llm;

import java.util.Objects;

/**
 * The tokens a usage event counts, once resolved ({@link ReportedTokens#resolve}): the total that is billed and
 * limited, and the breakdown behind it ({@link TokenBreakdown#ZERO} when none was reported).
 *
 * @param tokens    the event's {@code tokens}, 0 to {@link TokenBreakdown#MAX_TOKENS}
 * @param breakdown what the call consumed; when it holds input or output tokens, their sum is {@code tokens}
 */
public record TokenUsage(long tokens, TokenBreakdown breakdown) {

    /** Refuses a total out of range, or one that disagrees with a non-empty breakdown. */
    public TokenUsage {
        Objects.requireNonNull(breakdown, "breakdown");
        if (tokens < 0 || tokens > TokenBreakdown.MAX_TOKENS) {
            throw new IllegalArgumentException("tokens out of range: " + tokens);
        }
        if (breakdown.total() != 0 && breakdown.total() != tokens) {
            throw new IllegalArgumentException("tokens " + tokens + " differ from input + output "
                    + breakdown.total());
        }
    }

    /** A total reported without a breakdown. */
    public static TokenUsage ofTotal(long tokens) {
        return new TokenUsage(tokens, TokenBreakdown.ZERO);
    }

    /** A breakdown, its total counted as {@code tokens}. */
    public static TokenUsage of(TokenBreakdown breakdown) {
        return new TokenUsage(breakdown.total(), breakdown);
    }
}

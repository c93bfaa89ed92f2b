package com.hydracore.billing.domain.usage.llm;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;
import java.util.List;

/**
 * The token fields of a usage event as a router sent them, decoded but not yet checked: any may be {@code null}.
 * {@link #resolve} applies the contract's rule for {@code tokens} (API §4):
 * <ul>
 *   <li>without {@code input_tokens} and {@code output_tokens}, {@code tokens} is required and counts alone;</li>
 *   <li>with either, {@code tokens} may be left out and is {@code input_tokens + output_tokens} (an absent one
 *       counting 0); given, it must equal that sum: a router that counts differently is told so, never silently
 *       mis-billed.</li>
 * </ul>
 * Problems use the event's snake_case field names ({@code tokens}, {@code input_tokens}, …), for the caller to place
 * under {@code body, events, i}.
 *
 * @param tokens            the total, or {@code null}
 * @param inputTokens       the input tokens, or {@code null}
 * @param outputTokens      the output tokens, or {@code null}
 * @param cachedInputTokens the cached input tokens, or {@code null}
 * @param cacheWriteTokens  the cache-written input tokens, or {@code null}
 * @param reasoningTokens   the reasoning output tokens, or {@code null}
 */
public record ReportedTokens(Long tokens, Long inputTokens, Long outputTokens, Long cachedInputTokens,
                             Long cacheWriteTokens, Long reasoningTokens) {

    /** Only a total, as every router reported before the breakdown existed. */
    public static ReportedTokens ofTotal(Long tokens) {
        return new ReportedTokens(tokens, null, null, null, null, null);
    }

    /** Whether the router sent {@code input_tokens} or {@code output_tokens}: then {@code tokens} may be left out. */
    public boolean hasSplit() {
        return inputTokens != null || outputTokens != null;
    }

    /**
     * Every problem of these fields, in field order, the {@code tokens} rule last: ranges, the part-of rules of
     * {@link TokenBreakdown}, then {@code tokens} missing ({@code missing}), different from
     * {@code input_tokens + output_tokens} ({@code value_error}), or, left out, a sum past
     * {@link TokenBreakdown#MAX_TOKENS} ({@code less_than_equal}). Empty when {@link #resolve} succeeds.
     */
    public List<Violation> problems() {
        Checks checks = new Checks();
        boolean tokensOk = TokenBreakdown.count(checks, "tokens", tokens);
        TokenBreakdown.check(checks, inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens,
                reasoningTokens);
        if (!hasSplit()) {
            checks.present("tokens", tokens);
            return checks.violations();
        }
        if (!inRange(inputTokens) || !inRange(outputTokens)) {
            return checks.violations();
        }
        long sum = TokenBreakdown.orZero(inputTokens) + TokenBreakdown.orZero(outputTokens);
        if (tokens == null) {
            if (sum > TokenBreakdown.MAX_TOKENS) {
                checks.add(Violation.of("tokens", Violation.LESS_THAN_EQUAL, "Input should be less than or equal to "
                        + TokenBreakdown.MAX_TOKENS + " (tokens is input_tokens + output_tokens = " + sum + ")", sum));
            }
        } else if (tokensOk && tokens != sum) {
            checks.add(Violation.of("tokens", Violation.VALUE_ERROR, "Value error, tokens (" + tokens
                    + ") must equal input_tokens + output_tokens (" + sum + ")", tokens));
        }
        return checks.violations();
    }

    /**
     * The tokens the event counts.
     *
     * @throws InvalidInputException listing every problem of {@link #problems}
     */
    public TokenUsage resolve() {
        List<Violation> problems = problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        TokenBreakdown breakdown = TokenBreakdown.of(inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens,
                reasoningTokens);
        return hasSplit() ? TokenUsage.of(breakdown) : new TokenUsage(tokens, breakdown);
    }

    private static boolean inRange(Long value) {
        return value == null || (value >= 0 && value <= TokenBreakdown.MAX_TOKENS);
    }
}

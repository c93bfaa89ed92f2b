package com.hydracore.billing.domain.usage.llm;

import com.hydracore.billing.domain.validation.Checks;
import com.hydracore.billing.domain.validation.InvalidInputException;
import com.hydracore.billing.domain.validation.Violation;

/**
 * What one LLM call consumed, in the router's normalised form (OpenAI's): cached and cache-written tokens are part of
 * the input, reasoning tokens part of the output.
 *
 * @param inputTokens       prompt tokens, cached and cache-written ones included, 0 to {@link #MAX_TOKENS}
 * @param outputTokens      completion tokens, reasoning included, 0 to {@link #MAX_TOKENS}
 * @param cachedInputTokens input tokens read from a prompt cache, 0 to {@link #MAX_TOKENS}
 * @param cacheWriteTokens  input tokens written to a prompt cache, 0 to {@link #MAX_TOKENS}; with the cached ones, at
 *                          most {@code inputTokens}
 * @param reasoningTokens   output tokens spent reasoning, 0 to {@code outputTokens}
 */
public record TokenBreakdown(long inputTokens, long outputTokens, long cachedInputTokens, long cacheWriteTokens,
                             long reasoningTokens) {

    /** Largest count of one field: the bound of a usage event's {@code tokens}. */
    public static final long MAX_TOKENS = 1_000_000_000_000L;

    /** Nothing reported: what an event without a breakdown counts. */
    public static final TokenBreakdown ZERO = new TokenBreakdown(0, 0, 0, 0, 0);

    /** Checks every field and both part-of rules, reporting every problem at its snake_case field name. */
    public TokenBreakdown {
        Checks checks = new Checks();
        check(checks, inputTokens, outputTokens, cachedInputTokens, cacheWriteTokens, reasoningTokens);
        checks.throwIfAny();
    }

    /** What the call counts as {@code tokens}: {@code input_tokens + output_tokens}. */
    public long total() {
        return inputTokens + outputTokens;
    }

    /** Input tokens neither read from nor written to a cache. */
    public long uncachedInputTokens() {
        return inputTokens - cachedInputTokens - cacheWriteTokens;
    }

    /**
     * The rules of the five fields, any of which may be absent ({@code null}, counted as 0): each 0 to
     * {@link #MAX_TOKENS}; {@code cached_input_tokens + cache_write_tokens ≤ input_tokens}, reported at the first of
     * the two whose running sum passes the input; {@code reasoning_tokens ≤ output_tokens}, reported at
     * {@code reasoning_tokens}. A part-of rule is judged only when its fields are each within range.
     */
    static void check(Checks checks, Long input, Long output, Long cachedInput, Long cacheWrite, Long reasoning) {
        boolean inputOk = count(checks, "input_tokens", input);
        boolean outputOk = count(checks, "output_tokens", output);
        boolean cachedOk = count(checks, "cached_input_tokens", cachedInput);
        boolean writeOk = count(checks, "cache_write_tokens", cacheWrite);
        boolean reasoningOk = count(checks, "reasoning_tokens", reasoning);
        if (inputOk && cachedOk && writeOk) {
            long in = orZero(input);
            long cached = orZero(cachedInput);
            long written = orZero(cacheWrite);
            if (cached + written > in) {
                String message = "Value error, cached_input_tokens + cache_write_tokens (" + (cached + written)
                        + ") must not exceed input_tokens (" + in + "): cached and cache-written tokens are part of "
                        + "the input";
                checks.add(cached > in
                        ? Violation.of("cached_input_tokens", Violation.VALUE_ERROR, message, cached)
                        : Violation.of("cache_write_tokens", Violation.VALUE_ERROR, message, written));
            }
        }
        if (outputOk && reasoningOk && orZero(reasoning) > orZero(output)) {
            checks.add(Violation.of("reasoning_tokens", Violation.VALUE_ERROR, "Value error, reasoning_tokens ("
                    + reasoning + ") must not exceed output_tokens (" + orZero(output) + "): reasoning tokens are part "
                    + "of the output", reasoning));
        }
    }

    /** Checks an optional count; returns whether it is usable (absent or within range). */
    static boolean count(Checks checks, String field, Long value) {
        if (value == null) {
            return true;
        }
        int before = checks.count();
        checks.range(field, value, 0, MAX_TOKENS);
        return checks.count() == before;
    }

    static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    /**
     * A breakdown from optional fields, absent ones counting 0.
     *
     * @throws InvalidInputException listing every problem
     */
    public static TokenBreakdown of(Long input, Long output, Long cachedInput, Long cacheWrite, Long reasoning) {
        Checks checks = new Checks();
        check(checks, input, output, cachedInput, cacheWrite, reasoning);
        checks.throwIfAny();
        return new TokenBreakdown(orZero(input), orZero(output), orZero(cachedInput), orZero(cacheWrite),
                orZero(reasoning));
    }
}

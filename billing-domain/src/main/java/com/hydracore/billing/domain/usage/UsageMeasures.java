package com.hydracore.billing.domain.usage;

import com.hydracore.billing.domain.money.Money;
import com.hydracore.billing.domain.usage.llm.TokenBreakdown;
import java.util.Objects;

/**
 * Everything usage sums to over some span, token kinds included: a row of {@code by_model} and of the export, and the
 * chart's points (which show tokens, requests and cost).
 *
 * @param tokens            total tokens (what is billed and limited)
 * @param inputTokens       input tokens of the events that reported a breakdown
 * @param outputTokens      output tokens
 * @param cachedInputTokens cached input tokens
 * @param cacheWriteTokens  cache-written input tokens
 * @param reasoningTokens   reasoning output tokens
 * @param requests          requests
 * @param cost              usage cost
 */
public record UsageMeasures(long tokens, long inputTokens, long outputTokens, long cachedInputTokens,
                            long cacheWriteTokens, long reasoningTokens, long requests, Money cost) {

    /** Nothing used. */
    public static final UsageMeasures ZERO = new UsageMeasures(0, 0, 0, 0, 0, 0, 0, Money.ZERO);

    /** Refuses negative sums. */
    public UsageMeasures {
        Objects.requireNonNull(cost, "cost");
        if (tokens < 0 || inputTokens < 0 || outputTokens < 0 || cachedInputTokens < 0 || cacheWriteTokens < 0
                || reasoningTokens < 0 || requests < 0) {
            throw new IllegalArgumentException("usage sums cannot be negative");
        }
    }

    /** What one event counts. */
    public static UsageMeasures of(UsageEvent e) {
        TokenBreakdown b = e.breakdown();
        return new UsageMeasures(e.tokens(), b.inputTokens(), b.outputTokens(), b.cachedInputTokens(),
                b.cacheWriteTokens(), b.reasoningTokens(), e.requests(), e.cost());
    }

    /** These sums plus {@code other}'s, exactly (failing rather than overflowing). */
    public UsageMeasures plus(UsageMeasures other) {
        return new UsageMeasures(Math.addExact(tokens, other.tokens), Math.addExact(inputTokens, other.inputTokens),
                Math.addExact(outputTokens, other.outputTokens),
                Math.addExact(cachedInputTokens, other.cachedInputTokens),
                Math.addExact(cacheWriteTokens, other.cacheWriteTokens),
                Math.addExact(reasoningTokens, other.reasoningTokens), Math.addExact(requests, other.requests),
                cost.plus(other.cost));
    }

    /** Whether nothing was used. */
    public boolean isZero() {
        return equals(ZERO);
    }
}

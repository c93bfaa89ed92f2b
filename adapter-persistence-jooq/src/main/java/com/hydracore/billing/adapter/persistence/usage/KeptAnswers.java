package com.hydracore.billing.adapter.persistence.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hydracore.billing.adapter.persistence.sql.CoalescedReads;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.jooq.DSLContext;

/**
 * One kind of the page's answers (the breakdown, the overview) per account and period, as {@link PageReads} reads
 * them: shared by the requests asking at the same time ({@link CoalescedReads}: one statement per round trip, however
 * many load the page at once) and, when versioned (PostgreSQL), kept with the versions of the rows it was read from
 * and answered again while {@link RowVersions} finds them unchanged (one cheap statement instead of the answer's).
 *
 * @param <T> the answer
 */
final class KeptAnswers<T> {

    /**
     * What the answers of one kind may take of the heap, about: each weighs its versions (a character per byte, as
     * they are ASCII) and {@value #ROW_BYTES} bytes for itself and each of its rows ({@code rows}: a breakdown's
     * instances, their usage and its models). A breakdown of 20 instances (45 rows, versions of some 400 characters)
     * weighs about 6 kB, so some 1,400 of them are kept; bounded by count (1,000, before), the answers of accounts
     * with thousands of instances each (any router can report that many) would not have fit the server's heap.
     */
    static final long KEPT_BYTES = 8L * 1024 * 1024;

    /** What a row of an answer takes, about: a breakdown of 20 instances, 45 rows, was about 5 kB without versions. */
    static final int ROW_BYTES = 120;

    /** How the answer is read from the database, with the versions of its rows when versioned (else null). */
    interface Reader<T> {
        Known<T> read(String accountId, BillingPeriod period);
    }

    /** An answer and the versions of the rows it was read from ({@link RowVersions}; null when not versioned). */
    record Known<T>(String versions, T answer) {
    }

    private record Asked(String accountId, BillingPeriod period) {
    }

    private final DSLContext dsl;
    private final RenderedReads reads;
    private final Reader<T> reader;
    private final ToIntFunction<T> rows;
    private final long keptBytes;
    /** The last answer per account and period with its versions; empty on H2 (one process; no versions to read). */
    private final Optional<Cache<Asked, Known<T>>> kept;
    private final CoalescedReads<Asked, Void, T> shared = CoalescedReads.of(this::keptOrRead);

    /**
     * Answers read by {@code reader}; kept only when {@code versioned}, weighing {@code keptBytes} at most in all
     * ({@code rows}: an answer's rows besides itself).
     */
    KeptAnswers(DSLContext dsl, RenderedReads reads, boolean versioned, Reader<T> reader, ToIntFunction<T> rows,
                long keptBytes) {
        this.dsl = dsl;
        this.reads = reads;
        this.reader = reader;
        this.rows = rows;
        this.keptBytes = keptBytes;
        this.kept = versioned ? Optional.of(Caffeine.newBuilder().maximumWeight(keptBytes)
                .<Asked, Known<T>>weigher((asked, known) -> weight(known)).build()) : Optional.empty();
    }

    /** The answer for the account and period, read (or found unchanged) after this call began. */
    T get(String accountId, BillingPeriod period) {
        return shared.get(new Asked(accountId, period));
    }

    /** Whether answers are read with their rows' versions and kept. */
    boolean versioned() {
        return kept.isPresent();
    }

    /**
     * What is kept for the account and period if the rows it was read from are unchanged now (one read of their
     * versions), else the answer read afresh (with its versions), kept for next time.
     */
    private T keptOrRead(Asked asked) {
        if (kept.isEmpty()) {
            return reader.read(asked.accountId(), asked.period()).answer();
        }
        Known<T> last = kept.get().getIfPresent(asked);
        if (last != null
                && last.versions().equals(RowVersions.now(reads, dsl, asked.accountId(), asked.period()))) {
            return last.answer();
        }
        Known<T> now = reader.read(asked.accountId(), asked.period());
        if (weight(now) <= keptBytes) { // one heavier would only push the others out, and then itself
            kept.get().put(asked, now);
        } else {
            kept.get().invalidate(asked);
        }
        return now.answer();
    }

    private int weight(Known<T> known) {
        long bytes = (known.versions() == null ? 0 : known.versions().length())
                + (long) ROW_BYTES * (1 + rows.applyAsInt(known.answer()));
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** What the answers kept now weigh, after any eviction due: for tests. */
    long keptWeight() {
        return kept.map(cache -> {
            cache.cleanUp();
            return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
        }).orElse(0L);
    }
}

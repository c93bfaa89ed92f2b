package com.hydracore.billing.adapter.persistence.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hydracore.billing.adapter.persistence.sql.CoalescedReads;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.util.Optional;
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

    /** Answers kept (a breakdown of 20 instances is about 5 kB): a few MB of the heap. */
    static final long KEPT = 1_000;

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
    /** The last answer per account and period with its versions; empty on H2 (one process; no versions to read). */
    private final Optional<Cache<Asked, Known<T>>> kept;
    private final CoalescedReads<Asked, T> shared = new CoalescedReads<>(this::keptOrRead);

    /** Answers read by {@code reader}; kept only when {@code versioned}. */
    KeptAnswers(DSLContext dsl, RenderedReads reads, boolean versioned, Reader<T> reader) {
        this.dsl = dsl;
        this.reads = reads;
        this.reader = reader;
        this.kept = versioned ? Optional.of(Caffeine.newBuilder().maximumSize(KEPT).build()) : Optional.empty();
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
        kept.get().put(asked, now);
        return now.answer();
    }
}

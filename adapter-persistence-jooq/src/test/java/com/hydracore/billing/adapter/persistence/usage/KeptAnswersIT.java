package com.hydracore.billing.adapter.persistence.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.adapter.persistence.database.BillingDatabase;
import com.hydracore.billing.adapter.persistence.database.TestDatabases;
import com.hydracore.billing.adapter.persistence.database.TestDatabases.Kind;
import com.hydracore.billing.adapter.persistence.sql.RenderedReads;
import com.hydracore.billing.adapter.persistence.sql.StatementGuards;
import com.hydracore.billing.domain.period.BillingPeriod;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link KeptAnswers} keeps is bounded by what the answers weigh, not by their number: the breakdowns of accounts
 * with many instances are large, and a router can report any number of instances. On PostgreSQL, where answers are
 * kept; each answer's versions are read as the page reads read them, so an answer kept is answered again.
 */
class KeptAnswersIT {

    private static final BillingPeriod MARCH = BillingPeriod.ofDays(LocalDate.parse("2026-03-01"),
            LocalDate.parse("2026-04-01"));

    private static BillingDatabase database;
    private static DSLContext dsl;
    private static RenderedReads reads;

    /** An answer of {@code rows} rows. */
    private record Answer(int rows) {
    }

    @BeforeAll
    static void open() {
        database = TestDatabases.fresh(Kind.POSTGRES).open(new StatementGuards());
        dsl = TestDatabases.dsl(database);
        reads = new RenderedReads(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void anAnswerWithinTheBoundIsAnsweredAgainWhileItsRowsAreUnchanged() {
        AtomicInteger read = new AtomicInteger();
        KeptAnswers<Answer> kept = keeping(10 * KeptAnswers.ROW_BYTES + 100, read, 5);

        assertEquals(new Answer(5), kept.get("acme", MARCH));
        assertEquals(new Answer(5), kept.get("acme", MARCH));

        assertEquals(1, read.get(), "the second read found the versions unchanged");
        assertTrue(kept.keptWeight() >= 6 * KeptAnswers.ROW_BYTES, "kept: " + kept.keptWeight());
    }

    @Test
    void anAnswerHeavierThanTheBoundIsReadAgainEveryTimeAndKeepsNothing() {
        AtomicInteger read = new AtomicInteger();
        KeptAnswers<Answer> kept = keeping(10 * KeptAnswers.ROW_BYTES, read, 50);

        assertEquals(new Answer(50), kept.get("acme", MARCH));
        assertEquals(new Answer(50), kept.get("acme", MARCH));

        assertEquals(2, read.get());
        assertEquals(0, kept.keptWeight());
    }

    @Test
    void theAnswersOfManyAccountsNeverWeighMoreThanTheBound() {
        AtomicInteger read = new AtomicInteger();
        long bound = 100L * KeptAnswers.ROW_BYTES;
        KeptAnswers<Answer> kept = keeping(bound, read, 9);

        for (int account = 0; account < 200; account++) {
            kept.get("account-" + account, MARCH);
        }

        assertEquals(200, read.get());
        assertTrue(kept.keptWeight() <= bound, "kept " + kept.keptWeight() + " of " + bound);
        assertTrue(kept.keptWeight() >= 10L * KeptAnswers.ROW_BYTES, "some are kept: " + kept.keptWeight());
    }

    /** Answers of {@code rows} rows, with the versions the page reads would read, counting the reads in {@code read}. */
    private static KeptAnswers<Answer> keeping(long keptBytes, AtomicInteger read, int rows) {
        return new KeptAnswers<>(dsl, reads, true, (account, period) -> {
            read.incrementAndGet();
            return new KeptAnswers.Known<>(RowVersions.now(reads, dsl, account, period), new Answer(rows));
        }, Answer::rows, keptBytes);
    }
}

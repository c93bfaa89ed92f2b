package com.hydracore.billing.adapter.persistence.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hydracore.billing.application.error.StoreUnavailableException;
import com.hydracore.billing.application.port.out.TierCatalog;
import com.hydracore.billing.domain.catalog.Tier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Which failures are outages, and that a guarded port turns exactly those into StoreUnavailableException. */
class StoreOutagesTest {

    private final StoreOutages outages = new StoreOutages("PostgreSQL jdbc:postgresql://db/billing");

    @Test
    void noConnectionWithinTheWaitIsAnOutageWhateverStateTheLastAttemptLeft() {
        // Hikari's timeout carries the last attempt's state: 55000 when the database refuses connections
        SQLException refused = new SQLException("FATAL: database \"billing\" is not currently accepting connections",
                "55000");
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "billing - Connection is not available, request timed out after 2000ms", "55000", refused);

        assertTrue(StoreOutages.isOutage(new DataAccessException("Error getting connection from data source", timeout)));
    }

    @Test
    void connectionExceptionsAndEndedSessionsAreOutages() {
        for (String state : List.of("08001", "08003", "08006", "57P01", "57P02", "57P03", "90067", "90098")) {
            assertTrue(StoreOutages.isOutage(new DataAccessException("SQL [insert …]",
                    new SQLException("gone", state))), state);
        }
    }

    @Test
    void aRefusedStatementOrAnyOtherFailureIsNot() {
        for (String state : List.of("23505", "40P01", "42P01", "22003", "57014")) {
            assertFalse(StoreOutages.isOutage(new DataAccessException("SQL", new SQLException("no", state))), state);
        }
        assertFalse(StoreOutages.isOutage(new SQLException("no state")));
        assertFalse(StoreOutages.isOutage(new UncheckedIOException(new IOException("Broken pipe"))),
                "an I/O error of its own is not the database's: pgjdbc reports its own as 08006");
        assertFalse(StoreOutages.isOutage(new IllegalStateException("a bug")));
    }

    @Test
    void aGuardedPortThrowsStoreUnavailableWithTheOriginalAsCauseAndAOneLineMessage() {
        DataAccessException dropped = new DataAccessException("SQL [select …]; An I/O error occurred",
                new SQLException("An I/O error occurred while sending to the backend.\nmore", "08006"));
        TierCatalog catalog = outages.guard(TierCatalog.class, failingWith(dropped));

        StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> catalog.find("pro"));

        assertSame(dropped, e.getCause());
        assertEquals("cannot reach PostgreSQL jdbc:postgresql://db/billing: An I/O error occurred while sending to "
                + "the backend.", e.getMessage());
    }

    @Test
    void aGuardedPortPassesAnswersAndOtherFailuresUnchanged() {
        DataAccessException refused = new DataAccessException("SQL", new SQLException("duplicate key", "23505"));
        TierCatalog failing = outages.guard(TierCatalog.class, failingWith(refused));
        assertSame(refused, assertThrows(DataAccessException.class, () -> failing.find("pro")));

        StoreUnavailableException already = new StoreUnavailableException("down", null);
        TierCatalog reporting = outages.guard(TierCatalog.class, failingWith(already));
        assertSame(already, assertThrows(StoreUnavailableException.class, reporting::all));

        TierCatalog answering = outages.guard(TierCatalog.class, new TierCatalog() {
            @Override
            public Optional<Tier> find(String tierId) {
                return Optional.empty();
            }

            @Override
            public List<Tier> all() {
                return List.of();
            }

            @Override
            public void save(Tier tier) {
            }
        });
        assertEquals(Optional.empty(), answering.find("pro"));
        assertEquals(List.of(), answering.all());
    }

    private static TierCatalog failingWith(RuntimeException failure) {
        return new TierCatalog() {
            @Override
            public Optional<Tier> find(String tierId) {
                throw failure;
            }

            @Override
            public List<Tier> all() {
                throw failure;
            }

            @Override
            public void save(Tier tier) {
                throw failure;
            }
        };
    }
}

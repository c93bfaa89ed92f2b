package com.hydracore.billing.adapter.persistence.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How settings pick the database and how they describe it to an operator. */
class DatabaseSettingsTest {

    private static final Path DATA = Path.of("data");

    @Test
    void noUrlOrABlankOneMeansTheEmbeddedDatabaseInTheDataDirectory() {
        assertTrue(settings(null).embedded());
        assertTrue(settings("  ").embedded());
        assertFalse(settings("jdbc:postgresql://db:5432/billing").embedded());
    }

    @Test
    void theEmbeddedUrlIsAnH2FileInPostgresModeWrittenOnEveryCommit() {
        String url = settings(null).effectiveUrl();

        assertTrue(url.startsWith("jdbc:h2:file:" + DATA.toAbsolutePath().normalize().resolve("billing") + ";"), url);
        for (String option : new String[] {"MODE=PostgreSQL", "DATABASE_TO_LOWER=TRUE", "DEFAULT_NULL_ORDERING=HIGH",
                "AUTO_SERVER=FALSE", "WRITE_DELAY=0", "DB_CLOSE_ON_EXIT=FALSE"}) {
            assertTrue(url.contains(";" + option), option + " in " + url);
        }
    }

    @Test
    void aConfiguredUrlIsUsedAsItIs() {
        assertEquals("jdbc:postgresql://db:5432/billing", settings(" jdbc:postgresql://db:5432/billing ").effectiveUrl());
    }

    @Test
    void theDescriptionNamesTheDatabaseButNeverItsCredentials() {
        assertEquals("embedded H2 in data", settings(null).description());
        assertEquals("PostgreSQL jdbc:postgresql://127.0.0.1:5432/billing",
                settings("jdbc:postgresql://127.0.0.1:5432/billing?user=app&password=hunter2").description());
        assertEquals("PostgreSQL jdbc:postgresql://db/billing",
                settings("jdbc:postgresql://app:hunter2@db/billing").description());
    }

    @Test
    void printingTheSettingsNeverShowsThePassword() {
        String printed = new DatabaseSettings("jdbc:postgresql://db/billing", "app", "hunter2", DATA, 5,
                Duration.ofSeconds(3)).toString();

        assertFalse(printed.contains("hunter2"), printed);
        assertTrue(printed.contains("user=app"), printed);
    }

    @Test
    void aPoolNeedsAConnectionAndOpeningNeedsTime() {
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseSettings(null, null, null, DATA, 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseSettings(null, null, null, DATA, 1, Duration.ZERO));
        assertThrows(NullPointerException.class,
                () -> new DatabaseSettings(null, null, null, null, 1, Duration.ofSeconds(1)));
    }

    @Test
    void requestsWaitTwoSecondsForAConnectionUnlessToldOtherwise() {
        assertEquals(Duration.ofSeconds(2), settings(null).requestWait());
        assertEquals(Duration.ofMillis(500), new DatabaseSettings(null, null, null, DATA, 1, Duration.ofSeconds(10),
                Duration.ofMillis(500)).requestWait());
        assertThrows(IllegalArgumentException.class,
                () -> new DatabaseSettings(null, null, null, DATA, 1, Duration.ofSeconds(1), Duration.ZERO));
    }

    private static DatabaseSettings settings(String url) {
        return new DatabaseSettings(url, null, null, DATA, 4, Duration.ofSeconds(2));
    }
}

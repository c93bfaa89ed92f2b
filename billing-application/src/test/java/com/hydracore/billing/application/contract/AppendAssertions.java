package com.hydracore.billing.application.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hydracore.billing.application.port.out.AppendResult;
import java.util.List;

/** Checks on an {@link AppendResult} for the cases that are about its counts only. */
public final class AppendAssertions {

    private AppendAssertions() {
    }

    /** The result counted {@code accepted} new events and {@code duplicates} repeats. */
    public static void assertCounts(int accepted, int duplicates, AppendResult result) {
        assertCounts(accepted, duplicates, result, "");
    }

    /** As {@link #assertCounts(int, int, AppendResult)}, saying {@code why} when it fails. */
    public static void assertCounts(int accepted, int duplicates, AppendResult result, String why) {
        assertEquals(List.of(accepted, duplicates), List.of(result.accepted(), result.duplicates()),
                "[accepted, duplicates] " + why);
    }
}

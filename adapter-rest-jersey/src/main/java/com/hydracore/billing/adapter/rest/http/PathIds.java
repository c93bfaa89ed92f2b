package com.hydracore.billing.adapter.rest.http;

import com.hydracore.billing.adapter.rest.http.RequestInvalidException.Location;
import com.hydracore.billing.domain.validation.Checks;

/** Checks identifiers taken from the path (1–128 characters), so a bad one is reported at {@code ["path", name]}. */
public final class PathIds {

    /** Longest identifier in a path. */
    public static final int MAX_LENGTH = 128;

    private PathIds() {
    }

    /**
     * Requires every {@code name, value} pair to be a valid identifier.
     *
     * @throws RequestInvalidException listing every bad one
     */
    public static void require(String... namesAndValues) {
        Checks checks = new Checks();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            checks.text(namesAndValues[i], namesAndValues[i + 1], 1, MAX_LENGTH);
        }
        if (!checks.isEmpty()) {
            throw RequestInvalidException.at(Location.PATH, checks.violations());
        }
    }
}

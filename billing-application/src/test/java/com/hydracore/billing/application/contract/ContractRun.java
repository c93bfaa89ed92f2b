package com.hydracore.billing.application.contract;

import java.util.UUID;

/**
 * Identifiers unique to one contract test, so that every case works on a shared, never-emptied store: an
 * implementation may hand the kit the same database for every test and still get isolated cases.
 */
final class ContractRun {

    private final String run = UUID.randomUUID().toString();

    /** An account id no other test uses, e.g. {@code acme-3f2a…}. */
    String account(String name) {
        return name + "-" + run;
    }

    /** A global id (tier ids are not scoped to an account) that starts with this run's prefix. */
    String global(String name) {
        return prefix() + name;
    }

    /** The prefix every {@link #global} id of this run starts with. */
    String prefix() {
        return run + "/";
    }

    /** An id of exactly {@code length} characters, unique to this run (ends with the run's UUID). */
    String ofLength(int length) {
        String suffix = "-" + run;
        return "x".repeat(length - suffix.length()) + suffix;
    }
}

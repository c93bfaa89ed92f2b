package com.hydracore.billing.application.port.out;

/** Hands out new identifiers (subscription ids); injected so tests can predict them. */
@FunctionalInterface
public interface IdGenerator {

    /** A new identifier, 1–128 characters, never handed out before. */
    String newId();
}

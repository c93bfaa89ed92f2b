package com.hydracore.billing.adapter.rest;

/** Answers {@code /readyz}: whether the service can serve requests now (in practice: the database answers). */
@FunctionalInterface
public interface ReadinessProbe {

    /** Whether the service is ready; an exception counts as not ready. */
    boolean ready();
}

package com.hydracore.billing.domain.webhook;

import java.util.Locale;

/** A special-purpose range an address can fall in, as {@link AddressPolicy} classifies it. */
public enum AddressRange {
    /** The host itself: 127.0.0.0/8, ::1. */
    LOOPBACK(true),
    /** Private networks: 10/8, 172.16/12, 192.168/16, IPv6 unique local fc00::/7 and site-local fec0::/10. */
    PRIVATE(true),
    /** Carrier-grade NAT's shared space, 100.64/10: private to the operator's network. */
    SHARED(true),
    /** Link-local: 169.254/16 (cloud metadata services live there), fe80::/10. */
    LINK_LOCAL(true),
    /** "This host" / unspecified: 0.0.0.0/8, :: (on Linux a connection to it reaches the host itself). */
    UNSPECIFIED(false),
    /** Multicast: 224/4, ff00::/8; never an HTTP server. */
    MULTICAST(false),
    /** The limited broadcast address 255.255.255.255. */
    BROADCAST(false),
    /** Reserved, documentation, benchmarking and deprecated transition ranges: never a receiver on the Internet. */
    RESERVED(false);

    private final boolean privateUse;

    AddressRange(boolean privateUse) {
        this.privateUse = privateUse;
    }

    /**
     * Whether a receiver may legitimately live here on a private network, so that
     * {@code BILLING_WEBHOOK_ALLOW_PRIVATE=true} permits it; the other ranges are never a valid target.
     */
    public boolean privateUse() {
        return privateUse;
    }

    /** The name a refusal message uses, e.g. {@code link-local}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

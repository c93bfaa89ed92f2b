package com.hydracore.billing.application.port.out;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses, so that saving a webhook endpoint can refuse a name that resolves to a
 * loopback, private or link-local address. An IP literal resolves to itself.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * Every address {@code host} resolves to now; empty when it does not resolve.
     *
     * @param host a name, an IPv4 literal or an IPv6 literal without brackets
     */
    List<InetAddress> resolve(String host);

    /** The JDK's resolver ({@link InetAddress#getAllByName}): the system's DNS, hosts file and literals. */
    static HostResolver system() {
        return host -> {
            try {
                return List.of(InetAddress.getAllByName(host));
            } catch (UnknownHostException e) {
                return List.of();
            }
        };
    }
}

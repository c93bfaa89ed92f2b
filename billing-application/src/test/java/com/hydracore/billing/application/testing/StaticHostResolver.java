package com.hydracore.billing.application.testing;

import com.hydracore.billing.application.port.out.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link HostResolver} with a fixed table, so tests never touch DNS: names resolve to what {@link #map} gave them
 * (nothing otherwise); IP literals resolve to themselves.
 */
public final class StaticHostResolver implements HostResolver {

    private final Map<String, List<InetAddress>> table = new HashMap<>();

    /** Makes {@code host} resolve to the given address literals. */
    public synchronized StaticHostResolver map(String host, String... literals) {
        List<InetAddress> addresses = new ArrayList<>();
        for (String literal : literals) {
            addresses.add(literal(literal));
        }
        table.put(host, List.copyOf(addresses));
        return this;
    }

    @Override
    public synchronized List<InetAddress> resolve(String host) {
        if (table.containsKey(host)) {
            return table.get(host);
        }
        return isLiteral(host) ? List.of(literal(host)) : List.of();
    }

    private static boolean isLiteral(String host) {
        return host.contains(":") || host.matches("[0-9.]+");
    }

    private static InetAddress literal(String literal) {
        if (!isLiteral(literal)) {
            throw new IllegalArgumentException("not an IP literal: " + literal);
        }
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}

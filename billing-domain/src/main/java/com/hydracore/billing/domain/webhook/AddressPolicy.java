package com.hydracore.billing.domain.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which addresses a webhook may be sent to: public unicast addresses always; loopback, private, shared (CGNAT) and
 * link-local ones only when private targets are allowed ({@code BILLING_WEBHOOK_ALLOW_PRIVATE=true}, for development
 * and in-cluster receivers); unspecified, multicast, broadcast and reserved ones never.
 *
 * <p>An IPv6 address that carries an IPv4 one (IPv4-mapped {@code ::ffff:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4
 * {@code 2002::/16}) is judged by the IPv4 address it reaches, so {@code ::ffff:127.0.0.1} is loopback.
 *
 * <p>Judges addresses, never names: whoever resolves a host (the use case when saving an endpoint, the sender when
 * connecting) applies the policy to every address the name resolves to, and the sender connects to the address it
 * checked, so a name that later resolves elsewhere (DNS rebinding) is caught at send time.
 *
 * @param allowPrivate whether loopback, private, shared and link-local targets are permitted
 */
public record AddressPolicy(boolean allowPrivate) {

    /** The default: only public addresses. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false);

    private record Block(byte[] prefix, int bits, AddressRange range) {
        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (prefix[full] & mask);
        }
    }

    // Most specific first: the first block that contains an address decides.
    private static final List<Block> IPV4 = List.of(
            block("255.255.255.255", 32, AddressRange.BROADCAST),
            block("0.0.0.0", 8, AddressRange.UNSPECIFIED),
            block("10.0.0.0", 8, AddressRange.PRIVATE),
            block("100.64.0.0", 10, AddressRange.SHARED),
            block("127.0.0.0", 8, AddressRange.LOOPBACK),
            block("169.254.0.0", 16, AddressRange.LINK_LOCAL),
            block("172.16.0.0", 12, AddressRange.PRIVATE),
            block("192.0.0.0", 24, AddressRange.RESERVED),      // IETF protocol assignments
            block("192.0.2.0", 24, AddressRange.RESERVED),      // documentation (TEST-NET-1)
            block("192.88.99.0", 24, AddressRange.RESERVED),    // 6to4 relay anycast, deprecated
            block("192.168.0.0", 16, AddressRange.PRIVATE),
            block("198.18.0.0", 15, AddressRange.RESERVED),     // benchmarking
            block("198.51.100.0", 24, AddressRange.RESERVED),   // documentation (TEST-NET-2)
            block("203.0.113.0", 24, AddressRange.RESERVED),    // documentation (TEST-NET-3)
            block("224.0.0.0", 4, AddressRange.MULTICAST),
            block("240.0.0.0", 4, AddressRange.RESERVED));

    private static final List<Block> IPV6 = List.of(
            block("::", 128, AddressRange.UNSPECIFIED),
            block("::1", 128, AddressRange.LOOPBACK),
            block("::", 96, AddressRange.RESERVED),             // IPv4-compatible, deprecated
            block("64:ff9b:1::", 48, AddressRange.PRIVATE),     // local-use NAT64
            block("100::", 64, AddressRange.RESERVED),          // discard-only
            block("2001::", 32, AddressRange.RESERVED),         // Teredo: the client address is obfuscated
            block("2001:db8::", 32, AddressRange.RESERVED),     // documentation
            block("fc00::", 7, AddressRange.PRIVATE),           // unique local
            block("fe80::", 10, AddressRange.LINK_LOCAL),
            block("fec0::", 10, AddressRange.PRIVATE),          // site-local, deprecated
            block("ff00::", 8, AddressRange.MULTICAST));

    private static final Block IPV4_MAPPED = block("::ffff:0:0", 96, null);
    private static final Block NAT64 = block("64:ff9b::", 96, null);
    private static final Block SIX_TO_FOUR = block("2002::", 16, null);

    /**
     * Whether a webhook may be sent to {@code address}: always for a public unicast address, for a
     * {@link AddressRange#privateUse() private-use} one only when private targets are allowed, never otherwise.
     */
    public boolean permits(InetAddress address) {
        return rangeOf(address).map(range -> allowPrivate && range.privateUse()).orElse(true);
    }

    /** The first of {@code addresses} this policy refuses, if any: a name is refused when any of its addresses is. */
    public Optional<InetAddress> firstRefused(List<InetAddress> addresses) {
        return addresses.stream().filter(a -> !permits(a)).findFirst();
    }

    /** The special-purpose range {@code address} is in, or empty for a public unicast address. */
    public static Optional<AddressRange> rangeOf(InetAddress address) {
        Objects.requireNonNull(address, "address");
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return rangeOfIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            if (IPV4_MAPPED.contains(bytes) || NAT64.contains(bytes)) {
                return rangeOfIpv4(slice(bytes, 12));
            }
            if (SIX_TO_FOUR.contains(bytes)) {
                return rangeOfIpv4(slice(bytes, 2));
            }
            return first(IPV6, bytes);
        }
        return Optional.of(AddressRange.RESERVED);
    }

    private static Optional<AddressRange> rangeOfIpv4(byte[] bytes) {
        return first(IPV4, bytes);
    }

    private static Optional<AddressRange> first(List<Block> blocks, byte[] bytes) {
        return blocks.stream().filter(b -> b.contains(bytes)).map(Block::range).findFirst();
    }

    private static byte[] slice(byte[] bytes, int from) {
        byte[] ipv4 = new byte[4];
        System.arraycopy(bytes, from, ipv4, 0, 4);
        return ipv4;
    }

    private static Block block(String literal, int bits, AddressRange range) {
        return new Block(parseLiteral(literal), bits, range);
    }

    // Literal addresses only (never a name), so no lookup can happen here. IPv6 literals are parsed by hand because
    // the JDK turns "::ffff:a.b.c.d" into an IPv4 address.
    private static byte[] parseLiteral(String literal) {
        if (!literal.contains(":")) {
            String[] parts = literal.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        byte[] bytes = new byte[16];
        int gap = literal.indexOf("::");
        String head = gap < 0 ? literal : literal.substring(0, gap);
        String tail = gap < 0 ? "" : literal.substring(gap + 2);
        String[] headGroups = head.isEmpty() ? new String[0] : head.split(":");
        String[] tailGroups = tail.isEmpty() ? new String[0] : tail.split(":");
        for (int i = 0; i < headGroups.length; i++) {
            put(bytes, i, headGroups[i]);
        }
        for (int i = 0; i < tailGroups.length; i++) {
            put(bytes, 8 - tailGroups.length + i, tailGroups[i]);
        }
        return bytes;
    }

    private static void put(byte[] bytes, int group, String hex) {
        int value = Integer.parseInt(hex, 16);
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }
}

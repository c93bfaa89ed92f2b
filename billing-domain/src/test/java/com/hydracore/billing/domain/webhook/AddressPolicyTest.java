package com.hydracore.billing.domain.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

    private static final AddressPolicy STRICT = AddressPolicy.PUBLIC_ONLY;
    private static final AddressPolicy ALLOW_PRIVATE = new AddressPolicy(true);

    // Literals only: InetAddress.getByName does no lookup for them.
    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An IPv6 address kept as IPv6 even when it is IPv4-mapped (the JDK otherwise turns it into IPv4). */
    private static InetAddress ipv6(String literal) throws UnknownHostException {
        byte[] bytes = new byte[16];
        byte[] given = InetAddress.getByName(literal).getAddress();
        if (given.length == 4) { // "::ffff:a.b.c.d" came back as IPv4
            bytes[10] = (byte) 0xff;
            bytes[11] = (byte) 0xff;
            System.arraycopy(given, 0, bytes, 12, 4);
        } else {
            bytes = given;
        }
        return Inet6Address.getByAddress(null, bytes, -1);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
        "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE",
        "192.168.1.1, PRIVATE", "fc00::1, PRIVATE", "fd12:3456:789a::1, PRIVATE", "fec0::1, PRIVATE",
        "fd00:ec2::254, PRIVATE", "64:ff9b:1::a, PRIVATE",
        "100.64.0.1, SHARED", "100.127.255.255, SHARED",
        "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
        "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
        "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST",
        "255.255.255.255, BROADCAST",
        "240.0.0.1, RESERVED", "192.0.2.1, RESERVED", "198.51.100.7, RESERVED", "203.0.113.9, RESERVED",
        "198.18.0.1, RESERVED", "198.19.255.255, RESERVED", "192.0.0.8, RESERVED", "2001:db8::1, RESERVED",
        "100::1, RESERVED", "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED", "::10.0.0.1, RESERVED"
    })
    void specialPurposeAddressesFallInTheirRange(String literal, AddressRange range) {
        assertEquals(Optional.of(range), AddressPolicy.rangeOf(ip(literal)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
        "100.128.0.1", "192.169.0.1", "169.255.0.1", "11.0.0.1", "126.255.255.255", "128.0.0.1", "223.255.255.255",
        "2606:4700:4700::1111", "2a00:1450:4001::200e", "2001:4860:4860::8888", "2001:db9::1", "fbff::1"})
    void publicUnicastAddressesFallInNoRange(String literal) {
        assertEquals(Optional.empty(), AddressPolicy.rangeOf(ip(literal)));
        assertTrue(STRICT.permits(ip(literal)));
        assertTrue(ALLOW_PRIVATE.permits(ip(literal)));
    }

    @Test
    void ipv6AddressesCarryingAnIpv4AddressAreJudgedByIt() throws UnknownHostException {
        assertEquals(Optional.of(AddressRange.LOOPBACK), AddressPolicy.rangeOf(ipv6("::ffff:127.0.0.1")));
        assertEquals(Optional.of(AddressRange.PRIVATE), AddressPolicy.rangeOf(ipv6("::ffff:10.1.2.3")));
        assertEquals(Optional.of(AddressRange.LINK_LOCAL), AddressPolicy.rangeOf(ipv6("::ffff:169.254.169.254")));
        assertEquals(Optional.empty(), AddressPolicy.rangeOf(ipv6("::ffff:8.8.8.8")));
        assertEquals(Optional.of(AddressRange.LOOPBACK), AddressPolicy.rangeOf(ip("64:ff9b::7f00:1")));
        assertEquals(Optional.empty(), AddressPolicy.rangeOf(ip("64:ff9b::808:808")));
        assertEquals(Optional.of(AddressRange.PRIVATE), AddressPolicy.rangeOf(ip("2002:c0a8:0101::1")));
        assertEquals(Optional.empty(), AddressPolicy.rangeOf(ip("2002:0808:0808::1")));
    }

    @Test
    void theJdkAlsoReadsMappedLiteralsAsIpv4() {
        assertEquals(Optional.of(AddressRange.LOOPBACK), AddressPolicy.rangeOf(ip("::ffff:127.0.0.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.0.0.1", "172.20.0.1", "192.168.0.10", "100.64.0.1",
        "169.254.169.254", "fe80::1", "fd00::1"})
    void privateUseAddressesAreRefusedUnlessAllowed(String literal) {
        assertFalse(STRICT.permits(ip(literal)));
        assertTrue(ALLOW_PRIVATE.permits(ip(literal)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "224.0.0.1", "ff02::1", "255.255.255.255", "240.0.0.1", "192.0.2.1",
        "2001:db8::1"})
    void addressesThatAreNeverAReceiverAreRefusedEvenWhenPrivateIsAllowed(String literal) {
        assertFalse(STRICT.permits(ip(literal)));
        assertFalse(ALLOW_PRIVATE.permits(ip(literal)));
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIs() {
        List<InetAddress> mixed = List.of(ip("93.184.216.34"), ip("10.0.0.5"), ip("127.0.0.1"));

        assertEquals(Optional.of(ip("10.0.0.5")), STRICT.firstRefused(mixed));
        assertEquals(Optional.empty(), ALLOW_PRIVATE.firstRefused(mixed));
        assertEquals(Optional.empty(), STRICT.firstRefused(List.of(ip("93.184.216.34"), ip("2606:4700::1"))));
    }

    @Test
    void rangesHaveReadableLabels() {
        assertEquals("link-local", AddressRange.LINK_LOCAL.label());
        assertEquals("loopback", AddressRange.LOOPBACK.label());
    }
}

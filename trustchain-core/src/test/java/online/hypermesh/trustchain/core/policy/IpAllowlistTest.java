package online.hypermesh.trustchain.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class IpAllowlistTest {

    @Test
    void emptyMeansAnywhere() {
        IpAllowlist any = IpAllowlist.of(List.of());
        assertTrue(any.isAnywhere());
        assertTrue(any.permits("::1"));
        assertTrue(any.permits("192.0.2.7"));
    }

    @Test
    void ipv6PrefixBoundaries() {
        IpAllowlist list = IpAllowlist.of(List.of("2001:db8:1::/48"));
        assertTrue(list.permits("2001:db8:1::"));
        assertTrue(list.permits("2001:db8:1:ffff:ffff:ffff:ffff:ffff"));
        assertFalse(list.permits("2001:db8:0:ffff:ffff:ffff:ffff:ffff"));
        assertFalse(list.permits("2001:db8:2::"));
        assertFalse(list.permits("::1"));
    }

    @Test
    void prefixLengthNotOnAByteBoundary() {
        IpAllowlist list = IpAllowlist.of(List.of("2001:db8:1:8000::/49"));
        assertTrue(list.permits("2001:db8:1:8000::1"));
        assertTrue(list.permits("2001:db8:1:ffff::1"));
        assertFalse(list.permits("2001:db8:1:7fff::1"));
        IpAllowlist v4 = IpAllowlist.of(List.of("192.0.2.128/25"));
        assertTrue(v4.permits("192.0.2.128"));
        assertFalse(v4.permits("192.0.2.127"));
    }

    @Test
    void loopbackAndOneHost() {
        IpAllowlist list = IpAllowlist.of(List.of("::1"));
        assertEquals(List.of("::1/128"), list.networks());
        assertTrue(list.permits("::1"));
        assertTrue(list.permits("0:0:0:0:0:0:0:1"));
        assertTrue(list.permits("[::1]"));
        assertFalse(list.permits("::2"));
        assertFalse(list.permits("127.0.0.1"));
    }

    @Test
    void ipv4MappedAddressesMatchAsIpv4() {
        IpAllowlist v4 = IpAllowlist.of(List.of("192.0.2.0/24"));
        assertTrue(v4.permits("::ffff:192.0.2.9"));
        assertFalse(v4.permits("::ffff:198.51.100.1"));
        IpAllowlist allV6 = IpAllowlist.of(List.of("::/0"));
        assertTrue(allV6.permits("2001:db8::1"));
        assertFalse(allV6.permits("::ffff:192.0.2.9"), "::/0 is every IPv6 address, not IPv4 too");
        assertEquals(List.of("192.0.2.0/24"), IpAllowlist.of(List.of("::ffff:192.0.2.0/24")).networks());
    }

    @Test
    void canonicalFormAndDuplicates() {
        IpAllowlist list = IpAllowlist.of(List.of("2001:0DB8:0000:0000:0001:0000:0000:0000/80", "2001:db8::1:0:0:0/80", "10.0.0.0/8"));
        assertEquals(List.of("2001:db8:0:0:1::/80", "10.0.0.0/8"), list.networks(), "the longer zero run is compressed");
        assertEquals(List.of("2001:db8:0:1::/64"), IpAllowlist.of(List.of("2001:db8:0:1:0:0:0:0/64")).networks());
        assertEquals(List.of("::/0"), IpAllowlist.of(List.of("::/0")).networks());
    }

    @Test
    void hostBitsRefusedWithTheNetworkNamed() {
        TrustChainException e = assertThrows(TrustChainException.class, () -> IpAllowlist.of(List.of("2001:db8::1/32")));
        assertEquals(ErrorKind.MALFORMED_REQUEST, e.kind());
        assertTrue(e.getMessage().contains("2001:db8::/32"), e.getMessage());
    }

    @Test
    void garbageRefusedWithoutAskingDns() {
        for (String bad : List.of("", "localhost", "example.com", "2001:db8::/129", "10.0.0.0/33", "10.0.0/8", "fe80::1%eth0",
                "2001:db8::/-1", "2001:db8::/", "1.2.3.4.5", "::1/1a")) {
            assertThrows(TrustChainException.class, () -> IpAllowlist.of(List.of(bad)), bad);
        }
        assertFalse(IpAllowlist.of(List.of("::1")).permits("not-an-address"));
    }

    @Test
    void boundedLength() {
        List<String> many = java.util.stream.IntStream.range(0, IpAllowlist.MAX_NETWORKS + 1).mapToObj(i -> "10." + i + ".0.0/16").toList();
        assertThrows(TrustChainException.class, () -> IpAllowlist.of(many));
    }
}

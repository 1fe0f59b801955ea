package online.hypermesh.trustchain.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

class NameScopeTest {

    private static boolean dns(NameScope scope, String name) {
        return scope.covers(RequestedName.dns(name));
    }

    @Test
    void suffix_stopsAtTheLabelBoundary() {
        NameScope mesh = NameScope.dns("hypermesh.online", true, false);
        assertTrue(dns(mesh, "hypermesh.online"));
        assertTrue(dns(mesh, "api.hypermesh.online"));
        assertTrue(dns(mesh, "a.b.c.hypermesh.online"));
        assertFalse(dns(mesh, "evilhypermesh.online"));
        assertFalse(dns(mesh, "hypermesh.online.evil.com"));
        assertFalse(dns(mesh, "online"));
        assertFalse(dns(mesh, "xhypermesh.online"));
    }

    @Test
    void exact_coversOnlyThatName() {
        NameScope api = NameScope.dns("api.hypermesh.online", false, false);
        assertTrue(dns(api, "api.hypermesh.online"));
        assertFalse(dns(api, "v2.api.hypermesh.online"));
        assertFalse(dns(api, "hypermesh.online"));
    }

    @Test
    void trailingDotsAndCase_doNotMatter() {
        NameScope scope = NameScope.dns("Payments.HyperMesh.Online.", true, false);
        assertEquals("payments.hypermesh.online", scope.value());
        assertTrue(dns(scope, "API.payments.hypermesh.online"));
        assertTrue(dns(scope, "api.payments.hypermesh.online."));
    }

    @Test
    void idn_uLabelsBecomeALabels() {
        NameScope scope = NameScope.dns("bücher.hypermesh.online", true, false);
        assertEquals("xn--bcher-kva.hypermesh.online", scope.value());
        assertTrue(dns(scope, "shop.xn--bcher-kva.hypermesh.online"));
        assertTrue(dns(scope, "shop.XN--BCHER-KVA.hypermesh.online"));
        assertTrue(dns(scope, "shop.bücher.hypermesh.online"));
        assertFalse(dns(scope, "xn--bcher-kva-evil.hypermesh.online"));
    }

    @Test
    void wildcard_onlyWhenAllowed_andOnlyOverACoveredName() {
        NameScope noWild = NameScope.dns("payments.hypermesh.online", true, false);
        NameScope wild = NameScope.dns("payments.hypermesh.online", true, true);
        NameScope exactWild = NameScope.dns("payments.hypermesh.online", false, true);
        assertFalse(dns(noWild, "*.payments.hypermesh.online"));
        assertTrue(dns(wild, "*.payments.hypermesh.online"));
        assertTrue(dns(wild, "*.eu.payments.hypermesh.online"));
        // *.hypermesh.online would cover names outside the scope.
        assertFalse(dns(wild, "*.hypermesh.online"));
        assertTrue(dns(exactWild, "*.payments.hypermesh.online"));
        assertFalse(dns(exactWild, "*.eu.payments.hypermesh.online"));
        assertFalse(dns(exactWild, "eu.payments.hypermesh.online"));
    }

    @Test
    void dnsScope_refusesWildcardsSingleLabelsAndBadSyntax() {
        assertMalformed(() -> NameScope.dns("*.hypermesh.online", true, true));
        assertMalformed(() -> NameScope.dns("online", true, false));
        assertMalformed(() -> NameScope.dns("bad_label.hypermesh.online", true, false));
        assertMalformed(() -> NameScope.dns("-x.hypermesh.online", true, false));
        assertMalformed(() -> NameScope.dns("", true, false));
        assertMalformed(() -> NameScope.dns("a..b", true, false));
    }

    @Test
    void ipv6Prefix_boundaries() {
        NameScope p48 = NameScope.ip("2001:db8:1::/48");
        assertTrue(p48.covers(RequestedName.ip("2001:db8:1::")));
        assertTrue(p48.covers(RequestedName.ip("2001:db8:1:ffff:ffff:ffff:ffff:ffff")));
        assertFalse(p48.covers(RequestedName.ip("2001:db8:2::")));
        assertFalse(p48.covers(RequestedName.ip("2001:db8:0:ffff:ffff:ffff:ffff:ffff")));

        NameScope p61 = NameScope.ip("2001:db8:0:8::/61");
        assertTrue(p61.covers(RequestedName.ip("2001:db8:0:f::1")));
        assertFalse(p61.covers(RequestedName.ip("2001:db8:0:10::1")));
        assertFalse(p61.covers(RequestedName.ip("2001:db8:0:7::1")));

        NameScope host = NameScope.ip("2001:db8::1/128");
        assertTrue(host.covers(RequestedName.ip("2001:db8::1")));
        assertFalse(host.covers(RequestedName.ip("2001:db8::2")));

        NameScope all = NameScope.ip("::/0");
        assertTrue(all.covers(RequestedName.ip("2001:db8::9")));
        assertFalse(all.covers(RequestedName.ip("192.0.2.1")), "an IPv6 prefix never covers an IPv4 address");
    }

    @Test
    void ipv4Prefix_andFamilies() {
        NameScope v4 = NameScope.ip("192.0.2.0/25");
        assertTrue(v4.covers(RequestedName.ip("192.0.2.127")));
        assertFalse(v4.covers(RequestedName.ip("192.0.2.128")));
        assertFalse(v4.covers(RequestedName.ip("::ffff:192.0.2.1")), "an IPv4-mapped IPv6 address is a 16-byte SAN, not IPv4");
        assertFalse(v4.covers(RequestedName.dns("hypermesh.online")));
    }

    @Test
    void ipScope_isCanonical_andRefusesHostBitsAndBadLengths() {
        assertEquals("2001:db8:1::/48", NameScope.ip("2001:0DB8:0001:0000::/48").value());
        assertEquals(NameScope.ip("2001:db8::/32"), NameScope.ip("2001:0db8:0::/32"));
        assertMalformed(() -> NameScope.ip("2001:db8::1/64"));
        assertMalformed(() -> NameScope.ip("2001:db8::/129"));
        assertMalformed(() -> NameScope.ip("192.0.2.0/33"));
        assertMalformed(() -> NameScope.ip("2001:db8::"));
        assertMalformed(() -> NameScope.ip("example.com/24"));
        assertMalformed(() -> NameScope.ip("192.0.2.01/32"));
    }

    @Test
    void uriPrefix_segmentBoundaries() {
        NameScope slash = NameScope.uri("spiffe://hypermesh.online/payments/");
        assertTrue(slash.covers(RequestedName.uri("spiffe://hypermesh.online/payments/api")));
        assertTrue(slash.covers(RequestedName.uri("SPIFFE://HyperMesh.Online/payments/api")));
        assertFalse(slash.covers(RequestedName.uri("spiffe://hypermesh.online/payments/")), "the prefix alone names no workload");
        assertFalse(slash.covers(RequestedName.uri("spiffe://hypermesh.online/paymentsevil")));
        assertFalse(slash.covers(RequestedName.uri("spiffe://hypermesh.online.evil/payments/api")));
        assertFalse(slash.covers(RequestedName.uri("spiffe://hypermesh.online/Payments/api")), "paths are case-sensitive");

        NameScope noSlash = NameScope.uri("spiffe://hypermesh.online/payments");
        assertTrue(noSlash.covers(RequestedName.uri("spiffe://hypermesh.online/payments")));
        assertTrue(noSlash.covers(RequestedName.uri("spiffe://hypermesh.online/payments/api")));
        assertFalse(noSlash.covers(RequestedName.uri("spiffe://hypermesh.online/paymentsevil")));
    }

    @Test
    void uri_refusesDotSegmentsQueriesAndRelativeForms() {
        assertMalformed(() -> RequestedName.uri("spiffe://hypermesh.online/payments/../admin"));
        assertMalformed(() -> RequestedName.uri("spiffe://hypermesh.online/payments/%2e%2e/admin"));
        assertMalformed(() -> RequestedName.uri("spiffe://hypermesh.online/payments/a?b"));
        assertMalformed(() -> RequestedName.uri("/payments/a"));
        assertMalformed(() -> NameScope.uri("urn:example:a"));
    }

    @Test
    void authorization_isClosedByDefault() {
        Authorization none = Authorization.NONE;
        assertFalse(none.covers(RequestedName.dns("hypermesh.online")));
        assertFalse(none.allowsProfile("server"));
        assertFalse(none.allowsRegion("eu-west-1"));

        Authorization some = new Authorization(List.of(NameScope.dns("payments.hypermesh.online", true, false),
                NameScope.ip("2001:db8:1::/48")), Set.of("server"), Set.of(Authorization.ANY), 24);
        assertTrue(some.allowsProfile("server"));
        assertFalse(some.allowsProfile("client"));
        assertTrue(some.allowsRegion("eu-west-1"));
        assertEquals("api.hypermesh.online", some.firstUncovered(List.of(RequestedName.dns("a.payments.hypermesh.online"),
                RequestedName.dns("api.hypermesh.online"), RequestedName.ip("2001:db8:1::1"))).orElseThrow().display());
        assertTrue(some.firstUncovered(List.of(RequestedName.ip("2001:db8:1::1"))).isEmpty());
    }

    private static void assertMalformed(org.junit.jupiter.api.function.Executable e) {
        TrustChainException x = assertThrows(TrustChainException.class, e);
        assertEquals(ErrorKind.MALFORMED_REQUEST, x.kind());
    }
}

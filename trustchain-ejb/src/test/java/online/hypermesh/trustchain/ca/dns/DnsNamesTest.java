package online.hypermesh.trustchain.ca.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;


import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;


class DnsNamesTest {
    private static final Name ZONE = Name.fromConstantString("hypermesh.online.");

    @Test
    void relative_acceptsRelativeQualifiedAndApexForms() {
        assertEquals("web", DnsNames.relative("web", ZONE));
        assertEquals("web", DnsNames.relative("WEB.hypermesh.online", ZONE));
        assertEquals("a.b", DnsNames.relative("a.b.hypermesh.online.", ZONE));
        assertEquals("@", DnsNames.relative("hypermesh.online.", ZONE));
        assertEquals("@", DnsNames.relative("@", ZONE));
        assertEquals(Name.fromConstantString("web.hypermesh.online."), DnsNames.absolute("web", ZONE));
        assertEquals(ZONE, DnsNames.absolute("@", ZONE));
    }

    @Test
    void relative_rejectsBadLabelsAndOtherZones() {
        for (String bad : new String[] {"bad_name", "-web", "web-", "a..b", "", " ", "x".repeat(64), "other.example.org.", "*.web"}) {
            assertThrows(IllegalArgumentException.class, () -> DnsNames.relative(bad, ZONE), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> DnsNames.relative(("a".repeat(60) + ".").repeat(4), ZONE), "too long with the zone");
    }

    @Test
    void ipv6_acceptsLiteralsOnly() {
        assertEquals("2001:db8:0:0:0:0:0:1", DnsNames.ipv6("2001:DB8::1").getHostAddress());
        for (String bad : new String[] {"192.0.2.1", "::ffff:192.0.2.1", "localhost", "fe80::1%eth0", "2001:db8::g", null, "1:2:3:4:5:6:7:8:9"}) {
            assertThrows(IllegalArgumentException.class, () -> DnsNames.ipv6(bad), String.valueOf(bad));
        }
    }

    @Test
    void inZone_onlyHostNamesUnderTheOrigin() {
        assertEquals(Name.fromConstantString("web.hypermesh.online."), DnsNames.inZone("web.hypermesh.online", ZONE));
        assertEquals(ZONE, DnsNames.inZone("hypermesh.online", ZONE));
        assertNull(DnsNames.inZone("*.hypermesh.online", ZONE));
        assertNull(DnsNames.inZone("2001:db8::7", ZONE));
        assertNull(DnsNames.inZone("web.example.org", ZONE));
        assertNull(DnsNames.inZone("nothypermesh.online", ZONE));
    }
}

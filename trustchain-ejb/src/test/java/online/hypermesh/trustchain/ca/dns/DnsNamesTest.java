package online.hypermesh.trustchain.ca.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import online.hypermesh.trustchain.ca.config.Settings;
import online.hypermesh.trustchain.core.error.TrustChainException;

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

    @Test
    void settings_defaultsAndErrorsNameTheSetting() {
        DnsSettings d = DnsSettings.from(new Settings(new Properties(), Map.of()));
        int offset = Integer.getInteger("jboss.socket.binding.port-offset", 0);
        assertEquals(ZONE, d.origin());
        assertEquals("trust.hypermesh.online", d.caDomain());
        assertEquals(8053 + offset, d.dnsAddress().getPort());
        assertEquals(8853 + offset, d.doqAddress().getPort());
        assertEquals(java.util.List.of("trust", "hypermesh", "caesar", "assets"), d.seedNames());
        assertEquals(java.util.List.of("hypermesh.online", "ns1.hypermesh.online", "trust.hypermesh.online"), d.doqNames());

        DnsSettings other = DnsSettings.from(new Settings(new Properties(), Map.of("TRUSTCHAIN_DNS_ZONE", "Mesh.Example", "TRUSTCHAIN_DNS_PORT", "5353")));
        assertEquals(Name.fromConstantString("mesh.example."), other.origin());
        assertEquals("trust.mesh.example", other.caDomain());
        assertEquals(5353 + offset, other.dnsAddress().getPort());

        TrustChainException e = assertThrows(TrustChainException.class,
                () -> DnsSettings.from(new Settings(new Properties(), Map.of("TRUSTCHAIN_DNS_SEED_ADDRESS", "192.0.2.1"))));
        assertEquals(true, e.getMessage().contains("trustchain.dns.seed.address"), e.getMessage());
        assertThrows(TrustChainException.class, () -> DnsSettings.from(new Settings(new Properties(), Map.of("TRUSTCHAIN_DNS_ZONE", "bad_zone"))));
    }
}

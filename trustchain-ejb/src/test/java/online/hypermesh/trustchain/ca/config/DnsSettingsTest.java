package online.hypermesh.trustchain.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;

import online.hypermesh.trustchain.core.error.TrustChainException;

class DnsSettingsTest {
    private final Properties props = new Properties();

    private DnsSettings dns(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("TRUSTCHAIN_DATA_DIR", "/srv/trustchain");
        return Configuration.read(new Settings(props, all)).dns();
    }

    @Test
    void defaults_andZoneDependentDefaults() {
        DnsSettings d = dns(Map.of());
        assertEquals(Name.fromConstantString("hypermesh.online."), d.origin());
        assertEquals("trust.hypermesh.online", d.caDomain());
        assertEquals(8053, d.dnsAddress().getPort());
        assertEquals(8853, d.doqAddress().getPort());
        assertEquals(List.of("trust", "hypermesh", "caesar", "assets"), d.seedNames());
        assertEquals(List.of("hypermesh.online", "ns1.hypermesh.online", "trust.hypermesh.online"), d.doqNames());

        DnsSettings other = dns(Map.of("TRUSTCHAIN_DNS_ZONE", "Mesh.Example", "TRUSTCHAIN_DNS_PORT", "5353"));
        assertEquals(Name.fromConstantString("mesh.example."), other.origin());
        assertEquals("trust.mesh.example", other.caDomain());
        assertEquals(5353, other.dnsAddress().getPort());
    }

    @Test
    void portsFollowThePortOffset_andMayNotPassTheLastPort() {
        props.setProperty("jboss.socket.binding.port-offset", "1000");
        DnsSettings d = dns(Map.of());
        assertEquals(9053, d.dnsAddress().getPort());
        assertEquals(9853, d.doqAddress().getPort());
        String message = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DOQ_PORT", "65000"))).getMessage();
        assertTrue(message.contains("trustchain.doq.port (environment TRUSTCHAIN_DOQ_PORT) plus the port offset 1000 is 66000, beyond 65535"),
                message);
    }

    @Test
    void badValuesNameTheSetting() {
        String seed = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DNS_SEED_ADDRESS", "192.0.2.1"))).getMessage();
        assertTrue(seed.contains("trustchain.dns.seed.address (environment TRUSTCHAIN_DNS_SEED_ADDRESS)"), seed);
        String zone = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DNS_ZONE", "bad_zone"))).getMessage();
        assertTrue(zone.contains("trustchain.dns.zone (environment TRUSTCHAIN_DNS_ZONE) must be a domain name"), zone);
        String names = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DNS_SEED_NAMES", "ok,other.zone."))).getMessage();
        assertTrue(names.contains("trustchain.dns.seed.names") && names.contains("outside the zone"), names);
        String doq = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DOQ_NAMES", "ns1.x,under_score"))).getMessage();
        assertTrue(doq.contains("trustchain.doq.names"), doq);
    }

    @Test
    void caaRecords_relativeAbsoluteAndApex_valuesQuotedOrNot() {
        DnsSettings d = dns(Map.of("TRUSTCHAIN_DNS_CAA",
                "legacy 0 issue \"letsencrypt.org; account=1\", nowild.hypermesh.online. 0 issuewild \";\", @ 128 issue trust.hypermesh.online"));
        List<String> shown = d.caa().stream().map(r -> r.getName() + " " + r.getFlags() + " " + r.getTag() + " " + r.getValue()).toList();
        assertEquals(List.of("legacy.hypermesh.online. 0 issue letsencrypt.org; account=1", "nowild.hypermesh.online. 0 issuewild ;",
                "hypermesh.online. 128 issue trust.hypermesh.online"), shown);
        assertEquals(d.caa(), d.zoneSettings().caa());
    }

    @Test
    void caaRecords_refusedWithTheSettingNamed() {
        for (String bad : List.of("legacy 0 issue", "legacy 256 issue x", "legacy 0 is-sue x", "legacy 0 issue two words",
                "other.example.org. 0 issue x", "legacy 0 issue \"open")) {
            TrustChainException e = assertThrows(TrustChainException.class, () -> dns(Map.of("TRUSTCHAIN_DNS_CAA", bad)), bad);
            assertTrue(e.detail().contains("trustchain.dns.caa") || e.detail().contains("TRUSTCHAIN_DNS_CAA"), e.detail());
        }
    }
}

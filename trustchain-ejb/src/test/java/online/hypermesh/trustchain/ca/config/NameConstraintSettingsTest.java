package online.hypermesh.trustchain.ca.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import online.hypermesh.trustchain.core.error.TrustChainException;

/** trustchain.ca.name.constraints and trustchain.ra.caa.issuer.domains, as the server reads them. */
class NameConstraintSettingsTest {

    private static AccountSettings accounts(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("TRUSTCHAIN_DATA_DIR", "/srv/trustchain");
        return Configuration.read(new Settings(new Properties(), all)).accounts();
    }

    @Test
    void defaults_theZoneAndTheListenersNamesOutsideIt() {
        AccountSettings a = accounts(Map.of("TRUSTCHAIN_TLS_NAMES", "localhost,::1,127.0.0.1,ca-node-1,api.hypermesh.online"));
        assertEquals(List.of("hypermesh.online", "localhost", "ca-node-1"), a.nameConstraints().dnsNames());
        assertEquals(List.of(), a.nameConstraints().ipPrefixes(), "IP addresses unconstrained unless configured");
        assertEquals(List.of("hypermesh.online"), a.nameConstraints().uriHosts());
        assertEquals(List.of("trust.hypermesh.online"), a.caaIssuerDomains());
    }

    @Test
    void configured_orNone() {
        AccountSettings a = accounts(Map.of("TRUSTCHAIN_CA_NAME_CONSTRAINTS", "dns:Mesh.Example, ip:2001:db8::/32, ip:192.0.2.0/24, uri:.mesh.example",
                "TRUSTCHAIN_RA_CAA_ISSUER_DOMAINS", "ca.mesh.example,Trust.Hypermesh.Online"));
        assertEquals("dns:mesh.example,ip:2001:db8::/32,ip:192.0.2.0/24,uri:.mesh.example", a.nameConstraints().toString());
        assertEquals(List.of("ca.mesh.example", "trust.hypermesh.online"), a.caaIssuerDomains());
        assertTrue(accounts(Map.of("TRUSTCHAIN_CA_NAME_CONSTRAINTS", "none")).nameConstraints().isEmpty());
    }

    @Test
    void refused_withTheSettingNamed() {
        for (String bad : List.of("dns:*.mesh.example", "ip:2001:db8::1/32", "uri:spiffe://mesh.example/", "host:mesh.example", "dns:")) {
            TrustChainException e = assertThrows(TrustChainException.class, () -> accounts(Map.of("TRUSTCHAIN_CA_NAME_CONSTRAINTS", bad)), bad);
            assertTrue(e.detail().contains("trustchain.ca.name.constraints") || e.detail().contains("TRUSTCHAIN_CA_NAME_CONSTRAINTS"), e.detail());
        }
        assertThrows(TrustChainException.class, () -> accounts(Map.of("TRUSTCHAIN_RA_CAA_ISSUER_DOMAINS", "not a domain")));
    }
}

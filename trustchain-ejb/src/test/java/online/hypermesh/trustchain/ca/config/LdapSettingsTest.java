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
import online.hypermesh.trustchain.core.policy.NameScope;

/** The directory's group mapping: scopes and roles per group, and the roles a directory may not give. */
class LdapSettingsTest {
    private static final String WEB = "cn=web-admins,ou=groups,dc=example,dc=org";
    private static final String AUDITORS = "cn=pki-auditors,ou=groups,dc=example,dc=org";

    private final Map<String, String> env = new HashMap<>(Map.of("TRUSTCHAIN_DATA_DIR", "/srv/trustchain",
            "TRUSTCHAIN_LDAP_URL", "ldap://ldap.example.org:389"));

    private LdapSettings read(String groups) {
        env.put("TRUSTCHAIN_LDAP_GROUPS", groups);
        return Configuration.read(new Settings(new Properties(), env)).ldap();
    }

    @Test
    void aGroupGrantsScopes_roles_orBoth_andAGroupNamedTwiceGetsBoth() {
        LdapSettings s = read(WEB + " => dns:web.hypermesh.online, role:issuer; " + AUDITORS + " => role:auditor, ROLE:Officer; "
                + WEB + " => uri:spiffe://hypermesh.online/web, role:issuer");
        assertEquals(List.of(WEB, AUDITORS), List.copyOf(s.groups().keySet()));
        assertEquals(List.of(NameScope.dns("web.hypermesh.online", true, true), NameScope.uri("spiffe://hypermesh.online/web")),
                s.groups().get(WEB).scopes());
        assertEquals(List.of("issuer"), s.groups().get(WEB).roles());
        assertEquals(List.of(), s.groups().get(AUDITORS).scopes());
        assertEquals(List.of("auditor", "officer"), s.groups().get(AUDITORS).roles());
    }

    @Test
    void theEmergencyRole_isNeverTheDirectorysToGive() {
        String message = assertThrows(TrustChainException.class, () -> read(AUDITORS + " => role:emergency")).getMessage();
        assertTrue(message.contains("trustchain.ldap.groups") && message.contains("role:emergency")
                && message.contains("emergency stands alone"), message);
    }

    @Test
    void anUnknownRole_orAGroupGrantingNothing_isRefusedWithTheSetting() {
        String unknown = assertThrows(TrustChainException.class, () -> read(AUDITORS + " => role:superuser")).getMessage();
        assertTrue(unknown.contains("trustchain.ldap.groups") && unknown.contains("role:admin, role:officer, role:issuer, role:auditor"), unknown);
        String nothing = assertThrows(TrustChainException.class, () -> read(AUDITORS + " => ")).getMessage();
        assertTrue(nothing.contains("no scopes and no roles"), nothing);
    }

    @Test
    void startTls_isForLdapUrls_andOffByDefault() {
        assertTrue(!read("").startTls());
        env.put("TRUSTCHAIN_LDAP_STARTTLS", "true");
        assertTrue(read("").startTls());
        assertTrue(read("").endpoint().startTls(), "the endpoint upgrades its connections");
        env.put("TRUSTCHAIN_LDAP_URL", "ldaps://ldap.example.org");
        String message = assertThrows(TrustChainException.class, () -> read("")).getMessage();
        assertTrue(message.contains("trustchain.ldap.starttls") && message.contains("StartTLS is for ldap://"), message);
    }
}

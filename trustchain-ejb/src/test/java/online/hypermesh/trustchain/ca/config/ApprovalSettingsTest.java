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

/** Four-eyes settings: off by default, a comma list of known actions, a bad word stops the deployment naming the setting. */
class ApprovalSettingsTest {
    private final Map<String, String> env = new HashMap<>(Map.of("TRUSTCHAIN_DATA_DIR", "/srv/trustchain"));

    private ApprovalSettings read() {
        return Configuration.read(new Settings(new Properties(), env)).approvals();
    }

    @Test
    void offByDefault() {
        ApprovalSettings s = read();
        assertEquals(List.of(), s.actions());
        assertEquals(List.of(), s.issuanceProfiles());
        assertEquals(0, s.validityAbove());
    }

    @Test
    void actionsAndIssuanceRules_areRead() {
        env.put("TRUSTCHAIN_APPROVALS_ACTIONS", " revoke, Revoke-All ,issuance,revoke");
        env.put("TRUSTCHAIN_APPROVALS_ISSUANCE_PROFILES", "client");
        env.put("TRUSTCHAIN_APPROVALS_ISSUANCE_VALIDITY_HOURS_ABOVE", "168");
        ApprovalSettings s = read();
        assertEquals(List.of("revoke", "revoke-all", "issuance"), s.actions());
        assertEquals(List.of("client"), s.issuanceProfiles());
        assertEquals(168, s.validityAbove());
    }

    @Test
    void unknownAction_stopsTheDeploymentNamingTheSetting() {
        env.put("TRUSTCHAIN_APPROVALS_ACTIONS", "revoke,renew");
        TrustChainException e = assertThrows(TrustChainException.class, this::read);
        assertTrue(e.detail().contains("trustchain.approvals.actions"), e.detail());
        assertTrue(e.detail().contains("renew"), e.detail());
    }

    @Test
    void unknownProfile_stopsTheDeployment() {
        env.put("TRUSTCHAIN_APPROVALS_ISSUANCE_PROFILES", "server,root");
        TrustChainException e = assertThrows(TrustChainException.class, this::read);
        assertTrue(e.detail().contains("trustchain.approvals.issuance.profiles"), e.detail());
    }
}

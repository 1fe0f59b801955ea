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

class TrustChainConfigTest {
    private final Map<String, String> env = new HashMap<>(Map.of("TRUSTCHAIN_DATA_DIR", "/srv/trustchain"));
    private final Properties props = new Properties();

    private TrustChainConfig config() {
        return Configuration.read(new Settings(props, env)).ca();
    }

    private String failure() {
        return assertThrows(TrustChainException.class, this::config).getMessage();
    }

    @Test
    void defaults_threeRegionsAndTheFirstIsThisNodes() {
        TrustChainConfig c = config();
        assertEquals(List.of("us-east-1", "eu-west-1", "ap-southeast-1"), c.regions());
        assertEquals("us-east-1", c.region());
        assertEquals("http://localhost:8080", c.publicHttpUrl());
        assertEquals("2.23.140.1.2.1", c.policyOid());
        assertEquals("2.23.140.1.2.1", c.leafPolicies().tlsServer());
        assertTrue(c.leafPolicies().client().startsWith("2.25."), c.leafPolicies().client());
        assertEquals("US", c.country());
        assertTrue(c.tlsNames().containsAll(List.of("localhost", "::1", "127.0.0.1")));
    }

    @Test
    void countryAndClientPolicyCanBeSet() {
        env.put("TRUSTCHAIN_CA_COUNTRY", "DE");
        env.put("TRUSTCHAIN_CLIENT_POLICY_OID", "1.3.6.1.4.1.99999.1.2");
        TrustChainConfig c = config();
        assertEquals("DE", c.country());
        assertEquals("1.3.6.1.4.1.99999.1.2", c.leafPolicies().client());
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        env.put("TRUSTCHAIN_REGION", "eu-west-1");
        props.setProperty("trustchain.region", "ap-southeast-1");
        assertEquals("ap-southeast-1", config().region());
    }

    @Test
    void badSettingsFailNamingTheSetting() {
        env.remove("TRUSTCHAIN_DATA_DIR");
        assertTrue(failure().contains("trustchain.data.dir (environment TRUSTCHAIN_DATA_DIR) is not set"));
        env.put("TRUSTCHAIN_DATA_DIR", "/srv/trustchain");
        env.put("TRUSTCHAIN_REGION", "mars-1");
        assertTrue(failure().contains("trustchain.region"));
        env.remove("TRUSTCHAIN_REGION");
        env.put("TRUSTCHAIN_REGIONS", "us-east-1,Bad_Region");
        assertTrue(failure().contains("Bad_Region"));
        env.remove("TRUSTCHAIN_REGIONS");
        env.put("TRUSTCHAIN_PUBLIC_HTTP_URL", "https://ca.example");
        assertTrue(failure().contains("must be an http:// URL"));
        env.remove("TRUSTCHAIN_PUBLIC_HTTP_URL");
        env.put("TRUSTCHAIN_POLICY_OID", "not-an-oid");
        assertTrue(failure().contains("trustchain.policy.oid"));
        env.remove("TRUSTCHAIN_POLICY_OID");
        env.put("TRUSTCHAIN_CLIENT_POLICY_OID", "2.23.140.1.2.2");
        assertTrue(failure().contains("trustchain.client.policy.oid (environment TRUSTCHAIN_CLIENT_POLICY_OID) is 2.23.140.1.2.2, a CA/Browser Forum TLS policy"));
        env.put("TRUSTCHAIN_CLIENT_POLICY_OID", "1.2.03");
        assertTrue(failure().contains("trustchain.client.policy.oid"));
        env.remove("TRUSTCHAIN_CLIENT_POLICY_OID");
        for (String bad : List.of("us", "USA", "ZZ", "U1", "U S")) {
            env.put("TRUSTCHAIN_CA_COUNTRY", bad);
            assertTrue(failure().contains("trustchain.ca.country (environment TRUSTCHAIN_CA_COUNTRY) is '" + bad + "'"), bad);
        }
        env.remove("TRUSTCHAIN_CA_COUNTRY");
        env.put("TRUSTCHAIN_MANAGEMENT_PORT", "99999");
        assertTrue(failure().contains("between 1 and 65535"));
    }
}

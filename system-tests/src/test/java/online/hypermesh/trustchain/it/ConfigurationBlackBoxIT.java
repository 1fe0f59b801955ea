package online.hypermesh.trustchain.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Bad settings, given the two ways operators give them (an environment variable, and a system
 * property through TRUSTCHAIN_WILDFLY_JAVA_OPTS), stop TrustChain at deployment with one message
 * naming every bad one, and the launcher says so at once instead of waiting out its timeout.
 * Nothing is created: no CA, no root certificate.
 */
class ConfigurationBlackBoxIT {
    private static final int OFFSET = 1900;

    @Test
    void badSettings_stopTheDeployment_withEveryOneNamedAtOnce() throws Exception {
        Path work = RunningTrustChain.freshWorkDirectory("configuration-blackbox");
        Path data = work.resolve("data");
        RunningTrustChain.Failed failed = RunningTrustChain.startExpectingFailure(data, OFFSET, Map.of(
                "TRUSTCHAIN_CRL_VALIDITY_HOURS", "0",
                "TRUSTCHAIN_DOQ_RETRY", "yes",
                "TRUSTCHAIN_WILDFLY_JAVA_OPTS", "-Dtrustchain.region=mars-1"));
        String out = failed.output();
        assertNotEquals(0, failed.exitCode(), out);
        assertTrue(out.contains("TrustChain failed to deploy"), out);
        assertFalse(out.contains("did not become ready within"), "reported at once, not after the timeout:\n" + out);
        for (String expected : List.of("3 configuration settings are invalid",
                "configuration setting trustchain.crl.validity.hours (environment TRUSTCHAIN_CRL_VALIDITY_HOURS) must be between 1 and 168, was 0",
                "configuration setting trustchain.doq.retry (environment TRUSTCHAIN_DOQ_RETRY) must be true or false, was 'yes'",
                "configuration setting trustchain.region (environment TRUSTCHAIN_REGION) is 'mars-1', which is not one of trustchain.regions")) {
            assertTrue(out.contains(expected), expected + " in\n" + out);
        }
        assertFalse(Files.exists(data.resolve("root.pem")), "no CA was created");
    }
}

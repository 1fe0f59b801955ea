package online.hypermesh.trustchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the launcher prints when the EAR fails to deploy: the root cause from WildFly's .failed marker. */
class DeploymentFailureTest {

    @Test
    void rootCause_isTheLastCausedBy_withoutTheDmrQuoting() {
        // As WildFly 39's deployment scanner wrote it for three bad settings.
        String marker = "\"{\\\"WFLYCTL0080: Failed services\\\" => {\\\"jboss.deployment.subunit.\\\\\\\"trustchain.ear\\\\\\\""
                + ".component.CaBootstrap.START\\\" => \\\"java.lang.IllegalStateException: WFLYEE0042: Failed to construct component instance\n"
                + "    Caused by: java.lang.IllegalStateException: WFLYEE0042: Failed to construct component instance\n"
                + "    Caused by: online.hypermesh.trustchain.core.error.TrustChainException: 2 configuration settings are invalid:\n"
                + "  configuration setting trustchain.region (environment TRUSTCHAIN_REGION) is 'mars-1'\n"
                + "  configuration setting trustchain.doq.retry (environment TRUSTCHAIN_DOQ_RETRY) must be true or false, was 'yes'\\\"}}\"\n";
        assertEquals("online.hypermesh.trustchain.core.error.TrustChainException: 2 configuration settings are invalid:\n"
                + "  configuration setting trustchain.region (environment TRUSTCHAIN_REGION) is 'mars-1'\n"
                + "  configuration setting trustchain.doq.retry (environment TRUSTCHAIN_DOQ_RETRY) must be true or false, was 'yes'",
                RunCommand.rootCause(marker));
    }

    @Test
    void rootCause_ofSeveralFailedComponents_endsWithTheMessage() {
        // As WildFly 39 wrote it for a PIN the HSM refused: two components failed, the closing braces on a line of their own.
        String marker = "\"{\\\"WFLYCTL0080: Failed services\\\" => {\n"
                + "    \\\"jboss.deployment.subunit.component.CtLogBean.START\\\" => \\\"java.lang.IllegalStateException: WFLYEE0042\n"
                + "    Caused by: online.hypermesh.trustchain.core.error.TrustChainException: the PKCS#11 token 'it' refused the PIN\\\",\n"
                + "    \\\"jboss.deployment.subunit.component.ScepRaIdentity.START\\\" => \\\"java.lang.IllegalStateException: WFLYEE0042\n"
                + "    Caused by: online.hypermesh.trustchain.core.error.TrustChainException: the PKCS#11 token 'it' refused the PIN\\\"\n"
                + "}}\"\n";
        assertEquals("online.hypermesh.trustchain.core.error.TrustChainException: the PKCS#11 token 'it' refused the PIN",
                RunCommand.rootCause(marker));
    }

    @Test
    void aDescriptionWithoutCause_isShownAsItIs() {
        assertEquals("\"WFLYSRV0059: Class Path entry not found\"", RunCommand.rootCause(" \"WFLYSRV0059: Class Path entry not found\" "));
    }
}

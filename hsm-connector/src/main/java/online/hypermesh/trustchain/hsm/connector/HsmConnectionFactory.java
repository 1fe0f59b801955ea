package online.hypermesh.trustchain.hsm.connector;

import jakarta.resource.ResourceException;

/** The resource adapter's connection factory as an application sees it (JNDI java:/trustchain/hsm/pkcs11). */
public interface HsmConnectionFactory {
    /** JNDI name the connection definition binds (wildfly-config/cli/hsm.cli). */
    String JNDI_NAME = "java:/trustchain/hsm/pkcs11";

    /**
     * A pooled, logged-in session of the token {@code request} names; close it to give it back.
     *
     * @throws ResourceException when none could be had: {@link HsmUnavailableException} carries the reason
     */
    HsmConnection getConnection(Pkcs11TokenRequest request) throws ResourceException;
}

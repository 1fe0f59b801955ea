/**
 * The Jakarta Connectors resource adapter through which a deployment reaches its PKCS#11 token:
 * one managed connection per logged-in PKCS#11 session, pooled, validated and reported by
 * WildFly (the pool is configured in wildfly-config/cli/hsm.cli and deployed with the EAR as
 * hsm-connector.rar). The library itself stays in the static module
 * online.hypermesh.trustchain.pkcs11, loaded once per process, so a redeploy finds it.
 *
 * <p>Closed by construction: the connection factory is in JNDI, but a session is opened only for a
 * {@link online.hypermesh.trustchain.hsm.connector.Pkcs11TokenRequest} carrying the token's PIN,
 * which only the CA signer reads from its settings.
 */
package online.hypermesh.trustchain.hsm.connector;

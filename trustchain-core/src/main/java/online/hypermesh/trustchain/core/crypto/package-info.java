/**
 * The crypto-token port: the only place private keys exist. Everything else names a key by
 * alias and asks the token to sign. Implementations: {@code soft} (keys encrypted at rest),
 * and later PKCS#11 through the HSM connector.
 */
package online.hypermesh.trustchain.core.crypto;

/**
 * X.509 for TrustChain: CSR validation, certificate templates for the profiles and the CA
 * hierarchy, the pre-signing linter, and the signer that only signs what the linter passed.
 */
package online.hypermesh.trustchain.core.x509;

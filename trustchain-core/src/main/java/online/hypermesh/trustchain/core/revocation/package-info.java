/**
 * Revocation for TrustChain: CRLs and delta CRLs (RFC 5280 section 5) and the core of an OCSP
 * responder (RFC 6960, nonces per RFC 8954). Nothing here talks HTTP or a database: status comes
 * through {@link online.hypermesh.trustchain.core.revocation.CertificateStatusLookup}, and every
 * signature goes through a lint-then-sign path that asks the crypto token to sign.
 */
package online.hypermesh.trustchain.core.revocation;

/**
 * The ACME server (RFC 8555) behind {@link online.hypermesh.trustchain.ca.api.AcmeService}: JWS
 * authentication with nonces, accounts bound to TrustChain accounts by external account binding,
 * orders, http-01 validation over the network, finalization through the issuance path (the
 * registration authority checks scopes and CAA), download and revocation. A room of its own that
 * uses the application, like ct and dns; the protocol's rules are in pki-bridge.
 */
package online.hypermesh.trustchain.ca.acme;

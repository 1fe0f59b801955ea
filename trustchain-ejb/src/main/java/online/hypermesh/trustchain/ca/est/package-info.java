/**
 * The EST server (RFC 7030) behind {@link online.hypermesh.trustchain.ca.api.EstService}: labels
 * to profiles, CA certificates, CSR attributes, and enrollment, re-enrollment and server-side key
 * generation through the one issuance path (the registration authority checks the account's scopes;
 * nothing past here knows the request came by EST). The protocol's encodings are in pki-bridge.
 */
package online.hypermesh.trustchain.ca.est;

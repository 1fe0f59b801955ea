/**
 * The SCEP server (RFC 8894): its RA identity (an RSA key in the crypto token, certified by the
 * root), challenge passwords, and the service that turns PKCSReq, RenewalReq and CertPoll into
 * the CA's one issuance path. Message parsing and building is in pki-bridge's bridge.scep.
 */
package online.hypermesh.trustchain.ca.scep;

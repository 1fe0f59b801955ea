/**
 * EST (RFC 7030) without a server: the base64 transfer encoding of its bodies, certs-only CMS
 * (the Simple PKI Response), the CSR a request carries, the subject and SAN match a re-enrollment
 * needs, CSR attributes, and the multipart reply of server-side key generation. Errors are
 * {@link online.hypermesh.trustchain.bridge.est.EstError}s with the HTTP status RFC 7030 4.2.3 allows.
 */
package online.hypermesh.trustchain.bridge.est;

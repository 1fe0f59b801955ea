/**
 * The ACME edge (RFC 8555) under /acme/ on the HTTPS listener, and the administrators' REST call
 * that makes external account binding keys. ACME requests authenticate by their JWS, which the
 * CA checks ({@link online.hypermesh.trustchain.ca.api.AcmeService}); the endpoints are open at
 * the JAX-RS level, declared so with {@code @PermitAll}.
 */
package online.hypermesh.trustchain.web.acme;

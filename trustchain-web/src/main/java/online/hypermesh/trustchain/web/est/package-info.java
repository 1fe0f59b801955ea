/**
 * The EST edge (RFC 7030) under /.well-known/est/ on the HTTPS listener: HTTP Basic or TLS
 * client-certificate authentication to an account, bodies passed to
 * {@link online.hypermesh.trustchain.ca.api.EstService} as they came, replies and refusals in
 * RFC 7030's own form (base64 bodies; errors as text/plain, 4.2.3). The endpoints authenticate for
 * themselves, so they are open at the JAX-RS level, declared with {@code @PermitAll}.
 */
package online.hypermesh.trustchain.web.est;

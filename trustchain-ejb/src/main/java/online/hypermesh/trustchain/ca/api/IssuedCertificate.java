package online.hypermesh.trustchain.ca.api;

import java.time.Instant;
import java.util.List;

/**
 * The result of issuance.
 *
 * @param certificatePem the leaf
 * @param chainPem       the issuing intermediate(s), leaf-first order, without the root (RFC 8555 7.4.2 style)
 * @param issuer         the id of the issuing authority
 */
public record IssuedCertificate(String serialNumber, String certificatePem, List<String> chainPem,
                                Instant notBefore, Instant notAfter, String profile, String issuer) {
}

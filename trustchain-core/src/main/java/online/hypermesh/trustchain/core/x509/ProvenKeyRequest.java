package online.hypermesh.trustchain.core.x509;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A certificate request that is not a PKCS#10 CSR (a CRMF CertReqMsg, RFC 4211), whose proof of
 * possession the edge that received it verified (a signature by {@code publicKey}). The
 * {@link CsrValidator} checks its key and names like a CSR's.
 *
 * @param der        the request as received, kept for the record
 * @param subject    the requested subject, or null
 * @param extensions the requested extensions (only the subjectAltName is used), or null
 */
public record ProvenKeyRequest(byte[] der, SubjectPublicKeyInfo publicKey, X500Name subject, Extensions extensions) {
}

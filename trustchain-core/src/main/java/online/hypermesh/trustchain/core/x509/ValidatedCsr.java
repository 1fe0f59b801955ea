package online.hypermesh.trustchain.core.x509;

import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A PKCS#10 request whose signature verified (proof of possession), whose key the CA accepts,
 * and whose names are syntactically valid.
 *
 * @param der the request as received, kept for the record
 */
public record ValidatedCsr(byte[] der, SubjectPublicKeyInfo publicKey, PublicKeyKind keyKind, SubjectNames names) {
}

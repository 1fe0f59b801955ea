package online.hypermesh.trustchain.core.revocation;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * A delegated OCSP responder (RFC 6960 4.2.2.2) for one authority: its certificate, issued by
 * that authority, and the alias of its key in the crypto token.
 */
public record OcspResponderCredential(IssuingAuthority authority, X509CertificateHolder certificate,
                                      String keyAlias, KeyType keyType) {
}

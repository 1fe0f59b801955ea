package online.hypermesh.trustchain.core.x509;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.crypto.KeyType;
import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;

/**
 * A CA that can sign: its certificate, the alias of its key in the crypto token, and the URLs it
 * stamps into what it issues.
 *
 * @param id    stable identifier, e.g. {@code us-east-1-g1} (region and key generation)
 * @param urls  the URLs placed in certificates this authority issues
 */
public record IssuingAuthority(String id, X509CertificateHolder certificate, String keyAlias, KeyType keyType, AuthorityUrls urls) {

    public SigningAlgorithm signingAlgorithm() {
        return keyType.signingAlgorithm();
    }
}

package online.hypermesh.trustchain.core.x509;

import java.time.Clock;
import java.time.Duration;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.crypto.KeyType;

/**
 * Creates CA keys in the crypto token and certifies them: the self-signed root and the issuing
 * intermediates below it. Every certificate goes through the linter and the signer.
 */
public final class HierarchyFactory {
    private final CryptoToken token;
    private final CertificateLinter linter;
    private final CertificateSigner signer;
    private final Clock clock;
    private final String publicHttpBase;
    private final PermittedSubtrees permitted;

    public HierarchyFactory(CryptoToken token, CertificateLinter linter, CertificateSigner signer, Clock clock, String publicHttpBase) {
        this(token, linter, signer, clock, publicHttpBase, PermittedSubtrees.none());
    }

    /** @param permitted the name constraints of every intermediate it creates (none: no extension) */
    public HierarchyFactory(CryptoToken token, CertificateLinter linter, CertificateSigner signer, Clock clock, String publicHttpBase,
                            PermittedSubtrees permitted) {
        this.permitted = permitted;
        this.token = token;
        this.linter = linter;
        this.signer = signer;
        this.clock = clock;
        this.publicHttpBase = publicHttpBase;
    }

    public IssuingAuthority createRoot(String id, X500Name subject, KeyType keyType, Duration validity) {
        String alias = keyAlias(id);
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(token.generateKey(alias, keyType).getEncoded());
        var tbs = CaCertificateTemplate.root(subject, key, keyType.signingAlgorithm(), SerialNumbers.next(),
                Validity.startingAt(clock.instant(), validity));
        X509CertificateHolder certificate = signer.sign(linter.lintRoot(tbs, alias, keyType));
        return new IssuingAuthority(id, certificate, alias, keyType, AuthorityUrls.under(publicHttpBase, id));
    }

    /** An intermediate under {@code parent}; its validity is cut to end no later than the parent's. */
    public IssuingAuthority createIntermediate(IssuingAuthority parent, String id, X500Name subject, KeyType keyType, Duration validity) {
        String alias = keyAlias(id);
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(token.generateKey(alias, keyType).getEncoded());
        Validity wanted = Validity.startingAt(clock.instant(), validity);
        var parentEnd = parent.certificate().getNotAfter().toInstant();
        Validity period = wanted.notAfter().isAfter(parentEnd) ? new Validity(wanted.notBefore(), parentEnd) : wanted;
        var tbs = CaCertificateTemplate.intermediate(parent, subject, key, SerialNumbers.next(), period, permitted);
        X509CertificateHolder certificate = signer.sign(linter.lintIntermediate(tbs, parent));
        return new IssuingAuthority(id, certificate, alias, keyType, AuthorityUrls.under(publicHttpBase, id));
    }

    /** Key aliases are derived from the authority id, so an operator can find a CA's key in the token. */
    public static String keyAlias(String authorityId) {
        return "ca-" + authorityId;
    }
}

package online.hypermesh.trustchain.core.x509;

import java.math.BigInteger;

import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Template, lint, sign: the three steps that turn a validated request into an end-entity
 * certificate. Holds no state; the caller reserves the serial and stores the result.
 */
public final class LeafIssuer {
    private final LeafCertificateTemplate template;
    private final CertificateLinter linter;
    private final CertificateSigner signer;

    public LeafIssuer(LeafCertificateTemplate template, CertificateLinter linter, CertificateSigner signer) {
        this.template = template;
        this.linter = linter;
        this.signer = signer;
    }

    public X509CertificateHolder issue(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                       BigInteger serial, Validity validity) {
        var tbs = template.build(issuer, csr.publicKey(), csr.keyKind(), csr.names(), profile, serial, validity);
        return signer.sign(linter.lintLeaf(tbs, issuer, profile));
    }
}

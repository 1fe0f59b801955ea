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

    /** A certificate without SCTs; the deployment always issues with SCTs, so this serves tests and tools only. */
    public X509CertificateHolder issue(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                       BigInteger serial, Validity validity) {
        var tbs = template.build(issuer, csr.publicKey(), csr.keyKind(), csr.names(), profile, serial, validity);
        return signer.sign(linter.lintLeaf(tbs, issuer, profile));
    }

    /**
     * RFC 6962 3.1 precertificate: the future certificate with the critical poison extension,
     * signed by the issuing CA itself (no Precertificate Signing Certificate), so that a log's
     * SCT over it can be embedded in the certificate built by {@link #issueWithScts} from the
     * same arguments.
     */
    public X509CertificateHolder issuePrecertificate(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                                     BigInteger serial, Validity validity) {
        var tbs = template.build(issuer, csr.publicKey(), csr.keyKind(), csr.names(), profile, serial, validity,
                CtCertificateExtensions.poison());
        return signer.sign(linter.lintPrecertificate(tbs, issuer, profile));
    }

    /** The final certificate for a precertificate built from the same arguments, with its TLS-encoded SCT list embedded. */
    public X509CertificateHolder issueWithScts(IssuingAuthority issuer, ValidatedCsr csr, CertificateProfile profile,
                                               BigInteger serial, Validity validity, byte[] tlsEncodedSctList) {
        var tbs = template.build(issuer, csr.publicKey(), csr.keyKind(), csr.names(), profile, serial, validity,
                CtCertificateExtensions.sctList(tlsEncodedSctList));
        return signer.sign(linter.lintLeaf(tbs, issuer, profile));
    }
}

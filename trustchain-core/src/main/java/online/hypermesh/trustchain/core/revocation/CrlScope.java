package online.hypermesh.trustchain.core.revocation;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.x509.IssuingAuthority;

/**
 * Which certificates an authority's CRL covers, stated in the issuing distribution point
 * (RFC 5280 5.2.5) so that a relying party cannot use a CRL for certificates it never covered.
 */
public enum CrlScope {
    /** An issuing intermediate (path length 0) signs only end-entity certificates. */
    USER_CERTS,
    /** In this hierarchy the root signs only intermediates. */
    CA_CERTS,
    /** Anything else (a CA that may sign both): no restriction. */
    ALL;

    /**
     * Whether the IDP names the distribution point. It does for an issuing CA: it names the very
     * URL the CA puts into the CRL distribution points of what it issues, and relying parties
     * (OpenSSL, the JDK) reject a CRL whose IDP names another. It does not for a root: the root's
     * own certificate is within its CRL's scope (OpenSSL's {@code -crl_check_all} checks it there)
     * and carries no distribution point (BR 7.1.2.1), so a named point would put the root outside
     * the scope ("different CRL scope"). An IDP without a name matches whatever point the
     * intermediates name, so intermediates issued before this rule keep validating. RFC 5280
     * 5.2.5 then asks the CRL to list every revoked certificate of that scope, which it does.
     */
    public boolean namesDistributionPoint() {
        return this != CA_CERTS;
    }

    public static CrlScope of(IssuingAuthority authority) {
        X509CertificateHolder cert = authority.certificate();
        if (cert.getSubject().equals(cert.getIssuer())) {
            return CA_CERTS;
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(cert.getExtensions());
        if (bc != null && bc.getPathLenConstraint() != null && bc.getPathLenConstraint().signum() == 0) {
            return USER_CERTS;
        }
        return ALL;
    }
}

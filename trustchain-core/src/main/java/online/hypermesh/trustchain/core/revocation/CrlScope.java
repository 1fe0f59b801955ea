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

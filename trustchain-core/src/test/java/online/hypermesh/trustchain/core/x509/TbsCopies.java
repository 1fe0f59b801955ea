package online.hypermesh.trustchain.core.x509;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;

/** To-be-signed certificates altered as a buggy template would build them, for linter tests. */
final class TbsCopies {
    private TbsCopies() {
    }

    /** {@code tbs} with another issuer name and other extensions; every other field as it was. */
    static TBSCertificate copy(TBSCertificate tbs, X500Name issuer, Extensions extensions) {
        V3TBSCertificateGenerator g = new V3TBSCertificateGenerator();
        g.setSerialNumber(tbs.getSerialNumber());
        g.setSignature(tbs.getSignature());
        g.setIssuer(issuer);
        g.setStartDate(tbs.getStartDate());
        g.setEndDate(tbs.getEndDate());
        g.setSubject(tbs.getSubject());
        g.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
        g.setExtensions(extensions);
        return g.generateTBSCertificate();
    }
}

package online.hypermesh.trustchain.ca.anchor;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import online.hypermesh.trustchain.bridge.trust.AnchorBundle;
import online.hypermesh.trustchain.ca.api.TrustAnchors.AnchorCertificateView;
import online.hypermesh.trustchain.ca.api.TrustAnchors.CrossCertificateView;
import online.hypermesh.trustchain.ca.api.TrustAnchors.TrustAnchorView;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository.CrossRecord;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository.StoredAnchor;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/** The API's views of stored anchors and cross certificates. */
final class AnchorViews {
    private AnchorViews() {
    }

    static TrustAnchorView of(StoredAnchor a, List<CrossRecord> crosses) {
        List<AnchorCertificateView> certificates = new ArrayList<>();
        for (int i = 0; i < a.certificates().size(); i++) {
            X509Certificate c = parse(a.certificates().get(i));
            certificates.add(new AnchorCertificateView(i == 0 ? "root" : "intermediate", c.getSubjectX500Principal().getName(),
                    c.getIssuerX500Principal().getName(), AnchorBundle.fingerprint(c), c.getNotBefore().toInstant(),
                    c.getNotAfter().toInstant(), Pem.certificate(a.certificates().get(i))));
        }
        AnchorCertificateView root = certificates.get(0);
        return new TrustAnchorView(a.id(), a.name(), a.active() ? "active" : "inactive", a.purposes(), root.subject(), root.fingerprint(),
                certificates, crosses.stream().map(AnchorViews::of).toList(), a.importedAt(), a.importedBy(), a.deactivatedAt(),
                a.deactivatedBy());
    }

    static CrossCertificateView of(CrossRecord r) {
        X509Certificate c = parse(r.der());
        String serial = r.serialHex() != null ? r.serialHex() : SerialNumbers.toHex(c.getSerialNumber());
        return new CrossCertificateView(r.id(), r.anchorId(), r.direction(), serial, c.getSubjectX500Principal().getName(),
                c.getIssuerX500Principal().getName(), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(), Pem.certificate(r.der()));
    }

    static X509Certificate parse(byte[] der) {
        try {
            return AnchorBundle.parseOne(der);
        } catch (TrustChainException e) {
            throw TrustChainException.internal("a stored trust anchor certificate does not parse: " + e.detail(), e);
        }
    }

    static AnchorBundle bundle(StoredAnchor a) {
        List<X509Certificate> all = a.certificates().stream().map(AnchorViews::parse).toList();
        return new AnchorBundle(all.get(0), all.subList(1, all.size()));
    }
}

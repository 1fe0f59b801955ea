package online.hypermesh.trustchain.ca.anchor;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.bridge.trust.AnchorBundle;
import online.hypermesh.trustchain.bridge.trust.PermittedSubtreeList;
import online.hypermesh.trustchain.bridge.trust.ReturnedCrossCertificate;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CrossCertificates;
import online.hypermesh.trustchain.ca.api.TrustAnchors.CrossCertificateView;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository.CrossRecord;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository.StoredAnchor;
import online.hypermesh.trustchain.ca.signer.CaSigner;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.IssuingAuthority;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.core.x509.PermittedSubtrees;
import online.hypermesh.trustchain.core.x509.SerialNumbers;

/**
 * Cross-certification with an imported anchor's root, both ways, with the active root: the root
 * key signs only through {@link CaSigner} (the cross certificate is linted first; the request is
 * built from the root certificate alone). Every signing is audited in the transaction that stores
 * its result: {@code cross_certificate.issued}, {@code cross_certificate.requested},
 * {@code cross_certificate.imported}. Administrators only; a four-eyes approval is to come.
 */
@Stateless
public class CrossCertificatesBean implements CrossCertificates {
    /** One enterprise intermediate level below its root, the common enterprise shape. */
    static final int DEFAULT_PATH_LENGTH = 1;

    @Inject
    TrustAnchorRepository anchors;

    @Inject
    AuditTrail audit;

    @EJB
    AuthorityRegistry registry;

    @EJB
    CaSigner signer;

    @Override
    public CrossCertificateView issue(long trustAnchorId, Integer pathLength, List<String> permittedSubtrees, Caller caller) {
        TrustAnchorsBean.requireAdmin(caller, "issue cross certificates");
        int length = pathLength == null ? DEFAULT_PATH_LENGTH : pathLength;
        PermittedSubtrees permitted = PermittedSubtreeList.parse(permittedSubtrees == null ? List.of() : permittedSubtrees);
        StoredAnchor anchor = crossCertifiable(trustAnchorId);
        IssuingAuthority root = activeRoot();
        X509CertificateHolder theirRoot = holder(anchor.root());
        BigInteger serial = SerialNumbers.next();
        X509CertificateHolder cross = signer.issueCrossCertificate(root, theirRoot, serial, length, permitted);
        String serialHex = SerialNumbers.toHex(serial);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        byte[] der = encoded(cross);
        anchors.addIssued(anchor.id(), new TrustAnchorRepository.IssuedCross(serialHex, root.id(), cross.getSubject().toString(),
                cross.getNotBefore().toInstant(), cross.getNotAfter().toInstant(), der), now, caller.name());
        audit.record(new AuditEvent(caller.name(), "cross_certificate.issued", "certificate", serialHex,
                Map.of("trust_anchor", Long.toString(anchor.id()), "issuer", root.id(), "subject", cross.getSubject().toString(),
                        "path_length", Integer.toString(length), "permitted_subtrees", permitted.toString(),
                        "not_after", cross.getNotAfter().toInstant().toString())));
        return anchors.crossCertificates(anchor.id()).stream().filter(r -> serialHex.equals(r.serialHex())).findFirst()
                .map(AnchorViews::of)
                .orElseThrow(() -> TrustChainException.internal("the cross certificate " + serialHex + " vanished", null));
    }

    @Override
    public String certificationRequest(Caller caller) {
        TrustAnchorsBean.requireAdmin(caller, "have the root key sign a cross-certification request");
        IssuingAuthority root = activeRoot();
        byte[] csr;
        try {
            csr = signer.rootCertificationRequest(root).getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the cross-certification request", e);
        }
        audit.record(new AuditEvent(caller.name(), "cross_certificate.requested", "certificate_authority", root.id(),
                Map.of("subject", root.certificate().getSubject().toString())));
        return Pem.encode("CERTIFICATE REQUEST", csr);
    }

    @Override
    public CrossCertificateView importReceived(long trustAnchorId, byte[] certificate, Caller caller) {
        TrustAnchorsBean.requireAdmin(caller, "import cross certificates");
        StoredAnchor anchor = crossCertifiable(trustAnchorId);
        IssuingAuthority root = activeRoot();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AnchorBundle theirs = AnchorViews.bundle(anchor);
        ReturnedCrossCertificate checked = ReturnedCrossCertificate.check(certificate, root.certificate(), theirs, now);
        CrossRecord stored = anchors.addReceived(anchor.id(), checked.der(), checked.certificate().getNotAfter().toInstant(), now,
                caller.name());
        audit.record(new AuditEvent(caller.name(), "cross_certificate.imported", "trust_anchor", Long.toString(anchor.id()),
                Map.of("issuer", checked.certificate().getIssuerX500Principal().getName(), "subject",
                        checked.certificate().getSubjectX500Principal().getName(), "serial",
                        SerialNumbers.toHex(checked.certificate().getSerialNumber()), "fingerprint",
                        AnchorBundle.fingerprint(checked.certificate()))));
        return AnchorViews.of(stored);
    }

    private StoredAnchor crossCertifiable(long id) {
        StoredAnchor anchor = TrustAnchorsBean.find(anchors, id);
        if (!anchor.active()) {
            throw new TrustChainException(ErrorKind.CONFLICT, "trust anchor " + id + " is inactive");
        }
        if (!anchor.purposes().contains(TrustAnchorRepository.CROSS_CERTIFICATION)) {
            throw TrustChainException.policy("trust anchor " + id + " was imported for " + anchor.purposes() + ", not for '"
                    + TrustAnchorRepository.CROSS_CERTIFICATION + "'; import it again with that purpose");
        }
        return anchor;
    }

    private IssuingAuthority activeRoot() {
        return registry.activeRoot().orElseThrow(() -> TrustChainException.internal("the hierarchy has no active root", null)).authority();
    }

    private static X509CertificateHolder holder(byte[] der) {
        try {
            return new X509CertificateHolder(der);
        } catch (IOException e) {
            throw TrustChainException.internal("a stored trust anchor root does not parse", e);
        }
    }

    private static byte[] encoded(X509CertificateHolder c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the cross certificate", e);
        }
    }
}

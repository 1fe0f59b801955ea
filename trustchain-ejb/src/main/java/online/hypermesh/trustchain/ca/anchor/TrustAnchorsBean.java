package online.hypermesh.trustchain.ca.anchor;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.bridge.trust.AnchorBundle;
import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.TrustAnchors;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository;
import online.hypermesh.trustchain.ca.domain.TrustAnchorRepository.StoredAnchor;
import online.hypermesh.trustchain.ca.domain.TrustAnchorsChanged;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Imports, lists and deactivates trust anchors. An import is validated ({@link AnchorBundle}),
 * stored and audited ({@code trust_anchor.imported}) in one transaction; a deactivation likewise
 * ({@code trust_anchor.deactivated}). After commit this node's CT log (purpose {@code ct}) and its
 * mutual-TLS trust store (purpose {@code client-auth}) follow ({@link TrustAnchorsChanged}); the
 * other nodes within their reload periods.
 */
@Stateless
public class TrustAnchorsBean implements TrustAnchors {
    private static final int MAX_NAME = 128;

    @Inject
    TrustAnchorRepository anchors;

    @Inject
    AuditTrail audit;

    @Inject
    Event<TrustAnchorsChanged> changed;

    @Override
    public TrustAnchorView importAnchor(String name, String pemBundle, List<String> purposes, Caller caller) {
        requireAdmin(caller, "import trust anchors");
        List<String> wanted = purposes(purposes);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AnchorBundle bundle = AnchorBundle.parse(pemBundle, now);
        String anchorName = name(name, bundle);
        List<byte[]> ders = new ArrayList<>();
        for (X509Certificate c : bundle.all()) {
            ders.add(der(c));
        }
        StoredAnchor stored = anchors.add(anchorName, ders, wanted, now, caller.name());
        String fingerprint = AnchorBundle.fingerprint(bundle.root());
        audit.record(new AuditEvent(caller.name(), "trust_anchor.imported", "trust_anchor", Long.toString(stored.id()),
                Map.of("name", anchorName, "subject", bundle.root().getSubjectX500Principal().getName(), "fingerprint", fingerprint,
                        "purposes", String.join(",", wanted), "certificates", Integer.toString(ders.size()))));
        changed.fire(new TrustAnchorsChanged(stored.id(), wanted));
        return AnchorViews.of(stored, List.of());
    }

    @Override
    public List<TrustAnchorView> list(Caller caller) {
        requireReader(caller);
        return anchors.list().stream().map(a -> AnchorViews.of(a, anchors.crossCertificates(a.id()))).toList();
    }

    @Override
    public TrustAnchorView get(long id, Caller caller) {
        requireReader(caller);
        StoredAnchor a = find(anchors, id);
        return AnchorViews.of(a, anchors.crossCertificates(id));
    }

    @Override
    public TrustAnchorView deactivate(long id, Caller caller) {
        requireAdmin(caller, "deactivate trust anchors");
        StoredAnchor a = find(anchors, id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (anchors.deactivate(id, now, caller.name())) {
            audit.record(new AuditEvent(caller.name(), "trust_anchor.deactivated", "trust_anchor", Long.toString(id),
                    Map.of("name", a.name(), "subject", AnchorViews.parse(a.root()).getSubjectX500Principal().getName(),
                            "purposes", String.join(",", a.purposes()))));
            changed.fire(new TrustAnchorsChanged(id, a.purposes()));
        }
        return get(id, caller);
    }

    static StoredAnchor find(TrustAnchorRepository anchors, long id) {
        return anchors.find(id).orElseThrow(() -> TrustChainException.notFound("there is no trust anchor " + id
                + "; GET /api/v1/trust-anchors lists them"));
    }

    private static List<String> purposes(List<String> purposes) {
        if (purposes == null || purposes.isEmpty()) {
            throw TrustChainException.malformed("say what the anchor is for (the JSON field 'purposes', or ?purposes= with a PEM body):"
                    + " one or more of " + TrustAnchorRepository.PURPOSES);
        }
        List<String> out = new ArrayList<>();
        for (String p : purposes) {
            if (!TrustAnchorRepository.PURPOSES.contains(p)) {
                throw TrustChainException.malformed("purpose '" + p + "' is not one of " + TrustAnchorRepository.PURPOSES);
            }
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private static String name(String name, AnchorBundle bundle) {
        String n = name == null || name.isBlank() ? bundle.root().getSubjectX500Principal().getName() : name.strip();
        if (n.length() > MAX_NAME) {
            throw TrustChainException.malformed("field 'name' is longer than " + MAX_NAME + " characters");
        }
        return n;
    }

    private static byte[] der(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (CertificateEncodingException e) {
            throw TrustChainException.internal("cannot encode a trust anchor certificate", e);
        }
    }

    static void requireAdmin(Caller caller, String what) {
        requireCaller(caller);
        if (!caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "only an administrator may " + what);
        }
    }

    private static void requireReader(Caller caller) {
        requireCaller(caller);
        if (!caller.has(Caller.Role.ADMIN) && !caller.has(Caller.Role.AUDITOR)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "reading trust anchors needs the admin or auditor role");
        }
    }

    private static void requireCaller(Caller caller) {
        if (caller == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>'");
        }
    }
}

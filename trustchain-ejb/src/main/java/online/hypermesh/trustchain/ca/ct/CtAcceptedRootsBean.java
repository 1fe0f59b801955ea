package online.hypermesh.trustchain.ca.ct;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import online.hypermesh.trustchain.ca.api.Caller;
import online.hypermesh.trustchain.ca.api.CtAcceptedRoots;
import online.hypermesh.trustchain.ca.application.AuthorityRegistry;
import online.hypermesh.trustchain.ca.domain.AuditEvent;
import online.hypermesh.trustchain.ca.domain.AuditTrail;
import online.hypermesh.trustchain.core.error.ErrorKind;
import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;

/**
 * Lists and adds the CT log's accepted roots. An addition is validated ({@link OperatorRoot}),
 * inserted into ct_accepted_root (source 'operator') and audited in one transaction; the log
 * follows after commit ({@link AcceptedRootsCache}). Idempotent: the fingerprint is the key, and
 * a root already there (TrustChain's own included) is reported, not inserted or audited again.
 */
@Stateless
public class CtAcceptedRootsBean implements CtAcceptedRoots {
    static final String TRUSTCHAIN = "trustchain";
    static final String OPERATOR = "operator";
    /** A root of an active trust anchor imported with purpose 'ct' (POST /api/v1/trust-anchors). */
    static final String TRUST_ANCHOR = "trust-anchor";

    @Resource(lookup = "java:jboss/datasources/TrustChainDS")
    DataSource dataSource;

    @Inject
    AuditTrail audit;

    @EJB
    AuthorityRegistry registry;

    @Inject
    Event<CtAcceptedRootAdded> added;

    @Override
    public List<RootView> list(Caller caller) {
        requireCaller(caller);
        RootView own = trustChainRoot();
        List<RootView> views = new ArrayList<>();
        views.add(own);
        for (RootView stored : storedRoots(null)) {
            if (!stored.fingerprint().equals(own.fingerprint())) {
                views.add(stored);
            }
        }
        for (byte[] der : AcceptedRootsLoader.trustAnchorRoots(dataSource)) {
            RootView anchor = view(der, TRUST_ANCHOR, null);
            if (views.stream().noneMatch(v -> v.fingerprint().equals(anchor.fingerprint()))) {
                views.add(anchor);
            }
        }
        return views;
    }

    @Override
    public Addition add(byte[] certificate, Caller caller) {
        requireCaller(caller);
        if (!caller.has(Caller.Role.ADMIN)) {
            throw new TrustChainException(ErrorKind.FORBIDDEN, "adding a root to the CT log needs an admin token");
        }
        OperatorRoot root = OperatorRoot.parse(certificate);
        RootView own = trustChainRoot();
        if (own.fingerprint().equals(root.fingerprintHex())) {
            return new Addition(own, false);
        }
        boolean inserted;
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ct_accepted_root (fingerprint, certificate, source) VALUES (?, ?, ?)"
                     + " ON CONFLICT (fingerprint) DO NOTHING")) {
            ps.setBytes(1, root.fingerprint());
            ps.setBytes(2, root.der());
            ps.setString(3, OPERATOR);
            inserted = ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot store the accepted root " + root.fingerprintHex(), e);
        }
        if (inserted) {
            audit.record(new AuditEvent(caller.name(), "ct.root.added", "ct_accepted_root", root.fingerprintHex(),
                    Map.of("subject", root.subject(), "not_after", root.certificate().getNotAfter().toInstant().toString())));
            added.fire(new CtAcceptedRootAdded(root.fingerprintHex()));
        }
        RootView stored = storedRoots(root.fingerprint()).stream().findFirst()
                .orElseThrow(() -> TrustChainException.internal("the accepted root " + root.fingerprintHex() + " vanished", null));
        return new Addition(stored, inserted);
    }

    private RootView trustChainRoot() {
        try {
            byte[] der = registry.activeRoot().orElseThrow(() -> TrustChainException.internal("no active root", null))
                    .authority().certificate().getEncoded();
            return view(der, TRUSTCHAIN, null);
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the TrustChain root", e);
        }
    }

    /** Stored roots, oldest first; only the one with {@code fingerprint} when it is not null. */
    private List<RootView> storedRoots(byte[] fingerprint) {
        String sql = "SELECT certificate, source, added_at FROM ct_accepted_root"
                + (fingerprint == null ? "" : " WHERE fingerprint = ?") + " ORDER BY added_at, fingerprint";
        List<RootView> views = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (fingerprint != null) {
                ps.setBytes(1, fingerprint);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp addedAt = rs.getTimestamp(3);
                    views.add(view(rs.getBytes(1), rs.getString(2), Optional.ofNullable(addedAt).map(Timestamp::toInstant).orElse(null)));
                }
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the CT log's accepted roots", e);
        }
        return views;
    }

    private static RootView view(byte[] der, String source, Instant addedAt) {
        X509Certificate c;
        try {
            c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw TrustChainException.internal("an accepted CT root is not a certificate", e);
        }
        return new RootView(HexFormat.of().formatHex(CertificateHashes.sha256(der)), c.getSubjectX500Principal().getName(), source,
                c.getNotAfter().toInstant(), addedAt);
    }

    private static void requireCaller(Caller caller) {
        if (caller == null) {
            throw new TrustChainException(ErrorKind.UNAUTHORIZED, "send 'Authorization: Bearer <token>'");
        }
    }
}

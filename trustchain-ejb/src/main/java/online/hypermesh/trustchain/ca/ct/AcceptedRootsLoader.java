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
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The roots the log accepts: TrustChain's own roots (the active one and any a rollover retired,
 * whose intermediates may still sign for a while), plus every row an operator put in
 * {@code ct_accepted_root} (source 'operator'; DER certificate, SHA-256 fingerprint), plus the roots of the
 * active trust anchors imported with purpose 'ct'.
 */
final class AcceptedRootsLoader {

    private AcceptedRootsLoader() {
    }

    static List<X509Certificate> load(List<X509CertificateHolder> trustChainRoots, DataSource dataSource) {
        List<X509Certificate> roots = new ArrayList<>();
        for (X509CertificateHolder root : trustChainRoots) {
            roots.add(x509(root));
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT certificate FROM ct_accepted_root ORDER BY added_at");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                roots.add(parse(rs.getBytes(1)));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the CT log's accepted roots", e);
        }
        for (byte[] der : trustAnchorRoots(dataSource)) {
            X509Certificate root = parse(der);
            if (!roots.contains(root)) {
                roots.add(root);
            }
        }
        return roots;
    }

    /**
     * The roots of the active trust anchors imported with purpose 'ct' (V30). Read here rather than
     * through the anchors' repository because the loader runs outside any transaction on the
     * periodic reload, like the query above.
     */
    static List<byte[]> trustAnchorRoots(DataSource dataSource) {
        List<byte[]> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tc.certificate FROM trust_anchor a JOIN trust_anchor_certificate tc"
                     + " ON tc.anchor_id = a.id AND tc.position = 0 WHERE a.deactivated_at IS NULL AND 'ct' = ANY (a.purposes) ORDER BY a.id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getBytes(1));
            }
        } catch (SQLException e) {
            throw TrustChainException.internal("cannot read the trust anchors the CT log accepts", e);
        }
        return out;
    }

    static X509Certificate x509(X509CertificateHolder certificate) {
        try {
            return parse(certificate.getEncoded());
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode the TrustChain root", e);
        }
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw TrustChainException.internal("an accepted CT root in ct_accepted_root is not a certificate", e);
        }
    }
}

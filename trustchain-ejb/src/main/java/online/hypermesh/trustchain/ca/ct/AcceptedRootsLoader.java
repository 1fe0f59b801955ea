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
 * {@code ct_accepted_root} (source 'operator'; DER certificate, SHA-256 fingerprint).
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
        return roots;
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

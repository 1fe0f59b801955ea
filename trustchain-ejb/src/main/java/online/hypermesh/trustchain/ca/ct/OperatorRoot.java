package online.hypermesh.trustchain.ca.ct;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;
import online.hypermesh.trustchain.ct.submit.CertificateHashes;

/**
 * A root certificate an operator asks the CT log to accept, checked before it is stored: exactly
 * one X.509 certificate (PEM or DER), a CA certificate (basicConstraints cA true, and keyCertSign
 * if it has a key usage), and self-signed (issuer equals subject and the signature verifies with
 * its own key). Each refusal is MALFORMED_REQUEST (not a certificate) or POLICY_VIOLATION (not a
 * root), both HTTP 400, with a detail that names the problem.
 *
 * @param certificate the parsed certificate
 * @param der         its exact DER, as stored in ct_accepted_root and served by get-roots
 * @param fingerprint SHA-256 of {@code der}, the table's key
 */
public record OperatorRoot(X509Certificate certificate, byte[] der, byte[] fingerprint) {
    private static final int KEY_CERT_SIGN = 5;

    /** Parses and checks {@code body}: one PEM CERTIFICATE block, or exactly one DER certificate. */
    public static OperatorRoot parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw TrustChainException.malformed("the body is empty; send the root certificate as PEM or DER");
        }
        byte[] der = body;
        if (Pem.looksLikePem(body)) {
            List<byte[]> blocks = Pem.decodeCertificates(new String(body, StandardCharsets.US_ASCII));
            if (blocks.size() != 1) {
                throw TrustChainException.malformed("the PEM body holds " + blocks.size()
                        + " CERTIFICATE blocks; send exactly one root certificate");
            }
            der = blocks.get(0);
        }
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(certificate.getEncoded(), der)) {
                throw new CertificateException("trailing or non-DER data");
            }
        } catch (CertificateException | RuntimeException e) {
            throw TrustChainException.malformed("the body is not one X.509 certificate in PEM or DER: " + e.getMessage());
        }
        return check(certificate, der);
    }

    private static OperatorRoot check(X509Certificate c, byte[] der) {
        String subject = c.getSubjectX500Principal().getName();
        if (c.getBasicConstraints() < 0) {
            throw TrustChainException.policy("the certificate '" + subject
                    + "' is not a CA certificate: it lacks basicConstraints with cA true; only CA roots can be accepted");
        }
        boolean[] keyUsage = c.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            throw TrustChainException.policy("the certificate '" + subject
                    + "' has a key usage without keyCertSign, so it cannot sign certificates");
        }
        if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
            throw TrustChainException.policy("the certificate '" + subject + "' is not self-signed: it was issued by '"
                    + c.getIssuerX500Principal().getName() + "'; send the root at the top of the chain");
        }
        try {
            c.verify(c.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TrustChainException.policy("the certificate '" + subject
                    + "' names itself as issuer but its signature does not verify with its own key");
        }
        return new OperatorRoot(c, der.clone(), CertificateHashes.sha256(der));
    }

    /** Lower-case hex SHA-256 of the DER. */
    public String fingerprintHex() {
        return HexFormat.of().formatHex(fingerprint);
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }
}

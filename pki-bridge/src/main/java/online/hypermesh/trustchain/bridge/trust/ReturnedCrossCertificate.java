package online.hypermesh.trustchain.bridge.trust;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * The cross certificate an enterprise CA returns for TrustChain's root, checked before it is
 * stored: one certificate whose public key is our root's and whose subject is our root's (so our
 * intermediates' issuer names chain through it), a CA certificate valid now, and signed by the
 * enterprise's root or one of its imported intermediates (signature verified). Each refusal is
 * POLICY_VIOLATION (or MALFORMED_REQUEST for a body that is no certificate) naming the problem.
 *
 * @param certificate the checked certificate
 * @param path        the enterprise certificates from its issuer up to their root
 */
public record ReturnedCrossCertificate(X509Certificate certificate, List<X509Certificate> path) {

    public static ReturnedCrossCertificate check(byte[] body, X509CertificateHolder ourRoot, AnchorBundle theirs, Instant now) {
        X509Certificate c = AnchorBundle.parseOne(body);
        String subject = AnchorBundle.subject(c);
        try {
            if (!Arrays.equals(c.getPublicKey().getEncoded(), ourRoot.getSubjectPublicKeyInfo().getEncoded())) {
                throw TrustChainException.policy("the certificate '" + subject + "' certifies another key than this CA's root key;"
                        + " have the enterprise CA sign the request from POST /api/v1/cross-certificate-request");
            }
            if (!Arrays.equals(c.getSubjectX500Principal().getEncoded(), ourRoot.getSubject().getEncoded())) {
                throw TrustChainException.policy("the certificate's subject '" + subject + "' is not this CA's root's subject '"
                        + ourRoot.getSubject() + "'; relying parties could not chain TrustChain's intermediates through it");
            }
        } catch (IOException e) {
            throw TrustChainException.internal("cannot encode this CA's root", e);
        }
        AnchorBundle.requireCa(c);
        AnchorBundle.requireValidAt(c, now);
        List<X509Certificate> path = theirs.pathToRoot(c).orElseThrow(() -> TrustChainException.policy("the certificate '" + subject
                + "' (issuer '" + c.getIssuerX500Principal().getName() + "') was not signed by the trust anchor's root '"
                + AnchorBundle.subject(theirs.root()) + "' or one of its intermediates"));
        return new ReturnedCrossCertificate(c, path);
    }

    public byte[] der() {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw TrustChainException.internal("cannot encode the cross certificate", e);
        }
    }
}

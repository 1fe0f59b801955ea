package online.hypermesh.trustchain.witness.verifier;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import online.hypermesh.trustchain.witness.Verifiers;

/**
 * Delegated OCSP responders (RFC 6960 4.2.2.2: a certificate the leaf's issuer issued with
 * id-kp-OCSPSigning) whose issuer signature this verifier has already checked. The JDK's checker
 * verifies the responder certificate embedded in every response again (a fresh object each time,
 * so nothing is cached): with a P-384 issuer that is about 4 ms of SunEC per validation, a fifth of
 * its CPU, for a certificate the responder signs with for weeks. So the verifier checks the
 * embedded certificate here as the JDK's checker would (issued by the leaf's issuer, that issuer's
 * signature, id-kp-OCSPSigning, valid now, a signature algorithm from a short list), remembers that
 * the signature verified, and hands the certificate to the checker as its trusted responder
 * ({@code PKIXRevocationChecker.setOcspResponderCert}); the checker still verifies the response's
 * own signature with it, the responder ID, the CertID, the nonce, the times and the status. A
 * certificate that fails any of this is not handed over, and the checker judges it as before.
 *
 * <p>What is remembered is only that a signature over exact bytes verified with an issuer's exact
 * certificate: a fact that cannot go stale, so nothing here needs an expiry. The name, key usage
 * and validity are checked on every response. At most {@link #MAX_REMEMBERED} are kept (a
 * deployment has a few responders per issuer); past it the set starts again.
 */
final class OcspResponders {
    static final int MAX_REMEMBERED = 256;
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    /** id-pkix-ocsp-basic, 1.3.6.1.5.5.7.48.1.1, as DER. */
    private static final byte[] BASIC = {0x06, 0x09, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01, 0x01};
    /** ECDSA and RSA PKCS#1 v1.5 with SHA-2, and Ed25519: none of them in the JDK's disabled algorithms. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            "1.2.840.10045.4.3.2", "SHA256withECDSA", "1.2.840.10045.4.3.3", "SHA384withECDSA", "1.2.840.10045.4.3.4", "SHA512withECDSA",
            "1.2.840.113549.1.1.11", "SHA256withRSA", "1.2.840.113549.1.1.12", "SHA384withRSA", "1.2.840.113549.1.1.13", "SHA512withRSA",
            "1.3.101.112", "Ed25519");

    /** "sha256(responder DER):sha256(issuer DER)" of responder certificates whose issuer signature verified. */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    /**
     * The certificate embedded in this OCSP response that is an authorized responder of {@code issuer}
     * at {@code now}, if there is one.
     */
    Optional<X509Certificate> authorized(byte[] response, X509Certificate issuer, Instant now) {
        try {
            for (X509Certificate c : embedded(response)) {
                if (authorizedNow(c, issuer, now) && signedBy(c, issuer)) {
                    return Optional.of(c);
                }
            }
        } catch (IllegalArgumentException | CertificateException e) {
            // Not a response this can read: the JDK's checker reads and judges it alone.
        }
        return Optional.empty();
    }

    private static boolean authorizedNow(X509Certificate c, X509Certificate issuer, Instant now) throws CertificateException {
        List<String> eku = c.getExtendedKeyUsage();
        return c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) && eku != null && eku.contains(OCSP_SIGNING)
                && !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant())
                && ALGORITHMS.containsKey(c.getSigAlgOID());
    }

    private boolean signedBy(X509Certificate c, X509Certificate issuer) {
        try {
            String key = sha256(c.getEncoded()) + ":" + sha256(issuer.getEncoded());
            if (verified.contains(key)) {
                return true;
            }
            Signature s = Verifiers.signature(ALGORITHMS.get(c.getSigAlgOID()));
            s.initVerify(issuer.getPublicKey());
            s.update(c.getTBSCertificate());
            if (!s.verify(c.getSignature())) {
                return false;
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.add(key);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** How many verified responder certificates are remembered (for tests). */
    int remembered() {
        return verified.size();
    }

    /**
     * The certificates of a successful basic response: OCSPResponse ::= SEQUENCE { responseStatus,
     * [0] EXPLICIT ResponseBytes { responseType, response OCTET STRING } }, the octets a
     * BasicOCSPResponse ::= SEQUENCE { tbsResponseData, signatureAlgorithm, signature, [0] EXPLICIT
     * SEQUENCE OF Certificate OPTIONAL } (RFC 6960 4.2.1).
     */
    private static List<X509Certificate> embedded(byte[] der) throws CertificateException {
        List<Der.Tlv> top = Der.children(sequence(der));
        if (top.size() != 2 || top.get(1).tag() != 0xa0) {
            return List.of();
        }
        List<Der.Tlv> bytes = Der.children(Der.read(der, top.get(1).contentStart(), top.get(1).end()));
        if (bytes.size() != 2 || !Arrays.equals(bytes.get(0).encoded(), BASIC) || bytes.get(1).tag() != 0x04) {
            return List.of();
        }
        byte[] basic = Arrays.copyOfRange(der, bytes.get(1).contentStart(), bytes.get(1).end());
        List<Der.Tlv> fields = Der.children(sequence(basic));
        if (fields.size() != 4 || fields.get(3).tag() != 0xa0) {
            return List.of();
        }
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (Der.Tlv cert : Der.children(Der.read(basic, fields.get(3).contentStart(), fields.get(3).end()))) {
            out.add((X509Certificate) f.generateCertificate(new ByteArrayInputStream(cert.encoded())));
        }
        return out;
    }

    private static Der.Tlv sequence(byte[] der) {
        Der.Tlv t = Der.read(der, 0, der.length);
        if (t.tag() != 0x30 || t.end() != der.length) {
            throw new IllegalArgumentException("expected one DER SEQUENCE");
        }
        return t;
    }

    private static String sha256(byte[] b) throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    }
}

package online.hypermesh.trustchain.ca.signer;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import online.hypermesh.trustchain.core.crypto.CryptoToken;
import online.hypermesh.trustchain.core.revocation.OcspResponderCredential;
import online.hypermesh.trustchain.core.x509.BouncyCastle;

/**
 * Decides which responder credentials the signer will sign OCSP answers with: only a key that
 * this token holds under an {@value #ALIAS_PREFIX} alias, certified for OCSP signing (and not as a
 * CA) by an authority whose own key is in this token. So a caller cannot make the signer answer
 * OCSP with a CA key, the CT log key, or a responder of another issuer. A credential is checked
 * once (signature verification) and remembered by its key alias and certificate hash.
 */
final class ResponderCredentials {
    /** Every responder key alias starts with this; no CA or CT key does. */
    static final String ALIAS_PREFIX = "ocsp-";
    private static final Logger LOG = Logger.getLogger(ResponderCredentials.class.getName());

    private final CryptoToken token;
    private final Map<String, Boolean> checked = new ConcurrentHashMap<>();

    ResponderCredentials(CryptoToken token) {
        this.token = token;
    }

    /** The credentials among {@code offered} that pass; the others are logged once and left out. */
    List<OcspResponderCredential> registered(List<OcspResponderCredential> offered) {
        return offered.stream().filter(this::isRegistered).toList();
    }

    private boolean isRegistered(OcspResponderCredential credential) {
        String key = credential.keyAlias() + "/" + HexFormat.of().formatHex(sha256(der(credential.certificate())));
        return checked.computeIfAbsent(key, k -> {
            String problem = problem(credential);
            if (problem != null) {
                LOG.severe(() -> "refusing to answer OCSP with responder " + credential.keyAlias() + " for " + credential.authority().id() + ": " + problem);
            }
            return problem == null;
        });
    }

    /** What is wrong with {@code c}, or null. */
    private String problem(OcspResponderCredential c) {
        if (!c.keyAlias().startsWith(ALIAS_PREFIX)) {
            return "its key alias is not a responder alias";
        }
        X509CertificateHolder certificate = c.certificate();
        X509CertificateHolder authority = c.authority().certificate();
        try {
            if (!token.hasKey(c.keyAlias()) || !Arrays.equals(token.publicKey(c.keyAlias()).getEncoded(), certificate.getSubjectPublicKeyInfo().getEncoded())) {
                return "the token holds no such key, or another one under its alias";
            }
            if (!token.hasKey(c.authority().keyAlias())
                    || !Arrays.equals(token.publicKey(c.authority().keyAlias()).getEncoded(), authority.getSubjectPublicKeyInfo().getEncoded())) {
                return "its authority is not a CA of this token";
            }
            if (!certificate.getIssuer().equals(authority.getSubject())
                    || !certificate.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER).build(authority))) {
                return "its certificate was not issued by the authority it answers for";
            }
        } catch (Exception e) {
            return "it cannot be checked: " + e.getMessage();
        }
        ExtendedKeyUsage eku = ExtendedKeyUsage.fromExtensions(certificate.getExtensions());
        BasicConstraints bc = BasicConstraints.fromExtensions(certificate.getExtensions());
        if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning) || (bc != null && bc.isCA())) {
            return "its certificate is not an OCSP signing certificate";
        }
        return null;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a mandatory JCA algorithm", e);
        }
    }

    private static byte[] der(X509CertificateHolder certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a parsed certificate always encodes", e);
        }
    }
}

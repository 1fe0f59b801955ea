package online.hypermesh.trustchain.bridge.trust;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.Pem;

/**
 * An enterprise CA's certificates as an operator imports them: exactly one root and any number of
 * intermediates under it, checked before anything is stored. The root is self-signed and its
 * signature verifies with its own key; every intermediate chains to the root through the bundle
 * (each signature verified); every certificate is a CA certificate (basicConstraints cA true, and
 * keyCertSign where it has a key usage) and valid now. A refusal is MALFORMED_REQUEST (not PEM
 * certificates) or POLICY_VIOLATION (not a usable CA chain), with a detail naming the certificate.
 *
 * @param root          the self-signed root
 * @param intermediates the others, in the order given
 */
public record AnchorBundle(X509Certificate root, List<X509Certificate> intermediates) {
    /** More is not a CA hierarchy but a certificate dump. */
    public static final int MAX_CERTIFICATES = 16;
    private static final int KEY_CERT_SIGN = 5;

    public AnchorBundle {
        intermediates = List.copyOf(intermediates);
    }

    /** Parses and checks a PEM bundle at {@code now}. */
    public static AnchorBundle parse(String pem, Instant now) {
        if (pem == null || pem.isBlank()) {
            throw TrustChainException.malformed("the bundle is empty; send the enterprise CA's root and intermediates as PEM CERTIFICATE blocks");
        }
        List<byte[]> blocks;
        try {
            blocks = Pem.decodeCertificates(pem);
        } catch (RuntimeException e) {
            throw TrustChainException.malformed("the bundle is not PEM: " + e.getMessage());
        }
        if (blocks.isEmpty()) {
            throw TrustChainException.malformed("the bundle holds no PEM CERTIFICATE block; send the root and its intermediates");
        }
        if (blocks.size() > MAX_CERTIFICATES) {
            throw TrustChainException.malformed("the bundle holds " + blocks.size() + " certificates; at most " + MAX_CERTIFICATES);
        }
        List<X509Certificate> all = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (byte[] der : blocks) {
            X509Certificate c = parseDer(der);
            if (!seen.add(fingerprint(c))) {
                throw TrustChainException.malformed("the certificate '" + subject(c) + "' is in the bundle twice");
            }
            all.add(c);
        }
        for (X509Certificate c : all) {
            requireCa(c);
            requireValidAt(c, now);
        }
        List<X509Certificate> roots = all.stream().filter(AnchorBundle::isSelfIssued).toList();
        if (roots.size() != 1) {
            throw TrustChainException.policy("the bundle holds " + roots.size() + " self-signed roots; send exactly one root and the"
                    + " intermediates below it");
        }
        X509Certificate root = roots.get(0);
        try {
            root.verify(root.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TrustChainException.policy("the root '" + subject(root) + "' names itself as issuer but its signature does not verify"
                    + " with its own key");
        }
        List<X509Certificate> intermediates = all.stream().filter(c -> c != root).toList();
        AnchorBundle bundle = new AnchorBundle(root, intermediates);
        for (X509Certificate intermediate : intermediates) {
            if (bundle.pathToRoot(intermediate).isEmpty()) {
                throw TrustChainException.policy("the intermediate '" + subject(intermediate) + "' (issuer '"
                        + intermediate.getIssuerX500Principal().getName() + "') does not chain to the root '" + subject(root)
                        + "' through the bundle: no certificate in it with that subject verifies its signature");
            }
        }
        return bundle;
    }

    /** Root first, then the intermediates. */
    public List<X509Certificate> all() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(root);
        out.addAll(intermediates);
        return out;
    }

    /**
     * The bundle's certificates from {@code certificate}'s issuer up to the root, if
     * {@code certificate} was signed by one of them and that one chains to the root (each
     * signature verified); empty otherwise. {@code certificate} may be from outside the bundle.
     */
    public Optional<List<X509Certificate>> pathToRoot(X509Certificate certificate) {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = certificate;
        for (int depth = 0; depth <= intermediates.size() + 1; depth++) {
            Optional<X509Certificate> issuer = issuerOf(current);
            if (issuer.isEmpty()) {
                return Optional.empty();
            }
            path.add(issuer.get());
            if (issuer.get() == root) {
                return Optional.of(path);
            }
            current = issuer.get();
        }
        return Optional.empty();
    }

    private Optional<X509Certificate> issuerOf(X509Certificate c) {
        for (X509Certificate candidate : all()) {
            if (candidate == c || !candidate.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                continue;
            }
            try {
                c.verify(candidate.getPublicKey());
                return Optional.of(candidate);
            } catch (GeneralSecurityException | RuntimeException e) {
                // another certificate of that name may hold the key
            }
        }
        return Optional.empty();
    }

    static X509Certificate parseDer(byte[] der) {
        try {
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(c.getEncoded(), der)) {
                throw new CertificateException("trailing or non-DER data");
            }
            return c;
        } catch (CertificateException | RuntimeException e) {
            throw TrustChainException.malformed("a CERTIFICATE block is not an X.509 certificate: " + e.getMessage());
        }
    }

    /** One certificate, PEM (exactly one CERTIFICATE block) or DER. */
    public static X509Certificate parseOne(byte[] body) {
        if (body == null || body.length == 0) {
            throw TrustChainException.malformed("the body is empty; send one certificate as PEM or DER");
        }
        if (Pem.looksLikePem(body)) {
            List<byte[]> blocks = Pem.decodeCertificates(new String(body, StandardCharsets.US_ASCII));
            if (blocks.size() != 1) {
                throw TrustChainException.malformed("the body holds " + blocks.size() + " CERTIFICATE blocks; send exactly one");
            }
            return parseDer(blocks.get(0));
        }
        return parseDer(body);
    }

    static void requireCa(X509Certificate c) {
        if (c.getBasicConstraints() < 0) {
            throw TrustChainException.policy("the certificate '" + subject(c)
                    + "' is not a CA certificate: it lacks basicConstraints with cA true; a trust anchor holds CA certificates only");
        }
        boolean[] keyUsage = c.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            throw TrustChainException.policy("the certificate '" + subject(c) + "' has a key usage without keyCertSign, so it cannot sign"
                    + " certificates");
        }
    }

    static void requireValidAt(X509Certificate c, Instant now) {
        if (!now.isBefore(c.getNotAfter().toInstant())) {
            throw TrustChainException.policy("the certificate '" + subject(c) + "' expired at " + c.getNotAfter().toInstant());
        }
        if (now.isBefore(c.getNotBefore().toInstant())) {
            throw TrustChainException.policy("the certificate '" + subject(c) + "' is not valid before " + c.getNotBefore().toInstant());
        }
    }

    static boolean isSelfIssued(X509Certificate c) {
        return c.getIssuerX500Principal().equals(c.getSubjectX500Principal());
    }

    static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    /** Lower-case hex SHA-256 of the DER. */
    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateException e) {
            throw TrustChainException.internal("cannot hash a certificate", e);
        }
    }
}

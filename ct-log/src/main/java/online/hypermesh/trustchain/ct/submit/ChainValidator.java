package online.hypermesh.trustchain.ct.submit;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import online.hypermesh.trustchain.ct.entry.SignedEntry;

/**
 * Checks an add-chain or add-pre-chain submission (RFC 6962 sections 4.1 and 4.2) and derives its
 * log entry. The chain runs leaf first; each certificate must be signed by the next, and the last
 * must be an accepted root or be signed by one (then the root is appended, as extra_data ends at
 * the root). A precertificate must carry the critical poison extension and a certificate must not.
 * Precertificate Signing Certificates (RFC 6962 section 3.1, EKU 1.3.6.1.4.1.11129.2.4.4) are
 * refused: TrustChain's CA signs its precertificates with the issuing key itself.
 *
 * <p>Cost: signatures are checked with Bouncy Castle, whose ECDSA verification is about five
 * times faster than the JDK 17 SunEC provider's (P-256: ~4,000/s against ~750/s per core), and a
 * link between two CA certificates that verified once (exact DER of both) is remembered, since
 * almost every submission repeats the same intermediate-to-root link. Only the leaf's signature
 * is checked on every submission.
 *
 * <p>Thread-safe: the roots are immutable and the remembered links a concurrent set.
 */
public final class ChainValidator {
    /** Longest chain accepted; far beyond any real hierarchy, it bounds the work per request. */
    public static final int MAX_CHAIN = 10;
    private static final String PRECERT_SIGNING_EKU = "1.3.6.1.4.1.11129.2.4.4";

    /** How many verified CA-to-CA links are remembered; past it the set starts again (a bound, not an expected size). */
    static final int MAX_REMEMBERED_LINKS = 4096;
    private static final Provider VERIFIER = new BouncyCastleProvider();

    private final AcceptedRoots roots;
    /** "sha256(child DER):sha256(parent DER)" of CA links whose signature verified. */
    private final Set<String> verifiedLinks = ConcurrentHashMap.newKeySet();

    public ChainValidator(AcceptedRoots roots) {
        this.roots = roots;
    }

    public AcceptedRoots roots() {
        return roots;
    }

    /** An add-chain submission: an X.509 certificate without the poison extension. */
    public Submission validateCertificateChain(List<byte[]> chainDer) {
        List<X509Certificate> chain = parse(chainDer);
        if (hasPoison(chain.get(0))) {
            throw new RejectedSubmissionException("the first certificate carries the precertificate poison extension; submit it to add-pre-chain");
        }
        List<byte[]> issuers = verifiedIssuers(chain, chainDer, false);
        return new Submission(SignedEntry.x509(chainDer.get(0)), null, issuers);
    }

    /** An add-pre-chain submission: a precertificate with the critical poison extension. */
    public Submission validatePrecertificateChain(List<byte[]> chainDer) {
        return precertificateChain(chainDer, false);
    }

    /**
     * A precertificate the caller itself has just signed with the key of {@code chainDer.get(1)}
     * (the CA beside this log): checked like any other, except that the precertificate's own
     * signature is not verified again. That verification was a third of the CPU an issuance
     * costs, and it can only confirm what the caller's signer did a moment earlier; the links
     * above it are still checked (once each, then remembered).
     */
    public Submission validateOwnPrecertificateChain(List<byte[]> chainDer) {
        return precertificateChain(chainDer, true);
    }

    private Submission precertificateChain(List<byte[]> chainDer, boolean leafSignedByCaller) {
        List<X509Certificate> chain = parse(chainDer);
        if (leafSignedByCaller && chain.size() < 2) {
            throw new RejectedSubmissionException("the CA's own precertificate must be followed by its issuer");
        }
        X509Certificate precert = chain.get(0);
        if (!hasPoison(precert)) {
            throw new RejectedSubmissionException("the first certificate is not a precertificate: it lacks the critical poison extension 1.3.6.1.4.1.11129.2.4.3");
        }
        if (chain.size() > 1 && isPrecertSigningCertificate(chain.get(1))) {
            throw new RejectedSubmissionException("precertificate signing certificates are not supported; sign the precertificate with the issuing CA's key");
        }
        List<byte[]> issuers = verifiedIssuers(chain, chainDer, leafSignedByCaller);
        byte[] issuerKeyHash = CertificateHashes.sha256(issuerOf(chain).getPublicKey().getEncoded());
        byte[] tbs = TbsCertificates.tbsWithout(chainDer.get(0), TbsCertificates.POISON);
        return new Submission(SignedEntry.precert(issuerKeyHash, tbs), chainDer.get(0).clone(), issuers);
    }

    private X509Certificate issuerOf(List<X509Certificate> chain) {
        if (chain.size() > 1) {
            return chain.get(1);
        }
        return acceptedSigner(chain.get(0)).orElseThrow();
    }

    private List<X509Certificate> parse(List<byte[]> chainDer) {
        if (chainDer == null || chainDer.isEmpty()) {
            throw new RejectedSubmissionException("the chain is empty; send the leaf first, then its issuers");
        }
        if (chainDer.size() > MAX_CHAIN) {
            throw new RejectedSubmissionException("the chain has " + chainDer.size() + " certificates; at most " + MAX_CHAIN + " are accepted");
        }
        List<X509Certificate> out = new ArrayList<>(chainDer.size());
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (int i = 0; i < chainDer.size(); i++) {
                byte[] der = chainDer.get(i);
                X509Certificate cert;
                try {
                    cert = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
                    // The factory also accepts PEM and trailing data; the log stores and hashes exact DER.
                    if (!Arrays.equals(cert.getEncoded(), der)) {
                        throw new CertificateException("not exactly one DER certificate");
                    }
                } catch (CertificateException | RuntimeException e) {
                    throw new RejectedSubmissionException("chain[" + i + "] is not a DER X.509 certificate: " + e.getMessage(), e);
                }
                out.add(cert);
            }
        } catch (CertificateException e) {
            throw new IllegalStateException("no X.509 certificate factory", e);
        }
        return out;
    }

    /** The chain after the leaf, checked link by link, ending with the accepted root. */
    private List<byte[]> verifiedIssuers(List<X509Certificate> chain, List<byte[]> chainDer, boolean leafSignedByCaller) {
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())
                    || !(i == 0 ? leafSignedByCaller || signedBy(child, parent) : caLinkVerifies(chainDer.get(i), child, chainDer.get(i + 1), parent))) {
                throw new RejectedSubmissionException("chain[" + i + "] is not signed by chain[" + (i + 1) + "]; order the chain leaf first, each certificate followed by its issuer");
            }
            if (parent.getBasicConstraints() < 0 && !isRoot(parent)) {
                throw new RejectedSubmissionException("chain[" + (i + 1) + "] is not a CA certificate");
            }
        }
        List<byte[]> issuers = new ArrayList<>();
        for (int i = 1; i < chainDer.size(); i++) {
            issuers.add(chainDer.get(i).clone());
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (isRoot(last)) {
            return issuers;
        }
        byte[] lastDer = chainDer.get(chainDer.size() - 1);
        X509Certificate root = (chain.size() == 1 ? acceptedSigner(last) : acceptedCaSigner(lastDer, last)).orElseThrow(() -> new RejectedSubmissionException(
                "the chain does not lead to a root this log accepts (see get-roots)"));
        issuers.add(AcceptedRoots.der(root));
        return issuers;
    }

    private boolean isRoot(X509Certificate cert) {
        return roots.byFingerprint(CertificateHashes.sha256(AcceptedRoots.der(cert))).isPresent();
    }

    private Optional<X509Certificate> acceptedSigner(X509Certificate cert) {
        return roots.all().stream()
                .filter(r -> r.getSubjectX500Principal().equals(cert.getIssuerX500Principal()) && signedBy(cert, r))
                .findFirst();
    }

    /** The accepted root that signed a CA certificate, remembering the link once it verified. */
    private Optional<X509Certificate> acceptedCaSigner(byte[] der, X509Certificate cert) {
        return roots.all().stream()
                .filter(r -> r.getSubjectX500Principal().equals(cert.getIssuerX500Principal())
                        && caLinkVerifies(der, cert, AcceptedRoots.der(r), r))
                .findFirst();
    }

    private boolean caLinkVerifies(byte[] childDer, X509Certificate child, byte[] parentDer, X509Certificate parent) {
        HexFormat hex = HexFormat.of();
        String link = hex.formatHex(CertificateHashes.sha256(childDer)) + ":" + hex.formatHex(CertificateHashes.sha256(parentDer));
        if (verifiedLinks.contains(link)) {
            return true;
        }
        if (!signedBy(child, parent)) {
            return false;
        }
        if (verifiedLinks.size() >= MAX_REMEMBERED_LINKS) {
            verifiedLinks.clear();
        }
        verifiedLinks.add(link);
        return true;
    }

    private static boolean signedBy(X509Certificate child, X509Certificate parent) {
        try {
            child.verify(parent.getPublicKey(), VERIFIER);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean hasPoison(X509Certificate cert) {
        return cert.getCriticalExtensionOIDs() != null && cert.getCriticalExtensionOIDs().contains(TbsCertificates.POISON.getId());
    }

    private static boolean isPrecertSigningCertificate(X509Certificate cert) {
        try {
            List<String> eku = cert.getExtendedKeyUsage();
            return eku != null && eku.contains(PRECERT_SIGNING_EKU);
        } catch (CertificateException e) {
            return false;
        }
    }
}

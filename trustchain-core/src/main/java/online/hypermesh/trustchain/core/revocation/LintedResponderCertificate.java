package online.hypermesh.trustchain.core.revocation;

import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.asn1.x509.TBSCertificate;

import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Proof that a to-be-signed OCSP responder certificate passed {@link ResponderCertificateLinter}.
 * Needed because the x509 linter's proof type can only be made inside that package, and its leaf
 * rules (SAN, AIA, CRL DP, TLS EKUs) do not fit a responder certificate. Single use.
 */
public final class LintedResponderCertificate {
    private final TBSCertificate tbs;
    private final String caKeyAlias;
    private final SigningAlgorithm algorithm;
    private final AtomicBoolean used = new AtomicBoolean();

    LintedResponderCertificate(TBSCertificate tbs, String caKeyAlias, SigningAlgorithm algorithm) {
        this.tbs = tbs;
        this.caKeyAlias = caKeyAlias;
        this.algorithm = algorithm;
    }

    public TBSCertificate tbs() {
        return tbs;
    }

    String caKeyAlias() {
        return caKeyAlias;
    }

    SigningAlgorithm algorithm() {
        return algorithm;
    }

    void consume() {
        if (!used.compareAndSet(false, true)) {
            throw TrustChainException.internal("a linted responder certificate was submitted for signing twice", null);
        }
    }
}

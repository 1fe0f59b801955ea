package online.hypermesh.trustchain.core.x509;

import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.asn1.x509.TBSCertificate;

import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Proof that a to-be-signed certificate passed {@link CertificateLinter}: only the linter can
 * create one (package-private constructor), and {@link CertificateSigner} signs nothing else.
 * It is single-use, so a linted certificate cannot be signed twice (two certificates with one
 * serial would be a mis-issuance).
 */
public final class LintedCertificate {
    private final TBSCertificate tbs;
    private final String keyAlias;
    private final SigningAlgorithm algorithm;
    private final AtomicBoolean used = new AtomicBoolean();

    LintedCertificate(TBSCertificate tbs, String keyAlias, SigningAlgorithm algorithm) {
        this.tbs = tbs;
        this.keyAlias = keyAlias;
        this.algorithm = algorithm;
    }

    public TBSCertificate tbs() {
        return tbs;
    }

    String keyAlias() {
        return keyAlias;
    }

    SigningAlgorithm algorithm() {
        return algorithm;
    }

    void consume() {
        if (!used.compareAndSet(false, true)) {
            throw new TrustChainException(online.hypermesh.trustchain.core.error.ErrorKind.INTERNAL,
                    "a linted certificate was submitted for signing twice");
        }
    }
}

package online.hypermesh.trustchain.core.revocation;

import java.util.concurrent.atomic.AtomicBoolean;

import org.bouncycastle.asn1.x509.TBSCertList;

import online.hypermesh.trustchain.core.crypto.SigningAlgorithm;
import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * Proof that a to-be-signed CRL passed {@link CrlLinter}: only the linter creates one, and
 * {@link CrlSigner} signs nothing else. Single use, so one CRL number is never signed twice
 * with different contents by accident.
 */
public final class LintedCrl {
    private final TBSCertList tbs;
    private final String keyAlias;
    private final SigningAlgorithm algorithm;
    private final AtomicBoolean used = new AtomicBoolean();

    LintedCrl(TBSCertList tbs, String keyAlias, SigningAlgorithm algorithm) {
        this.tbs = tbs;
        this.keyAlias = keyAlias;
        this.algorithm = algorithm;
    }

    public TBSCertList tbs() {
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
            throw TrustChainException.internal("a linted CRL was submitted for signing twice", null);
        }
    }
}

package online.hypermesh.trustchain.witness.verifier;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TLSA matching (RFC 6698 2.1.1-2.1.3, with the usage semantics of RFC 7671 5): which certificate
 * a record's usage points at, what its selector takes from it and how its matching type compares.
 */
public final class Dane {
    public static final int PKIX_TA = 0;
    public static final int PKIX_EE = 1;
    public static final int DANE_TA = 2;
    public static final int DANE_EE = 3;

    private Dane() {
    }

    /** Usage 0-3, selector 0-1 and matching type 0-2: anything else is unusable (RFC 7671 4.1) and ignored. */
    public static boolean usable(TlsaRecord r) {
        return r.usage() >= 0 && r.usage() <= 3 && r.selector() >= 0 && r.selector() <= 1 && r.matchingType() >= 0 && r.matchingType() <= 2;
    }

    /**
     * The certificate association data of {@code c} for a selector (0 full certificate, 1
     * SubjectPublicKeyInfo) and matching type (0 exact, 1 SHA-256, 2 SHA-512).
     */
    public static byte[] associationData(X509Certificate c, int selector, int matchingType) throws GeneralSecurityException {
        byte[] selected = switch (selector) {
            case 0 -> c.getEncoded();
            case 1 -> c.getPublicKey().getEncoded();
            default -> throw new IllegalArgumentException("selector " + selector + " is not defined");
        };
        return switch (matchingType) {
            case 0 -> selected;
            case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
            case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
            default -> throw new IllegalArgumentException("matching type " + matchingType + " is not defined");
        };
    }

    /**
     * Whether a usable record matches the chain (leaf first, then its issuers up to the trust
     * anchor when known). EE usages (1, 3) match the leaf; TA usages (0, 2) a certificate above it.
     * The PKIX usages (0, 1) also need the chain to validate to a configured root.
     */
    public static boolean matches(TlsaRecord r, List<X509Certificate> chain, boolean pkixValid) throws GeneralSecurityException {
        if (!usable(r)) {
            return false;
        }
        if ((r.usage() == PKIX_TA || r.usage() == PKIX_EE) && !pkixValid) {
            return false;
        }
        List<X509Certificate> candidates = r.usage() == PKIX_EE || r.usage() == DANE_EE ? chain.subList(0, 1) : chain.subList(1, chain.size());
        for (X509Certificate c : candidates) {
            if (MessageDigest.isEqual(associationData(c, r.selector(), r.matchingType()), r.data())) {
                return true;
            }
        }
        return false;
    }
}

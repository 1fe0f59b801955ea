package online.hypermesh.trustchain.ca.est;

import java.util.Optional;

import online.hypermesh.trustchain.core.error.TrustChainException;
import online.hypermesh.trustchain.core.x509.CertificateProfile;

/**
 * RFC 7030 3.2.2 labels: {@code /.well-known/est/<label>/...} selects one of the CA's profiles by its
 * name ({@code server}, {@code client}, {@code service}); without a label, {@code server}, as for
 * REST issuance without a profile.
 */
final class EstLabels {
    private EstLabels() {
    }

    static CertificateProfile profile(String label) {
        if (label == null || label.isEmpty()) {
            return CertificateProfile.SERVER;
        }
        return find(label).orElseThrow(() -> TrustChainException.notFound("no EST label '" + label + "'; labels are the profiles "
                + java.util.Arrays.stream(CertificateProfile.values()).map(CertificateProfile::apiName).toList()
                + ", or none for 'server'"));
    }

    private static Optional<CertificateProfile> find(String label) {
        for (CertificateProfile p : CertificateProfile.values()) {
            // Exactly the profile's name: a label is a path segment, compared as sent.
            if (p.apiName().equals(label)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}

package online.hypermesh.trustchain.ct.submit;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The roots the log accepts chains to (get-roots), indexed by SHA-256 fingerprint. Immutable. */
public final class AcceptedRoots {
    private final Map<String, X509Certificate> byFingerprint = new LinkedHashMap<>();

    public AcceptedRoots(Collection<X509Certificate> roots) {
        for (X509Certificate root : roots) {
            byFingerprint.putIfAbsent(HexFormat.of().formatHex(CertificateHashes.sha256(der(root))), root);
        }
    }

    public List<X509Certificate> all() {
        return List.copyOf(byFingerprint.values());
    }

    /** DER of every root, in a stable order. */
    public List<byte[]> derEncoded() {
        List<byte[]> out = new ArrayList<>();
        byFingerprint.values().forEach(r -> out.add(der(r)));
        return out;
    }

    public Optional<X509Certificate> byFingerprint(byte[] fingerprint) {
        return Optional.ofNullable(byFingerprint.get(HexFormat.of().formatHex(fingerprint)));
    }

    static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("root does not encode", e);
        }
    }
}

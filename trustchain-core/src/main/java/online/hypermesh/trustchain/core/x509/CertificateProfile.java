package online.hypermesh.trustchain.core.x509;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.x509.KeyPurposeId;

import online.hypermesh.trustchain.core.error.TrustChainException;

/**
 * What a leaf certificate is for. Each profile fixes the extended key usages, which kinds of
 * names it may carry, and the longest validity it may be issued with. TrustChain issues
 * short-lived certificates: 24 hours unless the request asks for less or more (up to the maximum).
 */
public enum CertificateProfile {
    /** TLS servers. The CA/Browser Forum TLS profile allows only DNS names and IP addresses (BR 7.1.2.7.12). */
    SERVER("server", false, KeyPurposeId.id_kp_serverAuth),
    /** TLS clients (mutual TLS). URIs allowed, e.g. SPIFFE IDs; no CA/Browser Forum policy. */
    CLIENT("client", true, KeyPurposeId.id_kp_clientAuth),
    /** Mesh services that are both client and server: a TLS server certificate, so names as for {@link #SERVER}. */
    SERVICE("service", false, KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);

    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);
    /** 30 days: long enough for the odd offline system, short enough that revocation rarely matters. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(30);

    private final String apiName;
    private final boolean allowsUris;
    private final List<KeyPurposeId> extendedKeyUsages;

    CertificateProfile(String apiName, boolean allowsUris, KeyPurposeId... extendedKeyUsages) {
        this.apiName = apiName;
        this.allowsUris = allowsUris;
        this.extendedKeyUsages = List.of(extendedKeyUsages);
    }

    public String apiName() {
        return apiName;
    }

    public boolean allowsUris() {
        return allowsUris;
    }

    public boolean isTlsServer() {
        return extendedKeyUsages.contains(KeyPurposeId.id_kp_serverAuth);
    }

    public List<KeyPurposeId> extendedKeyUsages() {
        return extendedKeyUsages;
    }

    public Duration maxValidity() {
        return MAX_VALIDITY;
    }

    /** The validity to issue with: the default when none is asked for; a policy error past the maximum. */
    public Duration validity(Integer requestedHours) {
        if (requestedHours == null) {
            return DEFAULT_VALIDITY;
        }
        if (requestedHours < 1) {
            throw TrustChainException.policy("validity_hours must be at least 1, was " + requestedHours);
        }
        Duration requested = Duration.ofHours(requestedHours);
        if (requested.compareTo(maxValidity()) > 0) {
            throw TrustChainException.policy("validity_hours " + requestedHours + " exceeds the maximum of "
                    + maxValidity().toHours() + " hours for profile " + apiName);
        }
        return requested;
    }

    /** Looks a profile up by its API name; a policy error naming the valid ones if unknown. */
    public static CertificateProfile fromApiName(String name) {
        if (name == null || name.isBlank()) {
            return SERVER;
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.apiName.equals(wanted)).findFirst()
                .orElseThrow(() -> TrustChainException.policy("unknown profile '" + name + "'; use one of server, client, service"));
    }
}

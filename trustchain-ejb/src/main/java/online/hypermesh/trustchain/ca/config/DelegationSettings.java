package online.hypermesh.trustchain.ca.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Delegated issuance: the profiles whose certificates an enterprise's own CA issues, over CMP
 * (p10cr protected by a shared-secret MAC), after TrustChain's registration checks passed. Off
 * by default (no profile listed). One external CA; its certificate is the anchor the issued
 * certificates must chain to, and the secret is read from a file when the server starts.
 */
public record DelegationSettings(List<String> profiles, String name, URI url, String reference, Path secretFile, Path caFile,
                                 Duration timeout) {

    public static final Setting<List<String>> PROFILES = Setting.of("trustchain.delegation.profiles", "list of server/client/service",
            List.of(), "none", "the profiles whose certificates the external CA issues instead of TrustChain's signer (comma-separated);"
                    + " none: delegation is off", t -> Values.list(t, p -> {
                        if (!List.of("server", "client", "service").contains(p)) {
                            throw new IllegalArgumentException("lists '" + p + "'; profiles: server, client, service");
                        }
                        return p;
                    }));
    public static final Setting<String> NAME = Setting.of("trustchain.delegation.name", "word", "external-ca", "external-ca",
            "how the external CA is named in certificate rows (issuer), audit events and errors", t -> {
                if (!t.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                    throw new IllegalArgumentException("must be lower-case letters, digits and dashes (at most 63), was '" + t + "'");
                }
                return t;
            });
    public static final Setting<URI> URL = Setting.of("trustchain.delegation.url", "http(s) URL", null, "none",
            "with delegated profiles: the external CA's CMP endpoint (RFC 6712), e.g. http://ca.example.com:8080/pkix/", t -> {
                URI uri;
                try {
                    uri = URI.create(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("must be an http:// or https:// URL, was '" + t + "'");
                }
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new IllegalArgumentException("must be an http:// or https:// URL with a host, was '" + t + "'");
                }
                return uri;
            });
    public static final Setting<String> REFERENCE = Setting.text("trustchain.delegation.reference", null,
            "with delegated profiles: the reference (senderKID) the external CA knows TrustChain's shared secret by");
    public static final Setting<Path> SECRET_FILE = Setting.of("trustchain.delegation.secret.file", "path", null, "none",
            "with delegated profiles: the file holding the shared secret of the CMP password-based MAC (never logged)",
            t -> Path.of(t).toAbsolutePath());
    public static final Setting<Path> CA_FILE = Setting.of("trustchain.delegation.ca.file", "path", null, "none",
            "with delegated profiles: PEM file of the external CA's certificate, the anchor every delegated certificate must chain to",
            t -> Path.of(t).toAbsolutePath());
    public static final Setting<Integer> TIMEOUT_SECONDS = Setting.integer("trustchain.delegation.timeout.seconds", 10, 1, 120,
            "how long TrustChain waits for the external CA to connect and to answer each CMP message");

    public boolean enabled() {
        return !profiles.isEmpty();
    }

    public boolean delegates(String profile) {
        return profiles.contains(profile);
    }

    static DelegationSettings read(Settings s) {
        List<String> profiles = s.get(PROFILES);
        URI url = s.find(URL).orElse(null);
        String reference = s.get(REFERENCE);
        Path secret = s.find(SECRET_FILE).orElse(null);
        Path ca = s.find(CA_FILE).orElse(null);
        if (!profiles.isEmpty()) {
            String why = "is not set, and " + PROFILES.name() + " delegates " + String.join(", ", profiles);
            if (url == null) {
                s.reject(URL, why);
            }
            if (reference == null || reference.isBlank()) {
                s.reject(REFERENCE, why);
            }
            requireReadable(s, SECRET_FILE, secret, why);
            requireReadable(s, CA_FILE, ca, why);
        }
        return new DelegationSettings(profiles, s.get(NAME), url, reference, secret, ca, Duration.ofSeconds(s.get(TIMEOUT_SECONDS)));
    }

    private static void requireReadable(Settings s, Setting<Path> setting, Path file, String why) {
        if (file == null) {
            s.reject(setting, why);
        } else if (!Files.isReadable(file)) {
            s.reject(setting, "names " + file + ", which cannot be read");
        }
    }
}

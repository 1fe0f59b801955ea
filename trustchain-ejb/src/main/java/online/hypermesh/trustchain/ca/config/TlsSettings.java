package online.hypermesh.trustchain.ca.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTPS listener: the names its certificate carries, its key store's password (needed only
 * where the server keeps its TLS key there) and the management endpoint through which the server
 * makes WildFly reload the key store after a renewal.
 */
public record TlsSettings(List<String> names, Optional<String> keystorePassword, String managementHost, int managementPort) {

    public static final Setting<List<String>> NAMES = Setting.of("trustchain.tls.names", "list of DNS names and IP addresses", null,
            "localhost,::1,127.0.0.1 and the host name", "names in the HTTPS listener's certificate",
            t -> List.copyOf(Values.list(t, n -> n).stream().distinct().toList()));
    public static final Setting<String> KEYSTORE_PASSWORD = Setting.of("trustchain.tls.keystore.password", "secret text", null, "none",
            "password of <data-dir>/tls/https.p12, the HTTPS listener's key store (set by the launcher)", t -> t).secretValue();
    public static final Setting<String> MANAGEMENT_HOST = Setting.text("trustchain.management.host", "127.0.0.1",
            "WildFly management endpoint used to reload the TLS keys");
    public static final Setting<Integer> MANAGEMENT_PORT = Setting.integer("trustchain.management.port", "9990 + port offset", 1, 65535,
            "port of that management endpoint");

    static TlsSettings read(Settings s) {
        // WildFly shifts its management port with the socket-binding port offset; follow it.
        return new TlsSettings(s.get(NAMES, defaultNames()), s.find(KEYSTORE_PASSWORD), s.get(MANAGEMENT_HOST),
                s.get(MANAGEMENT_PORT, 9990 + s.portOffset()));
    }

    private static List<String> defaultNames() {
        List<String> names = new ArrayList<>(List.of("localhost", "::1", "127.0.0.1"));
        String host = TrustChainConfig.hostName();
        if (host.matches("[A-Za-z0-9.-]+") && !host.equals("localhost")) {
            names.add(host.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(names);
    }

    @Override
    public String toString() {
        return "TlsSettings[names=" + names + ", keystorePassword=" + (keystorePassword.isPresent() ? "(set)" : "(none)")
                + ", management=" + managementHost + ":" + managementPort + "]";
    }
}

package online.hypermesh.trustchain.ca.config;

import java.util.Optional;

/** The HTTPS listener's key store; its password is needed only where the server keeps its TLS key there. */
public record TlsSettings(Optional<String> keystorePassword) {

    public static final Setting<String> KEYSTORE_PASSWORD = Setting.of("trustchain.tls.keystore.password", "secret text", null, "none",
            "password of <data-dir>/tls/https.p12, the HTTPS listener's key store (set by the launcher)", t -> t).secretValue();

    static TlsSettings read(Settings s) {
        return new TlsSettings(s.find(KEYSTORE_PASSWORD));
    }

    @Override
    public String toString() {
        return "TlsSettings[keystorePassword=" + (keystorePassword.isPresent() ? "(set)" : "(none)") + "]";
    }
}

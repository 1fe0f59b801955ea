package online.hypermesh.trustchain.ca.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which crypto token holds the CA keys, and the operator secret that encrypts the software token's
 * keys: given directly, else in a file, else {@code <data-dir>/operator-secret}.
 */
public record CryptoTokenSettings(String type, Optional<String> operatorSecret, Optional<Path> operatorSecretFile) {

    public static final Setting<String> TOKEN = Setting.choice("trustchain.crypto.token", "software", List.of("software"),
            "the crypto token holding the CA keys (pkcs11 arrives with the HSM connector)");
    public static final Setting<String> OPERATOR_SECRET = Setting.of("trustchain.operator.secret", "secret text, 16 characters or more", null, "none",
            "the secret that encrypts the software token's keys", t -> {
                if (t.length() < 16) {
                    throw new IllegalArgumentException("must be at least 16 characters");
                }
                return t;
            }).secretValue();
    public static final Setting<Path> OPERATOR_SECRET_FILE = Setting.of("trustchain.operator.secret.file", "path", null,
            "<data-dir>/operator-secret", "file holding the operator secret; created with 32 random bytes if missing",
            t -> Path.of(t).toAbsolutePath());

    static CryptoTokenSettings read(Settings s) {
        return new CryptoTokenSettings(s.get(TOKEN), s.find(OPERATOR_SECRET), s.find(OPERATOR_SECRET_FILE));
    }

    @Override
    public String toString() {
        return "CryptoTokenSettings[type=" + type + ", operatorSecret=" + (operatorSecret.isPresent() ? "(set)" : "(none)")
                + ", operatorSecretFile=" + operatorSecretFile + "]";
    }
}
